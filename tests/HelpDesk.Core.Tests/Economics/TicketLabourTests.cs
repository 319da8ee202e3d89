using HelpDesk.Core.Economics;
using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Tests.Economics;

public sealed class TicketLabourTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March2 = new(2026, 3, 2);

    [Fact]
    public void For_CostsEachEntryAsTheFactsDo_RateByWorkDateAndSupplierOncePerCase()
    {
        var staff = EngineerCosting.InHouse(new CostRate(new DateOnly(2026, 1, 1), 60_00), new CostRate(March2, 73_00));
        var supplier = EngineerCosting.OfSupplier("Acme Support", 45_00);
        var ticket = new TicketHistory
        {
            TicketId = 1,
            TimeEntries =
            [
                new WorkEntry(5, 7, March2, staff) { EntryId = 11 },
                new WorkEntry(5, 30, March1, staff) { EntryId = 12 },
                new WorkEntry(8, 90, March1, supplier) { EntryId = 13 },
                new WorkEntry(8, 15, March2, supplier) { EntryId = 14 },
                new WorkEntry(6, 20, March1, EngineerCosting.InHouse()) { EntryId = 15 },
            ],
        };

        var costed = TicketLabour.For(ticket);

        costed.Select(c => (c.Entry.EntryId, c.Basis, c.HourlyCents, c.CostCents)).Should().Equal(
            (12, CostBasis.Hourly, 60_00L, 30_00L),
            (13, CostBasis.SupplierCase, (long?)null, 45_00L),
            (15, CostBasis.NoRate, (long?)null, 0L),
            (11, CostBasis.Hourly, 73_00L, 8_52L),
            (14, CostBasis.SupplierCharged, (long?)null, 0L));
        costed.Sum(c => c.CostCents).Should().Be(TicketDayFacts.For(ticket, DateTime.UtcNow).Values.Sum(m => m.LabourCostCents));
    }
}
