using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Contracts;

/// <summary>A contract's audit trail: the line of a save, a cancellation or a reinstatement is written with it or not at all.</summary>
public abstract class ContractHistoryStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ContractStore Store => new(Connections, new FakeTimeProvider(new DateTimeOffset(Now)));

    private ScopeStore Catalogue => new(Connections);

    private ManageAuditStore Audit => new(Connections);

    private static readonly SupportHours LondonHours = new() { TimeZone = "Europe/London", OpensMinute = 9 * 60, ClosesMinute = (17 * 60) + 30 };

    private sealed record Seeded(int Organisation, int Manager, Product Keel, Plan Basic, HolidayCalendar England, HolidayCalendar Japan);

    private async Task<Seeded> SeedAsync()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Fabrikam Robotics");
        var manager = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var keel = (await Catalogue.CreateProductAsync(new Product { Code = "keel", Name = "Keel RTOS" }))!;
        var england = (await Store.SaveCalendarAsync(new HolidayCalendar { Name = "England", Days = [new Holiday(new DateOnly(2026, 5, 4), "Early May bank holiday")] }))!;
        var japan = (await Store.SaveCalendarAsync(new HolidayCalendar { Name = "Japan", Days = [new Holiday(new DateOnly(2026, 4, 29), "Showa Day"), new Holiday(new DateOnly(2026, 5, 6), "Substitute holiday")] }))!;
        var basic = (await Store.SavePlanAsync(new Plan
        {
            Code = "basic",
            Name = "Basic",
            Channels = SupportChannels.Web,
            Hours = LondonHours,
            HolidayCalendarId = england.Id,
            Targets = [new SlaTarget(HelpDesk.Core.Tickets.Severity.Normal, 16 * 60, 40 * 60)],
        }))!;
        return new Seeded(organisation, manager, keel, basic, england, japan);
    }

    private static Contract Tokyo(Seeded seeded, string? zone = "Asia/Tokyo", bool ownCalendar = true) => new()
    {
        OrganisationId = seeded.Organisation,
        PlanId = seeded.Basic.Id,
        ProductIds = [seeded.Keel.Id],
        StartsOn = new DateOnly(2026, 1, 1),
        EndsOn = new DateOnly(2026, 12, 31),
        TimeZone = "Asia/Tokyo",
        SupportTimeZone = zone,
        HolidayCalendarId = ownCalendar ? seeded.Japan.Id : null,
        ValueCents = 540_000,
        Status = ContractStatus.Active,
    };

    private static ManageAuditEntry Line(int actor, string action) => new() { Subject = AuditSubjects.Contract, ActorId = actor, Action = action, Detail = "Details.", AtUtc = Now };

    [SkippableFact]
    public async Task SaveContractAsync_WritesItsAuditLine_UnderTheNewContractsId()
    {
        var seeded = await SeedAsync();

        var saved = await Store.SaveContractAsync(Tokyo(seeded), Line(seeded.Manager, "created"));

        var history = await Audit.ListAsync(AuditSubjects.Contract, saved!.Id);
        history.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Subject = AuditSubjects.Contract,
            SubjectId = saved.Id,
            ActorId = seeded.Manager,
            ActorName = "manager@helpdesk.test",
            Action = "created",
            Detail = "Details.",
            AtUtc = Now,
        });
    }

    [SkippableFact]
    public async Task SetStatusAsync_CancelsAndReinstates_WithItsLine_AndAStaleVersionChangesNothing()
    {
        var seeded = await SeedAsync();
        var contract = (await Store.SaveContractAsync(Tokyo(seeded)))!;

        var cancelled = await Store.SetStatusAsync(contract.Id, contract.Version, ContractStatus.Cancelled, Line(seeded.Manager, "cancelled"));
        var stale = await Store.SetStatusAsync(contract.Id, contract.Version, ContractStatus.Active, Line(seeded.Manager, "reinstated"));
        var reinstated = await Store.SetStatusAsync(contract.Id, cancelled!.Version, ContractStatus.Active, Line(seeded.Manager, "reinstated"));

        cancelled.Status.Should().Be(ContractStatus.Cancelled);
        cancelled.Version.Should().Be(contract.Version + 1);
        stale.Should().BeNull();
        reinstated!.Status.Should().Be(ContractStatus.Active);
        reinstated.SupportTimeZone.Should().Be("Asia/Tokyo");
        (await Audit.ListAsync(AuditSubjects.Contract, contract.Id)).Select(l => (l.Action, l.SubjectId)).Should().Equal(("reinstated", contract.Id), ("cancelled", contract.Id));
    }

    [SkippableFact]
    public async Task ListOpenTicketsAsync_ListsTheContractsTicketsThatAreNeitherResolvedNorClosed()
    {
        var seeded = await SeedAsync();
        var contract = (await Store.SaveContractAsync(Tokyo(seeded)))!;
        var requester = await TestRows.UserAsync(Connections, "a@fabrikam.example", seeded.Organisation);
        await using var connection = await Connections.OpenAsync();
        foreach (var status in new[] { "New", "Resolved", "PendingCustomer", "Closed", "OnHold" })
        {
            await connection.ExecuteAsync("""
                INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc, ContractId, Verdict)
                VALUES (@Organisation, @Requester, @Status, 'Web', 3, @Status, @Now, @Now, @ContractId, 'Entitled')
                """, new { seeded.Organisation, Requester = requester, Status = status, Now, ContractId = contract.Id });
        }

        var open = await Store.ListOpenTicketsAsync(contract.Id);

        var subjects = (await connection.QueryAsync<string>("SELECT Subject FROM Tickets WHERE Id IN @Ids ORDER BY Id", new { Ids = open })).ToList();
        subjects.Should().Equal("New", "PendingCustomer", "OnHold");
    }
}

public sealed class SqliteContractHistoryStoreTests : ContractHistoryStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerContractHistoryStoreTests : ContractHistoryStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
