using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>The triggers of 0010 log each change to an input of the facts in the transaction that makes it.</summary>
public abstract class ChangeLogTriggerTests : ProviderTestBase
{
    [SkippableFact]
    public async Task TimeEntry_WrittenAndCommitted_IsLoggedAgainstItsTicket_AndARolledBackOneLogsNothing()
    {
        var world = await EconomicsWorld.SeedAsync(Connections, tickets: 3);
        var before = await CountAsync();
        const string insert = """
            INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
            VALUES (@Ticket, @Engineer, 30, @Day, 'x', 1, @Now)
            """;
        var args = new { Ticket = world.Tickets[0], Engineer = world.InHouse, Day = new DateOnly(2026, 3, 1), Now = EconomicsWorld.AsOf };

        await using (var c = await Connections.OpenAsync())
        {
            await using var rolledBack = await c.BeginTransactionAsync();
            await c.ExecuteAsync(insert, args, rolledBack);
            await rolledBack.RollbackAsync();
        }

        (await CountAsync()).Should().Be(before, "a change that never happened logs nothing");
        await using (var c = await Connections.OpenAsync())
        {
            await using var committed = await c.BeginTransactionAsync();
            await c.ExecuteAsync(insert, args, committed);
            await committed.CommitAsync();
        }

        var logged = await new Data.Economics.EconomicsStore(Connections).ReadChangesAsync(10_000);
        logged.Count.Should().Be(before + 1);
        logged[^1].Should().Match<EconomicsChange>(c => c.Kind == ChangeKinds.Ticket && c.EntityId == world.Tickets[0]);
    }

    [SkippableFact]
    public async Task EveryInputTable_LogsItsChangeByKind()
    {
        var world = await EconomicsWorld.SeedAsync(Connections, tickets: 2);
        int plan;
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("DELETE FROM EconomicsChanges");
            await c.ExecuteAsync("UPDATE Tickets SET Subject = 'moved' WHERE Id = @Id", new { Id = world.Tickets[1] });
            await c.ExecuteAsync("UPDATE Contracts SET ValueCents = 1 WHERE Id = @Id", new { Id = world.Contracts[1] });
            await c.ExecuteAsync("UPDATE EngineerRates SET HourlyCents = 1 WHERE UserId = @Id", new { Id = world.InHouse });
            await c.ExecuteAsync("UPDATE EngineerProfiles SET Available = 0 WHERE UserId = @Id", new { Id = world.Supplier });
            await c.ExecuteAsync("UPDATE EngineerProfiles SET PricePerCaseCents = 1 WHERE UserId = @Id", new { Id = world.Supplier });
            await c.ExecuteAsync("UPDATE Organisations SET Segment = 'Smb' WHERE Id = @Id", new { Id = world.Organisations[0] });
            await c.ExecuteAsync("UPDATE Organisations SET Region = 'Apac' WHERE Id = @Id", new { Id = world.Organisations[1] });
            const string planChanges = "SELECT COUNT(*) FROM EconomicsChanges WHERE Kind = 'plan'";
            await c.ExecuteAsync("UPDATE Plans SET Name = 'Renamed'");
            await c.ExecuteAsync("INSERT INTO HolidayCalendars (Name, Version) VALUES ('Office', 1)");
            await c.ExecuteAsync("INSERT INTO Holidays (CalendarId, Day, Name) SELECT Id, '2026-03-02', 'Unused' FROM HolidayCalendars WHERE Name = 'Office'");
            (await c.ExecuteScalarAsync<int>(planChanges)).Should().Be(0, "a plan's name and a calendar no plan uses change no ticket's facts");
            await c.ExecuteAsync("UPDATE Plans SET OpensMinute = 480, AroundTheClock = 0");
            (await c.ExecuteScalarAsync<int>(planChanges)).Should().BePositive("support hours give the business minutes");
            await c.ExecuteAsync("UPDATE Plans SET HolidayCalendarId = (SELECT Id FROM HolidayCalendars WHERE Name = 'Office')");
            await c.ExecuteAsync("DELETE FROM EconomicsChanges WHERE Kind = 'plan'");
            await c.ExecuteAsync("INSERT INTO Holidays (CalendarId, Day, Name) SELECT Id, '2026-03-03', 'Closed' FROM HolidayCalendars WHERE Name = 'Office'");
            (await c.ExecuteScalarAsync<int>(planChanges)).Should().BePositive("a holiday of the plan's calendar is not support time");
            plan = await c.ExecuteScalarAsync<int>("SELECT MIN(Id) FROM Plans");
        }

        await world.AddNpsAsync(world.Customer, world.Organisations[0], 9, new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc));

        var logged = await new Data.Economics.EconomicsStore(Connections).ReadChangesAsync(100);
        // SQLite logs a row at a time, SQL Server a statement at a time: the same changes, told once or per row.
        logged.Select(c => (c.Kind, c.EntityId, c.Day)).Distinct().Should().Equal(
            (ChangeKinds.Ticket, world.Tickets[1], null),
            (ChangeKinds.Contract, world.Contracts[1], null),
            (ChangeKinds.Engineer, world.InHouse, null),
            (ChangeKinds.Engineer, world.Supplier, null),
            (ChangeKinds.Organisation, world.Organisations[1], null),
            (ChangeKinds.Plan, plan, null),
            (ChangeKinds.Nps, world.Organisations[0], "2026-03-02"));
    }

    [SkippableFact]
    public async Task TakingAndGivingBackAnIncident_LogsNoContractChange_ButBuyingIncidentsOrAnEditDoes()
    {
        var world = await EconomicsWorld.SeedAsync(Connections, tickets: 2);
        var contract = world.Contracts[0];
        const string contractChanges = "SELECT COUNT(*) FROM EconomicsChanges WHERE Kind = 'contract' AND EntityId = @Id";
        await using var c = await Connections.OpenAsync();
        await c.ExecuteAsync("DELETE FROM EconomicsChanges");

        await using (var transaction = await c.BeginTransactionAsync())
        {
            (await IncidentRows.TakeAsync(c, transaction, contract, world.Tickets[0], EconomicsWorld.AsOf, CancellationToken.None)).Should().BeTrue();
            (await IncidentRows.GiveBackAsync(c, transaction, world.Tickets[0], null, "Not an incident after all.", EconomicsWorld.AsOf, CancellationToken.None)).Should().Be(contract);
            await transaction.CommitAsync();
        }

        (await c.ExecuteScalarAsync<int>(contractChanges, new { Id = contract })).Should().Be(0, "the count of incidents used is no fact's input");
        await c.ExecuteAsync("UPDATE Contracts SET IncidentsBought = IncidentsBought + 5 WHERE Id = @Id", new { Id = contract });
        (await c.ExecuteScalarAsync<int>(contractChanges, new { Id = contract })).Should().BePositive("incidents bought are part of what the customer pays for");
        await c.ExecuteAsync("DELETE FROM EconomicsChanges");
        await c.ExecuteAsync("UPDATE Contracts SET Status = 'Cancelled', IncidentsUsed = IncidentsUsed + 1 WHERE Id = @Id", new { Id = contract });
        (await c.ExecuteScalarAsync<int>(contractChanges, new { Id = contract })).Should().BePositive("a cancellation ends the revenue");
    }

    private async Task<int> CountAsync()
    {
        await using var c = await Connections.OpenAsync();
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM EconomicsChanges");
    }
}

public sealed class SqliteChangeLogTriggerTests : ChangeLogTriggerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerChangeLogTriggerTests : ChangeLogTriggerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
