using System.Net;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Demo;

public sealed class DemoEntitlementTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Seed_JudgesEveryDemoTicket_SoThatEveryVerdictAppears()
    {
        var counts = await VerdictCountsAsync(app);

        counts.Keys.Should().BeEquivalentTo(Enum.GetNames<Verdict>(), "every demo ticket is judged and every verdict turns up");
        counts[nameof(Verdict.Entitled)].Should().BeGreaterThan(counts.Values.Sum() / 3, "most demo requests are entitled");
    }

    [Fact]
    public async Task Seed_HasContractsInEveryState()
    {
        using var scope = StartedScope();
        var contracts = await scope.ServiceProvider.GetRequiredService<IContractStore>().ListContractsAsync();
        var renewed = contracts.Where(c => c.RenewsContractId is not null).Select(c => c.RenewsContractId!.Value).ToHashSet();

        var states = contracts.Select(c => ContractTerms.StateOn(c, DateTime.UtcNow, renewed.Contains(c.Id))).ToList();

        states.Should().Contain([ContractState.Active, ContractState.Expired, ContractState.Renewed]);
        contracts.Should().Contain(c => c.RenewsContractId != null && ContractTerms.IsInTerm(c, DateTime.UtcNow), "the renewal of the renewed contract is in term");
    }

    [Fact]
    public async Task Seed_UsesUpTheIncidentsOfAContract_BeforeLaterTicketsAreAllowanceUsed()
    {
        using var scope = StartedScope();
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        await using var connection = await app.Connections.OpenAsync();
        var contractIds = (await connection.QueryAsync<int>("SELECT DISTINCT ContractId FROM Tickets WHERE Verdict = 'AllowanceUsed'")).ToList();

        var plans = new List<string>();
        foreach (var id in contractIds)
        {
            var contract = (await store.GetContractAsync(id))!;
            var plan = (await store.GetPlanAsync(contract.PlanId))!;
            plans.Add(plan.Code);
            (await store.CountIncidentsAsync(id)).Should().Be(plan.IncidentAllowance);

            var lastEntitled = await connection.ExecuteScalarAsync<DateTime>(
                "SELECT MAX(CreatedUtc) FROM Tickets WHERE ContractId = @Id AND Verdict = 'Entitled'", new { Id = id });
            var firstUsedUp = await connection.ExecuteScalarAsync<DateTime>(
                "SELECT MIN(CreatedUtc) FROM Tickets WHERE ContractId = @Id AND Verdict = 'AllowanceUsed'", new { Id = id });
            firstUsedUp.Should().BeAfter(lastEntitled);
        }

        plans.Should().Contain("basic", "Tailspin's six Basic incidents run out well before the end of its term");
    }

    [Fact]
    public async Task Seed_ChannelNotIncluded_IsABasicCustomerWritingByEmail()
    {
        await using var connection = await StartedConnectionAsync();

        var channels = (await connection.QueryAsync<(string Channel, string Plan)>("""
            SELECT t.Channel, p.Code
            FROM Tickets t JOIN Contracts c ON c.Id = t.ContractId JOIN Plans p ON p.Id = c.PlanId
            WHERE t.Verdict = 'ChannelNotIncluded'
            """)).ToList();

        channels.Should().NotBeEmpty().And.OnlyContain(c => c.Channel == "Email" && c.Plan == "basic");
    }

    [Fact]
    public async Task Seed_PublishesTwoScopeVersionsPerProduct()
    {
        await using var connection = await StartedConnectionAsync();

        var versions = (await connection.QueryAsync<(string Code, int Number, string EffectiveOn, DateTime PublishedUtc)>("""
            SELECT p.Code, s.Number, s.EffectiveOn, s.PublishedUtc
            FROM ScopeVersions s JOIN Products p ON p.Id = s.ProductId
            WHERE s.Status = 'Published'
            ORDER BY p.Code, s.Number
            """)).ToList();

        versions.GroupBy(v => v.Code).Should().HaveCount(3).And.OnlyContain(g => g.Select(v => v.Number).SequenceEqual(new[] { 1, 2 }));
        versions.Should().OnlyContain(v => v.PublishedUtc < DateTime.UtcNow && string.CompareOrdinal(v.EffectiveOn, DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) < 0);
    }

    [Fact]
    public async Task ScopePages_ShowTheDemoPolicyAndWhatChanged()
    {
        using var client = app.CreateAnonymousClient();

        var scope = await client.GetAsync("/scope");
        var compare = await client.GetAsync("/scope/keel/compare?from=1&to=2");

        scope.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await scope.Content.ReadAsStringAsync();
        html.Should().Contain("Keel RTOS").And.Contain("Mooring Gateway").And.Contain("Sextant Analytics");
        compare.StatusCode.Should().Be(HttpStatusCode.OK);
        var changes = await compare.Content.ReadAsStringAsync();
        changes.Should().Contain("two releases before it");
    }

    [Fact]
    public async Task Seed_ReasonsCiteTheClausesAndContractsTheyRestOn()
    {
        var tickets = await JudgedTicketsAsync();

        var outOfScope = tickets.Where(t => t.Entitlement!.Verdict == Verdict.OutOfScope).ToList();
        outOfScope.Should().NotBeEmpty();
        outOfScope.Should().OnlyContain(t => t.Entitlement!.ScopeNumber != null && t.Entitlement.OutOfScopeCategories.Count > 0);
        outOfScope.Should().OnlyContain(t => t.Entitlement!.Reasons.Any(r => r.Clause != null && r.Clause.StartsWith(ScopeClauses.OutOfScopePrefix, StringComparison.Ordinal)));
        var cited = outOfScope.SelectMany(t => t.Entitlement!.Reasons).Select(r => r.Clause).OfType<string>().ToHashSet();
        cited.Should().Contain([ScopeClauses.SupportedReleases, ScopeClauses.SupportedEnvironments, ScopeClauses.ModifiedSource]);

        tickets.Where(t => t.Entitlement!.Verdict != Verdict.NoContract)
            .Should().OnlyContain(t => t.Entitlement!.ContractNumber != null && t.Entitlement.Reasons.Any(r => r.Contract == t.Entitlement.ContractNumber));
        tickets.Where(t => t.Entitlement!.Verdict == Verdict.Entitled && !t.NeedsClassification)
            .Should().OnlyContain(t => t.FirstResponseDueUtc > t.CreatedUtc && t.ResolveDueUtc >= t.FirstResponseDueUtc);
        tickets.Where(t => t.NeedsClassification)
            .Should().NotBeEmpty().And.OnlyContain(t => t.FirstResponseDueUtc > t.CreatedUtc && t.ResolveDueUtc == null, "a provisional verdict runs only the first-response target");
    }

    [Fact]
    public async Task Seed_OverridesAFewOutOfScopeTickets_AsGoodwill_WithAReason()
    {
        var tickets = await JudgedTicketsAsync();

        var overridden = tickets.Where(t => t.Override is not null).ToList();

        overridden.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThanOrEqualTo(3);
        overridden.Should().OnlyContain(t => t.Override!.IsGoodwillOver(t.Entitlement!.Verdict) && t.Entitlement.Verdict == Verdict.OutOfScope && t.Override.Reason.Length > 20);
    }

    [Fact]
    public async Task Seed_IsTheSameEveryTime()
    {
        var first = await VerdictCountsAsync(app);

        await using var again = new HelpDeskAppFactory();
        var second = await VerdictCountsAsync(again);

        second.Should().Equal(first);
    }

    private static async Task<Dictionary<string, int>> VerdictCountsAsync(HelpDeskAppFactory factory)
    {
        using var client = factory.CreateAnonymousClient();
        await using var connection = await factory.Connections.OpenAsync();
        var rows = await connection.QueryAsync<(string? Verdict, int Count)>("SELECT Verdict, COUNT(*) FROM Tickets GROUP BY Verdict ORDER BY Verdict");
        return rows.ToDictionary(r => r.Verdict ?? "(none)", r => r.Count);
    }

    private async Task<List<Ticket>> JudgedTicketsAsync()
    {
        using var scope = StartedScope();
        var store = scope.ServiceProvider.GetRequiredService<ITicketStore>();
        await using var connection = await app.Connections.OpenAsync();
        var tickets = new List<Ticket>();
        foreach (var id in await connection.QueryAsync<int>("SELECT Id FROM Tickets ORDER BY Id"))
        {
            tickets.Add((await store.GetAsync(id, TicketScope.Staff))!);
        }

        tickets.Should().OnlyContain(t => t.Entitlement != null);
        return tickets;
    }

    private IServiceScope StartedScope()
    {
        // The seed runs at start-up; creating a client starts the app.
        using var client = app.CreateAnonymousClient();
        return app.Services.CreateScope();
    }

    private async Task<System.Data.Common.DbConnection> StartedConnectionAsync()
    {
        using var client = app.CreateAnonymousClient();
        return await app.Connections.OpenAsync();
    }
}
