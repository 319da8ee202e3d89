namespace HelpDesk.Core.Economics;

/// <summary>
/// What rewriting a batch of tickets' day rows changes: the rows as stored against the rows worked out again. A row is
/// matched by its ticket and day; one whose cell and measures are the same is left alone, one whose measures alone
/// differ is updated where it stands, and one whose cell moved is removed and added again under its new cell. Only
/// the cells of removed, added and updated rows need summing again: an edit to one time entry touches one day's cell,
/// not every cell of its ticket.
/// </summary>
public sealed record TicketFactChanges(
    IReadOnlyList<TicketDayFact> Removed,
    IReadOnlyList<TicketDayFact> Added,
    IReadOnlyList<TicketDayFact> Updated,
    IReadOnlyList<FactKey> Cells)
{
    public static TicketFactChanges Between(IEnumerable<TicketDayFact> stored, IEnumerable<TicketDayFact> current)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(current);
        var before = new Dictionary<(int TicketId, DateOnly Day), TicketDayFact>();
        foreach (var row in stored)
        {
            before[(row.TicketId, row.Key.Day)] = row;
        }

        List<TicketDayFact> removed = [], added = [], updated = [];
        var cells = new HashSet<FactKey>();
        foreach (var row in current)
        {
            if (!before.Remove((row.TicketId, row.Key.Day), out var old))
            {
                added.Add(row);
                cells.Add(row.Key);
            }
            else if (old.Key != row.Key)
            {
                removed.Add(old);
                added.Add(row);
                cells.Add(old.Key);
                cells.Add(row.Key);
            }
            else if (!old.Measures.HasSameValuesAs(row.Measures))
            {
                updated.Add(row);
                cells.Add(row.Key);
            }
        }

        foreach (var old in before.Values)
        {
            removed.Add(old);
            cells.Add(old.Key);
        }

        return new TicketFactChanges(removed, added, updated, [.. cells]);
    }
}
