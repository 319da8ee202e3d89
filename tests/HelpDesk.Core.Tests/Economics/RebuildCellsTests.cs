using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class RebuildCellsTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);

    private static FactKey Cell(int day, int organisation = 1, int contract = 10, int product = 5) =>
        new(March1.AddDays(day - 1), organisation, contract, product, "Emea");

    private static TicketDayFact Ticket(int ticketId, FactKey cell, long minutes) =>
        new(ticketId, cell, new Measures { TicketsOpened = 1, MinutesWorked = minutes });

    [Fact]
    public void Release_SumsEachCellOfTheDaysBefore_WithTheContractsRevenueAndTheOtherSources_AndKeepsTheRest()
    {
        var cells = new RebuildCells(
            [new ContractRevenueDay(10, Cell(1), 300), new ContractRevenueDay(10, Cell(3), 300)],
            [new CellFact(Cell(1, contract: 0, product: 0), new Measures { NpsPromoters = 1 })]);
        cells.Add([Ticket(1, Cell(1), 30), Ticket(2, Cell(1), 15), Ticket(2, Cell(2), 45), Ticket(3, Cell(3), 60)]);

        var released = cells.Release(March1.AddDays(2));

        released.Additions.Should().BeEmpty();
        released.Cells.Select(c => (c.Key, c.Measures.TicketsOpened, c.Measures.MinutesWorked, c.Measures.SupportRevenueCents, c.Measures.NpsPromoters))
            .Should().Equal(
                (Cell(1, contract: 0, product: 0), 0L, 0L, 0L, 1L),
                (Cell(1), 2L, 45L, 300L, 0L),
                (Cell(2), 1L, 45L, 0L, 0L));
        cells.ReleaseAll().Cells.Should().ContainSingle().Which.Measures.SupportRevenueCents.Should().Be(300, "day 3 was held until now");
    }

    [Fact]
    public void ARowOnADayAlreadyReleased_ComesBackAsAnAddition_NotAsASecondCell()
    {
        var cells = new RebuildCells([], []);
        cells.Add([Ticket(1, Cell(1), 30), Ticket(1, Cell(5), 10)]);
        cells.Release(March1.AddDays(3)).Cells.Should().ContainSingle().Which.Key.Should().Be(Cell(1));

        cells.Add([Ticket(2, Cell(1), 20), Ticket(2, Cell(4), 5)]);
        var released = cells.Release(March1.AddDays(1));

        released.Additions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = Cell(1) });
        released.Additions[0].Measures.MinutesWorked.Should().Be(20, "only what came since is added to the stored row");
        released.Cells.Should().BeEmpty("the days after the release before stay held, and an earlier day does not move it back");
        cells.ReleaseAll().Cells.Select(c => c.Key).Should().Equal(Cell(4), Cell(5));
    }

    [Fact]
    public void Months_SumEveryReleasedCell_ByItsKeyAndMonth_AdditionsIncluded()
    {
        var april = new FactKey(new DateOnly(2026, 4, 2), 1, 10, 5, "Emea");
        var cells = new RebuildCells([new ContractRevenueDay(10, april, 100)], []);
        cells.Add([Ticket(1, Cell(1), 30), Ticket(2, Cell(20), 15)]);
        cells.Release(March1.AddDays(10));
        cells.Add([Ticket(3, Cell(2), 5)]);
        cells.ReleaseAll();

        cells.Months.Select(m => (m.Key, m.Measures.MinutesWorked, m.Measures.TicketsOpened, m.Measures.SupportRevenueCents))
            .Should().Equal(
                (Cell(1), 50L, 3L, 0L),
                (april with { Day = new DateOnly(2026, 4, 1) }, 0L, 0L, 100L));
    }

    [Fact]
    public void HoldsOnlyTheDaysNotYetReleased()
    {
        var cells = new RebuildCells([], []);
        for (var day = 1; day <= 20; day++)
        {
            cells.Add([Ticket(day, Cell(day), 1), Ticket(day, Cell(day + 1), 1)]);
            cells.Release(March1.AddDays(day - 1));
        }

        cells.MostCellsHeld.Should().Be(3);
    }
}
