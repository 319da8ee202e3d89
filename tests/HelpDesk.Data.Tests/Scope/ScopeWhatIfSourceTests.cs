using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Scope;

public abstract class ScopeWhatIfSourceTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task LoadAsync_ReadsThePeriodsTicketsOfTheProduct_WithTheContractsCoveringItAndTheirCustomers()
    {
        var catalogue = new ScopeStore(Connections);
        var contracts = new ContractStore(Connections);
        var contoso = await TestRows.OrganisationAsync(Connections, "Contoso");
        var fabrikam = await TestRows.OrganisationAsync(Connections, "Fabrikam");
        var requester = await TestRows.UserAsync(Connections, "customer@contoso.example", contoso);
        var manager = await TestRows.UserAsync(Connections, "manager@helpdesk.test");
        var ledger = (await catalogue.CreateProductAsync(new Product { Code = "ledger", Name = "Ledger Pro" }))!;
        await catalogue.SaveReleaseAsync(new ProductRelease { ProductId = ledger.Id, Name = "2.0", ReleasedOn = new DateOnly(2025, 6, 1) });
        var draft = await catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = ledger.Id, EffectiveOn = new DateOnly(2026, 1, 1), ReleasesBack = 1 });
        await catalogue.PublishAsync(draft!.Id, draft.Version, manager, Now, ScopeApplication.AtRenewal);
        var next = (await catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = ledger.Id, EffectiveOn = new DateOnly(2026, 4, 1), ReleasesBack = 0 }))!;
        var plan = (await contracts.SavePlanAsync(new Plan { Code = "standard", Name = "Standard", Channels = SupportChannels.Web, Targets = [new SlaTarget(Severity.Normal, 240, 2400)] }))!;
        var contract = (await contracts.SaveContractAsync(new Contract
        {
            OrganisationId = contoso,
            PlanId = plan.Id,
            ProductIds = [ledger.Id],
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = new DateOnly(2026, 12, 31),
            ValueCents = 500_000,
            Status = ContractStatus.Active,
        }))!;

        await using (var connection = await Connections.OpenAsync())
        {
            const string insert = """
                INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, ProductRelease, Environment, Category, Severity, Status, CreatedUtc, UpdatedUtc)
                VALUES (@Organisation, @Requester, 'Report fails', 'Web', @Product, '2.0', 'windows-11', 'problem', 3, 'New', @At, @At)
                """;
            foreach (var (product, at) in new[] { ("Ledger Pro", Now.AddDays(-10)), ("Ledger Pro", Now.AddDays(-400)), ("Payroll", Now.AddDays(-5)) })
            {
                await connection.ExecuteAsync(insert, new { Organisation = contoso, Requester = requester, Product = product, At = at });
            }
        }

        var input = await new ScopeWhatIfSource(Connections).LoadAsync(ledger, next, Now.AddMonths(-12), Now);

        input.Tickets.Should().ContainSingle("only Ledger Pro's tickets of the period are replayed");
        var ticket = input.Tickets[0];
        ticket.Request.Should().BeEquivalentTo(new { OrganisationId = contoso, Product = "ledger", Release = "2.0", Environment = "windows-11", Channel = TicketChannel.Web, Severity = Severity.Normal });
        ticket.Request.AtUtc.Should().Be(Now.AddDays(-10));
        ticket.LabourCostCents.Should().Be(0);
        input.Contracts.Should().ContainSingle().Which.Contract.Id.Should().Be(contract.Id);
        input.PublishedScopes.Should().ContainSingle().Which.AppliesTo.Should().Be(ScopeApplication.AtRenewal);
        input.Customers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { OrganisationId = contoso, Name = "Contoso", ContractValueCents = 500_000L });
        input.Customers.Should().NotContain(c => c.OrganisationId == fabrikam);
        input.Draft.Should().Be(next);
    }
}

public sealed class SqliteScopeWhatIfSourceTests : ScopeWhatIfSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerScopeWhatIfSourceTests : ScopeWhatIfSourceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
