using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class TicketFactChangesTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateOnly Tuesday = new(2026, 3, 3);

    private static TicketDayFact Row(int ticket, DateOnly day, long minutes, int contract = 5) =>
        new(ticket, new FactKey(day, 2, contract, 7, "EMEA"), new Measures { MinutesWorked = minutes, TicketsOpened = day == Monday ? 1 : 0 });

    [Fact]
    public void RowsThatDidNotChange_AreLeftAlone_AndTouchNoCell()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30), Row(1, Tuesday, 15)], [Row(1, Monday, 30), Row(1, Tuesday, 15)]);

        changes.Removed.Should().BeEmpty();
        changes.Added.Should().BeEmpty();
        changes.Updated.Should().BeEmpty();
        changes.Cells.Should().BeEmpty();
    }

    [Fact]
    public void AnEditToOneDay_UpdatesThatRowInPlace_AndTouchesOnlyItsCell()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30), Row(1, Tuesday, 15)], [Row(1, Monday, 30), Row(1, Tuesday, 45)]);

        changes.Updated.Should().ContainSingle().Which.Measures.MinutesWorked.Should().Be(45);
        changes.Removed.Should().BeEmpty();
        changes.Added.Should().BeEmpty();
        changes.Cells.Should().Equal(new FactKey(Tuesday, 2, 5, 7, "EMEA"));
    }

    [Fact]
    public void ARowWhoseCellMoved_IsRemovedAndAddedAgain_AndBothCellsAreTouched()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30)], [Row(1, Monday, 30, contract: 6)]);

        changes.Removed.Should().ContainSingle().Which.Key.ContractId.Should().Be(5);
        changes.Added.Should().ContainSingle().Which.Key.ContractId.Should().Be(6);
        changes.Updated.Should().BeEmpty();
        changes.Cells.Select(c => c.ContractId).Should().BeEquivalentTo([5, 6]);
    }

    [Fact]
    public void DaysThatAppearOrDisappear_AreAddedOrRemoved()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30), Row(2, Monday, 10)], [Row(1, Monday, 30), Row(1, Tuesday, 20)]);

        changes.Added.Should().ContainSingle().Which.Key.Day.Should().Be(Tuesday);
        changes.Removed.Should().ContainSingle().Which.TicketId.Should().Be(2);
        changes.Cells.Select(c => c.Day).Should().BeEquivalentTo([Monday, Tuesday], "ticket 2's Monday cell is the same cell as ticket 1's");
    }

    [Fact]
    public void EveryMeasure_TakesPartInTheComparison()
    {
        var names = typeof(Measures).GetProperties().Where(p => p.PropertyType == typeof(long)).ToList();
        foreach (var property in names)
        {
            var changed = new Measures();
            property.SetValue(changed, 1L);

            changed.HasSameValuesAs(new Measures()).Should().BeFalse(property.Name);
            changed.ToArray()[names.IndexOf(property)].Should().Be(1, $"{property.Name} is written in its column's place");
        }
    }

    [Fact]
    public void FromArray_ReadsEveryMeasureBackFromItsPlace()
    {
        var names = typeof(Measures).GetProperties().Where(p => p.PropertyType == typeof(long)).ToList();
        names.Should().HaveCount(Measures.Count);
        var values = Enumerable.Range(1, Measures.Count).Select(i => (long)i * 7).ToArray();

        var measures = Measures.FromArray(values);

        measures.ToArray().Should().Equal(values);
        var copied = new long[Measures.Count];
        measures.CopyTo(copied);
        copied.Should().Equal(values);
        foreach (var property in names)
        {
            property.GetValue(measures).Should().Be(values[names.IndexOf(property)], property.Name);
        }

        FluentActions.Invoking(() => Measures.FromArray(new long[Measures.Count - 1])).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Measures ChangeOf(CellChange cell) => Measures.FromArray([.. cell.Change]);

    [Fact]
    public void AnEditToOneDay_ChangesItsCellByTheDifference_WithoutGainingOrLosingARow()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30), Row(1, Tuesday, 15)], [Row(1, Monday, 30), Row(1, Tuesday, 45)]);

        var cell = changes.CellChanges.Should().ContainSingle().Subject;
        cell.Cell.Should().Be(new FactKey(Tuesday, 2, 5, 7, "EMEA"));
        ChangeOf(cell).MinutesWorked.Should().Be(30);
        ChangeOf(cell).TicketsOpened.Should().Be(0);
        cell.Gained.Should().BeFalse();
        cell.Lost.Should().BeFalse();
        cell.ChangesMeasures.Should().BeTrue();
    }

    [Fact]
    public void ARowWhoseCellMoved_TakesItsMeasuresFromTheOldCell_AndGivesThemToTheNew()
    {
        var changes = TicketFactChanges.Between([Row(1, Monday, 30)], [Row(1, Monday, 30, contract: 6)]);

        var old = changes.CellChanges.Single(c => c.Cell.ContractId == 5);
        var moved = changes.CellChanges.Single(c => c.Cell.ContractId == 6);
        (old.Lost, old.Gained, ChangeOf(old).MinutesWorked, ChangeOf(old).TicketsOpened).Should().Be((true, false, -30L, -1L));
        (moved.Lost, moved.Gained, ChangeOf(moved).MinutesWorked, ChangeOf(moved).TicketsOpened).Should().Be((false, true, 30L, 1L));
    }

    [Fact]
    public void RowsOfSeveralTicketsInOneCell_AddUpToOneChange()
    {
        var changes = TicketFactChanges.Between(
            [Row(1, Monday, 30), Row(2, Monday, 10)],
            [Row(1, Monday, 40), Row(3, Monday, 5)]);

        var cell = changes.CellChanges.Should().ContainSingle().Subject;
        ChangeOf(cell).MinutesWorked.Should().Be(40 + 5 - 30 - 10);
        ChangeOf(cell).TicketsOpened.Should().Be(0, "ticket 3 opened as ticket 2 left the cell");
        (cell.Gained, cell.Lost).Should().Be((true, true));
    }

    [Fact]
    public void ARowAddedWithNoMeasures_StillGainsItsCell()
    {
        var changes = TicketFactChanges.Between([], [new TicketDayFact(1, new FactKey(Tuesday, 2, 5, 7, "EMEA"), new Measures())]);

        var cell = changes.CellChanges.Should().ContainSingle().Subject;
        cell.ChangesMeasures.Should().BeFalse();
        cell.Gained.Should().BeTrue("a cell with a row exists even when the row counts nothing, as the rebuild's sum keeps it");
    }
}
