using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

public abstract class TicketEntitlementTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    private TicketStore Store => TestStores.Tickets(Connections);

    private sealed record Seeded(int Organisation, int Requester, int Engineer, int ContractId, int ScopeId);

    private async Task<Seeded> SeedAsync()
    {
        var catalogue = new ScopeStore(Connections);
        var contracts = new ContractStore(Connections);
        var organisation = await TestRows.OrganisationAsync(Connections, "Contoso");
        var requester = await TestRows.UserAsync(Connections, "a@contoso.example", organisation);
        var engineer = await TestRows.UserAsync(Connections, "eng@helpdesk.test");
        var product = await catalogue.CreateProductAsync(new Product { Code = "ledger", Name = "Ledger" });
        var draft = await catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = product!.Id, EffectiveOn = new DateOnly(2026, 1, 1) });
        var scope = await catalogue.PublishAsync(draft!.Id, draft.Version, engineer, Now);
        var plan = await contracts.SavePlanAsync(new Plan { Code = "basic", Name = "Basic", Channels = SupportChannels.Web });
        var contract = await contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan!.Id, ProductIds = [product.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        return new Seeded(organisation, requester, engineer, contract!.Id, scope!.Id);
    }

    private static EntitlementDecision Decision(Seeded seed) => new()
    {
        Verdict = Verdict.OutOfScope,
        Reasons =
        [
            new EntitlementReason("Release 1.0 is no longer supported.", ScopeClauses.SupportedReleases),
            new EntitlementReason("Contract C-0001 covers Ledger.", Contract: Contract.FormatNumber(seed.ContractId)),
        ],
        ProductCode = "ledger",
        ScopeId = seed.ScopeId,
        ScopeNumber = 1,
        ContractId = seed.ContractId,
        ContractNumber = Contract.FormatNumber(seed.ContractId),
        PlanName = "Basic",
        Sla = new SlaTarget(Severity.High, 120, 960),
        OutOfScopeCategories = [RequestCategories.Backport],
        NeedsReview = true,
    };

    private async Task<Ticket> CreateAsync(Seeded seed, EntitlementDecision? decision)
    {
        var ticket = new Ticket
        {
            OrganisationId = seed.Organisation,
            RequesterId = seed.Requester,
            Subject = "Backport the rounding fix to 1.0",
            Channel = TicketChannel.Web,
            Product = "ledger",
            ProductRelease = "1.0",
            Category = RequestCategories.Backport,
            ModifiedSource = true,
            Severity = Severity.High,
            Status = TicketStatus.New,
            Entitlement = decision,
            FirstResponseDueUtc = decision is null ? null : Now.AddHours(2),
            CreatedUtc = Now,
            UpdatedUtc = Now,
        };
        return await Store.CreateAsync(new NewTicket(ticket, new NewMessage(seed.Requester, MessageKind.Reply, MessageBody.FromPlainText("Please.")), _ => [], Now));
    }

    [SkippableFact]
    public async Task CreateAsync_StoresTheDecisionAsJson_AndCopiesItsVerdictContractAndScope()
    {
        var seed = await SeedAsync();

        var created = await CreateAsync(seed, Decision(seed));

        var loaded = await Store.GetAsync(created.Id, TicketScope.Staff);
        loaded.Should().BeEquivalentTo(created);
        loaded!.Entitlement.Should().BeEquivalentTo(Decision(seed), o => o.WithStrictOrdering());
        loaded.ModifiedSource.Should().BeTrue();
        loaded.FirstResponseDueUtc.Should().Be(Now.AddHours(2));
        loaded.ResolveDueUtc.Should().BeNull();
        loaded.Override.Should().BeNull();
        loaded.Verdict.Should().Be(Verdict.OutOfScope);
        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Verdict, int ContractId, int ScopeVersionId, string Entitlement)>(
            "SELECT Verdict, ContractId, ScopeVersionId, Entitlement FROM Tickets WHERE Id = @Id", new { created.Id });
        row.Verdict.Should().Be("OutOfScope");
        row.ContractId.Should().Be(seed.ContractId);
        row.ScopeVersionId.Should().Be(seed.ScopeId);
        row.Entitlement.Should().Contain("\"OutOfScope\"").And.Contain("\"High\"");
    }

    [SkippableFact]
    public async Task UpdateAsync_KeepsTheDecision_BesideTheOverride_AndTheListShowsTheVerdictInForce()
    {
        var seed = await SeedAsync();
        var created = await CreateAsync(seed, Decision(seed));
        var overriddenAt = Now.AddMinutes(30);

        var updated = await Store.UpdateAsync(new TicketUpdate(
            created with { Override = new EntitlementOverride(Verdict.Entitled, "Long-standing customer; goodwill.", seed.Engineer, overriddenAt), ResolveDueUtc = Now.AddDays(2), UpdatedUtc = overriddenAt },
            seed.Engineer,
            [new AuditChange("verdict", "OutOfScope", "Entitled")],
            overriddenAt));

        var loaded = await Store.GetAsync(created.Id, TicketScope.Staff);
        loaded.Should().BeEquivalentTo(updated);
        loaded!.Override.Should().Be(new EntitlementOverride(Verdict.Entitled, "Long-standing customer; goodwill.", seed.Engineer, overriddenAt));
        loaded.Entitlement!.Verdict.Should().Be(Verdict.OutOfScope);
        loaded.Verdict.Should().Be(Verdict.Entitled);
        var summary = (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff })).Items.Should().ContainSingle().Subject;
        summary.Verdict.Should().Be(Verdict.Entitled);
        summary.FirstResponseDueUtc.Should().Be(Now.AddHours(2));
        summary.ResolveDueUtc.Should().Be(Now.AddDays(2));
        (await new ContractStore(Connections).CountIncidentsAsync(seed.ContractId)).Should().Be(0, "incidents count the verdict given at intake");
    }

    [SkippableFact]
    public async Task ATicketWithoutADecision_ReadsBackWithNoVerdict()
    {
        var seed = await SeedAsync();

        var created = await CreateAsync(seed, decision: null);

        var loaded = await Store.GetAsync(created.Id, TicketScope.Staff);
        loaded!.Entitlement.Should().BeNull();
        loaded.Verdict.Should().BeNull();
        var summary = (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = [TicketStatus.New, TicketStatus.Open] })).Items.Should().ContainSingle().Subject;
        summary.Verdict.Should().BeNull();
        summary.FirstResponseDueUtc.Should().BeNull();
    }
}

public sealed class SqliteTicketEntitlementTests : TicketEntitlementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketEntitlementTests : TicketEntitlementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
