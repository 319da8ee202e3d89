using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Contracts;

/// <summary>
/// A contract's incidents as tickets take them in their own transaction and give them back: the count on the
/// contract, the rows that say which ticket used one, and what a ticket reads back.
/// </summary>
public abstract class IncidentUseTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private ContractStore Contracts => new(Connections);

    private sealed record Seeded(int Organisation, int Requester, int Engineer, int Contract, int Other);

    private async Task<Seeded> SeedAsync(int? allowance)
    {
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var requester = await TestRows.UserAsync(Connections, "a@contoso.example", organisation);
        var engineer = await TestRows.UserAsync(Connections, "eng@helpdesk.test");
        var ledger = await new ScopeStore(Connections).CreateProductAsync(new Product { Code = "ledger", Name = "Ledger" });
        var plan = await Contracts.SavePlanAsync(new Plan { Code = "basic", Name = "Basic", Channels = SupportChannels.Web, IncidentAllowance = allowance });
        var contract = await Contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan!.Id, ProductIds = [ledger!.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        var other = await Contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan.Id, ProductIds = [ledger.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        return new Seeded(organisation, requester, engineer, contract!.Id, other!.Id);
    }

    private Task<Ticket> FileAsync(Seeded seed, EntitlementDecision? decision, string subject = "Help") =>
        JudgedTickets.CreateAsync(Connections, seed.Organisation, seed.Requester, decision, Now, subject);

    private Task<Ticket?> MoveAsync(Ticket ticket, IncidentMove move, int actorId) =>
        TestStores.Tickets(Connections).UpdateAsync(new TicketUpdate(ticket with { UpdatedUtc = Now.AddHours(1) }, actorId, [new AuditChange("incident", null, "moved")], Now.AddHours(1)) { Incident = move });

    [SkippableFact]
    public async Task CreateAsync_TakesAnIncident_OnlyForAnEntitledDecisionOnAKnownProduct()
    {
        var seed = await SeedAsync(allowance: 5);

        var entitled = await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract));
        var provisional = await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract, productCode: null));
        var outOfScope = await FileAsync(seed, JudgedTickets.Decision(Verdict.OutOfScope, seed.Contract));

        entitled.IncidentContractId.Should().Be(seed.Contract);
        provisional.IncidentContractId.Should().BeNull("a ticket that needs classification uses no incident yet");
        outOfScope.IncidentContractId.Should().BeNull();
        (await TestStores.Tickets(Connections).GetAsync(entitled.Id, TicketScope.Staff))!.IncidentContractId.Should().Be(seed.Contract);
        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(1);
        (await Contracts.ListIncidentsAsync(seed.Contract)).Should().ContainSingle().Which.TicketId.Should().Be(entitled.Id);
    }

    [SkippableFact]
    public async Task CreateAsync_SavesNothing_AndSaysSo_WhenTheLastIncidentIsGone()
    {
        var seed = await SeedAsync(allowance: 1);
        await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract), "first");

        var second = () => FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract), "second");

        (await second.Should().ThrowAsync<IncidentAllowanceUsedException>()).Which.ContractId.Should().Be(seed.Contract);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets")).Should().Be(1, "the ticket that lost the race was rolled back");
        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(1);
    }

    [SkippableFact]
    public async Task CreateAsync_CountsIncidentsOfAnUnlimitedPlanToo()
    {
        var seed = await SeedAsync(allowance: null);

        for (var i = 0; i < 3; i++)
        {
            await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract), $"ticket {i}");
        }

        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(3);
    }

    [SkippableFact]
    public async Task UpdateAsync_GivesBackTheIncident_OnceOnly_WithWhoAndWhy()
    {
        var seed = await SeedAsync(allowance: 5);
        var ticket = await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract));

        var given = await MoveAsync(ticket, IncidentMove.GiveBack("merged as a duplicate of HD-1"), seed.Engineer);
        var again = await MoveAsync(given!, IncidentMove.GiveBack("not an incident: a question"), seed.Engineer);

        given!.IncidentContractId.Should().BeNull();
        again!.IncidentContractId.Should().BeNull();
        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(0, "an incident is never given back twice");
        var use = (await Contracts.ListIncidentsAsync(seed.Contract)).Should().ContainSingle().Subject;
        use.GivenBack.Should().BeTrue();
        use.ReturnedUtc.Should().Be(Now.AddHours(1));
        use.ReturnedByName.Should().Be("eng@helpdesk.test");
        use.ReturnReason.Should().Be("merged as a duplicate of HD-1");
        (await TestStores.Tickets(Connections).GetAsync(ticket.Id, TicketScope.Staff))!.IncidentContractId.Should().BeNull();
    }

    [SkippableFact]
    public async Task UpdateAsync_MovesTheIncidentToAnotherContract_AndKeepsTheHistory()
    {
        var seed = await SeedAsync(allowance: 5);
        var ticket = await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract));

        var moved = await MoveAsync(ticket, new IncidentMove("reclassified under contract C-0002", seed.Other), seed.Engineer);

        moved!.IncidentContractId.Should().Be(seed.Other);
        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(0);
        (await Contracts.CountIncidentsAsync(seed.Other)).Should().Be(1);
        (await Contracts.ListIncidentsAsync(seed.Contract)).Should().ContainSingle().Which.GivenBack.Should().BeTrue();
        (await TestStores.Tickets(Connections).GetAsync(ticket.Id, TicketScope.Staff))!.IncidentContractId.Should().Be(seed.Other);
    }

    [SkippableFact]
    public async Task UpdateAsync_SavesNothing_WhenTheIncidentToTakeIsGone()
    {
        var seed = await SeedAsync(allowance: 1);
        await FileAsync(seed, JudgedTickets.Decision(Verdict.Entitled, seed.Contract), "holds the only one");
        var ticket = await FileAsync(seed, JudgedTickets.Decision(Verdict.OutOfScope, seed.Contract), "wants one");

        var take = () => MoveAsync(ticket with { Subject = "changed" }, new IncidentMove(null, seed.Contract), seed.Engineer);

        await take.Should().ThrowAsync<IncidentAllowanceUsedException>();
        var stored = await TestStores.Tickets(Connections).GetAsync(ticket.Id, TicketScope.Staff);
        stored!.Subject.Should().Be("wants one", "the whole change was rolled back");
        stored.Version.Should().Be(ticket.Version);
        (await Contracts.CountIncidentsAsync(seed.Contract)).Should().Be(1);
    }
}

public sealed class SqliteIncidentUseTests : IncidentUseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerIncidentUseTests : IncidentUseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
