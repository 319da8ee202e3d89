using HelpDesk.Core.Economics;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

public sealed class ScopeReviewTests
{
    private static ScopeReviewTicket Ticket(
        int id, Verdict verdict, long labour, string? release = null, string? environment = null, IReadOnlyList<string>? categories = null,
        IReadOnlyList<string?>? clauses = null, Verdict? overridden = null, long goodwill = 0, long accepted = 0, long revenue = 0, int product = 1) => new()
        {
            TicketId = id,
            Number = $"HD-{id}",
            ProductId = product,
            ProductName = product == 1 ? "Ledger" : "Payroll",
            Release = release,
            Environment = environment,
            JudgedVerdict = verdict,
            Decision = new EntitlementDecision
            {
                Verdict = verdict,
                OutOfScopeCategories = categories ?? [],
                Reasons = [.. (clauses ?? []).Select(c => new EntitlementReason("because", c))],
            },
            OverrideVerdict = overridden,
            OverriddenById = overridden is null ? null : 42,
            OverriddenByName = overridden is null ? null : "Kenji Sato",
            Measures = new Measures { LabourCostCents = labour, GoodwillCostCents = goodwill, OffersAccepted = accepted },
            ServicesRevenueCents = revenue,
        };

    [Fact]
    public void Category_CountsOutOfScopeTickets_WithTheShareThatBecameAcceptedOffersAndTheirRevenue()
    {
        var rows = ScopeReview.Rows(ScopeReviewTable.Category,
        [
            Ticket(1, Verdict.OutOfScope, 100, categories: ["backport"], accepted: 1, revenue: 500_00),
            Ticket(2, Verdict.OutOfScope, 300, categories: ["backport"]),
            Ticket(3, Verdict.Entitled, 900, categories: []),
        ]);

        rows.Should().ContainSingle();
        rows[0].Key.Should().Be("backport");
        rows[0].Tickets.Select(t => t.TicketId).Should().Equal(1, 2);
        rows[0].AcceptedShare.Should().Be(0.5m);
        rows[0].ServicesRevenueCents.Should().Be(500_00);
        rows[0].Measures.LabourCostCents.Should().Be(400);
    }

    [Fact]
    public void Clause_CountsATicketInEachClauseItCites()
    {
        var rows = ScopeReview.Rows(ScopeReviewTable.Clause,
            [Ticket(1, Verdict.OutOfScope, 100, clauses: [ScopeClauses.SupportedReleases, ScopeClauses.ModifiedSource, null])]);

        rows.Select(r => r.Key).Should().BeEquivalentTo([ScopeClauses.SupportedReleases, ScopeClauses.ModifiedSource]);
    }

    [Fact]
    public void Release_GroupsEveryTicketPerProduct_CostliestFirst_AndNamesAMissingRelease()
    {
        var rows = ScopeReview.Rows(ScopeReviewTable.Release,
        [
            Ticket(1, Verdict.Entitled, 100, release: "4.1"),
            Ticket(2, Verdict.OutOfScope, 700, release: "3.9"),
            Ticket(3, Verdict.Entitled, 50),
            Ticket(4, Verdict.Entitled, 10, release: "4.1", product: 2),
        ]);

        rows.Select(r => (r.ProductName, r.Label, r.Measures.LabourCostCents)).Should().Equal(
            ("Ledger", "3.9", 700L), ("Ledger", "4.1", 100L), ("Ledger", "not given", 50L), ("Payroll", "4.1", 10L));
    }

    [Fact]
    public void Goodwill_TakesOnlyOverridesToEntitledFromAnotherVerdict_ByTheClauseOverriddenAndByEngineer()
    {
        IReadOnlyList<ScopeReviewTicket> tickets =
        [
            Ticket(1, Verdict.OutOfScope, 100, clauses: [ScopeClauses.SupportedEnvironments], overridden: Verdict.Entitled, goodwill: 100),
            Ticket(2, Verdict.NoContract, 40, overridden: Verdict.Entitled, goodwill: 40),
            Ticket(3, Verdict.Entitled, 70, overridden: Verdict.OutOfScope),
        ];

        ScopeReview.Rows(ScopeReviewTable.GoodwillClause, tickets).Select(r => (r.Key, r.Measures.GoodwillCostCents))
            .Should().Equal((ScopeClauses.SupportedEnvironments, 100L), ("NoContract", 40L));
        var byEngineer = ScopeReview.Rows(ScopeReviewTable.GoodwillEngineer, tickets);
        byEngineer.Should().ContainSingle().Which.Label.Should().Be("Kenji Sato");
        byEngineer[0].Tickets.Select(t => t.TicketId).Should().Equal(1, 2);
    }

    [Fact]
    public void Row_FindsTheTicketsBehindOneRowForTheDrillDown()
    {
        var row = ScopeReview.Row(ScopeReviewTable.Environment, [Ticket(1, Verdict.Entitled, 5, environment: "linux"), Ticket(2, Verdict.Entitled, 5, environment: "windows")], 1, "linux");

        row!.Tickets.Should().ContainSingle().Which.TicketId.Should().Be(1);
    }
}
