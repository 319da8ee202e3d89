using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.KnownIssues;

public sealed class KnownIssueRankingTests
{
    private static readonly Currency Eur = Currency.Parse("EUR")!;
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly EngineerCosting Ann = EngineerCosting.InHouse(new CostRate(new DateOnly(2026, 1, 1), 6000));

    private static KnownIssue Issue(int id, string title) =>
        new() { Id = id, Title = title, ProductId = 1, ProductName = "Keel RTOS", Kind = KnownIssueKind.Defect, Status = KnownIssueStatus.Open };

    private static LinkedTicket Ticket(int issue, int id, int organisation, TicketStatus status = TicketStatus.Open) =>
        new(issue, id, organisation, $"Org {organisation}", $"Ticket {id}", status);

    private static TicketHistory History(int id, int organisation, long minutes, params int[] scores) => new()
    {
        TicketId = id,
        OrganisationId = organisation,
        TimeEntries = minutes > 0 ? [new WorkEntry(7, minutes, Day, Ann)] : [],
        Ratings = [.. scores.Select((s, i) => new Rating(s, new DateTime(2026, 3, 3 + i, 0, 0, 0, DateTimeKind.Utc)))],
    };

    [Fact]
    public void Rank_PutsTheIssueWithMostLabourFirst_AndCountsEachFigure()
    {
        var cheap = new KnownIssueEvidence(
            Issue(1, "Cheap"),
            [Ticket(1, 10, 100), Ticket(1, 11, 101), Ticket(1, 12, 102)],
            new Dictionary<int, TicketHistory> { [10] = History(10, 100, 30, 4) },
            new Dictionary<int, long> { [100] = 1_000_000, [101] = 2_000_000, [102] = 0 });
        var costly = new KnownIssueEvidence(
            Issue(2, "Costly"),
            [Ticket(2, 20, 100), Ticket(2, 21, 100, TicketStatus.Resolved)],
            new Dictionary<int, TicketHistory> { [20] = History(20, 100, 120, 2), [21] = History(21, 100, 60, 5, 1) },
            new Dictionary<int, long> { [100] = 1_000_000 });

        var ranked = KnownIssueRanking.Rank([cheap, costly], Eur);

        ranked.Select(r => (r.Position, r.Issue.Title)).Should().Equal((1, "Costly"), (2, "Cheap"));
        var top = ranked[0];
        top.LabourMinutes.Should().Be(180);
        top.LabourCents.Should().Be(18000, "3 h at 60.00 EUR/h, costed as the facts cost it");
        top.CustomersAffected.Should().Be(1);
        top.ContractValueCents.Should().Be(1_000_000);
        top.OpenTickets.Should().Be(1);
        top.MeanCsat.Should().Be(1.5, "each ticket counts with its latest rating: 2 and 1");
        top.Reasons.Should().Equal(
            "3 h of labour on 2 linked tickets cost 180.00 EUR.",
            "1 customer affected, with 10,000.00 EUR of active contracts covering Keel RTOS at stake.",
            "1 linked ticket still open.",
            "Customers rated the linked tickets 1.5 of 5 on average (2 ratings).");
        ranked[1].CustomersAffected.Should().Be(3);
        ranked[1].ContractValueCents.Should().Be(3_000_000);
    }

    [Fact]
    public void Rank_BreaksATieInLabour_ByContractValueThenCustomers()
    {
        var none = new Dictionary<int, TicketHistory>();
        var small = new KnownIssueEvidence(Issue(1, "Small"), [Ticket(1, 10, 100)], none, new Dictionary<int, long> { [100] = 500 });
        var big = new KnownIssueEvidence(Issue(2, "Big"), [Ticket(2, 20, 200)], none, new Dictionary<int, long> { [200] = 900 });
        var wide = new KnownIssueEvidence(Issue(3, "Wide"), [Ticket(3, 30, 300), Ticket(3, 31, 301)], none, new Dictionary<int, long>());

        KnownIssueRanking.Rank([wide, small, big], Eur).Select(r => r.Issue.Title).Should().Equal("Big", "Small", "Wide");
    }

    [Fact]
    public void Rank_SaysSo_WhenNoTicketIsLinked()
    {
        var lonely = new KnownIssueEvidence(Issue(1, "Lonely"), [], new Dictionary<int, TicketHistory>(), new Dictionary<int, long>());

        var row = KnownIssueRanking.Rank([lonely], Eur).Single();

        row.MeanCsat.Should().BeNull();
        row.Reasons.Should().Equal(
            "0 min of labour on 0 linked tickets cost 0.00 EUR.",
            "No customer has reported it yet.",
            "No linked ticket is still open.",
            "No linked ticket has been rated.");
    }
}
