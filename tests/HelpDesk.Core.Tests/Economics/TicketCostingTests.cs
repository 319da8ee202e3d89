using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Economics;

public sealed class TicketCostingTests
{
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Currency Gbp = Currency.Parse("GBP")!;
    private static readonly DateOnly March1 = new(2026, 3, 1);

    private static readonly EngineerCosting Kenji = EngineerCosting.InHouse(new CostRate(new DateOnly(2025, 1, 1), 50_00), new CostRate(March1, 60_00));
    private static readonly EngineerCosting Lena = EngineerCosting.InHouse(new CostRate(new DateOnly(2026, 2, 1), 90_00));
    private static readonly EngineerCosting Tidewater = EngineerCosting.OfSupplier("Tidewater Services", 120_00);

    private static readonly Dictionary<int, string> Names = new() { [1] = "Kenji Sato", [2] = "Lena Fischer", [3] = "Tidewater Services (supplier)" };

    private static TicketHistory Ticket(params WorkEntry[] entries) => new()
    {
        TicketId = 9,
        OrganisationId = 2,
        Region = "EMEA",
        CreatedUtc = new DateTime(2026, 2, 27, 9, 0, 0, DateTimeKind.Utc),
        IntakeVerdict = Verdict.Entitled,
        TimeEntries = entries,
    };

    private static WorkEntry Entry(int id, int engineer, long minutes, DateOnly day, EngineerCosting costing) => new(engineer, minutes, day, costing) { EntryId = id };

    private static TicketLabourCost Cost(TicketHistory ticket) => TicketCosting.Of(ticket, AsOf, id => Names[id], Gbp);

    [Fact]
    public void Of_CostsEachEntryAtItsEngineersRateOnTheDay_AndASupplierOncePerCase()
    {
        var ticket = Ticket(
            Entry(11, 1, 95, new DateOnly(2026, 3, 2), Kenji),
            Entry(12, 1, 30, new DateOnly(2026, 2, 28), Kenji),
            Entry(13, 2, 7, new DateOnly(2026, 3, 2), Lena),
            Entry(14, 3, 240, new DateOnly(2026, 3, 3), Tidewater),
            Entry(15, 3, 60, new DateOnly(2026, 3, 4), Tidewater));

        var cost = Cost(ticket);

        cost.Entries.Select(e => (e.EntryId, e.Cents)).Should().BeEquivalentTo(new[] { (12, 25_00L), (11, 95_00L), (13, 10_50L), (14, 120_00L), (15, 0L) });
        cost.Entries.Single(e => e.EntryId == 11).Reason.Should().Be("95 min × 60.00 GBP/h (Kenji Sato's rate from 1 Mar 2026) = 95.00 GBP");
        cost.Entries.Single(e => e.EntryId == 12).Reason.Should().Contain("Kenji Sato's rate from 1 Jan 2025");
        cost.Entries.Single(e => e.EntryId == 14).Reason.Should().Be("price per case of Tidewater Services, once for the ticket = 120.00 GBP");
        cost.Entries.Single(e => e.EntryId == 15).Reason.Should().Contain("already counted on 3 Mar 2026");
        cost.LabourCents.Should().Be(250_50);
        cost.GoodwillCents.Should().Be(0);
        cost.GoodwillReason.Should().BeNull();
    }

    [Fact]
    public void Of_TotalsWhatTheFactsCount_EntryByEntry()
    {
        var worked = Ticket(
            Entry(1, 1, 7, new DateOnly(2026, 3, 2), Kenji),
            Entry(2, 2, 13, new DateOnly(2026, 3, 2), Lena),
            Entry(3, 3, 5, new DateOnly(2026, 3, 5), Tidewater),
            Entry(4, 2, 1, new DateOnly(2026, 1, 5), Lena));
        var ticket = worked with { IntakeVerdict = Verdict.OutOfScope, OverrideVerdict = Verdict.Entitled };

        var cost = Cost(ticket);
        var facts = TicketDayFacts.For(ticket, AsOf).Values;

        cost.LabourCents.Should().Be(facts.Sum(m => m.LabourCostCents)).And.Be(cost.Entries.Sum(e => e.Cents));
        cost.GoodwillCents.Should().Be(facts.Sum(m => m.GoodwillCostCents)).And.Be(cost.LabourCents);
        cost.Entries.Single(e => e.EntryId == 4).Reason.Should().Be("Lena Fischer had no hourly rate on 5 Jan 2026 = 0.00 GBP");
        cost.GoodwillReason.Should().StartWith("Overridden to entitled from out of scope");
    }

    [Fact]
    public void Of_ShowsTheLabourOfAnOutOfScopeTicket_AsGoodwillOutsideTheCover()
    {
        var cost = Cost(Ticket(Entry(1, 1, 60, new DateOnly(2026, 3, 2), Kenji)) with { IntakeVerdict = Verdict.OutOfScope });

        cost.OutsideCoverCents.Should().Be(60_00);
        cost.GoodwillCents.Should().Be(0, "the facts count goodwill only on a ticket overridden to entitled");
        cost.GoodwillReason.Should().StartWith("Labour on a request outside the cover");
    }
}
