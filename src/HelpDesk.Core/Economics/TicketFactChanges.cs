namespace HelpDesk.Core.Economics;

/// <summary>
/// What rewriting a batch of tickets' day rows changes: the rows as stored against the rows worked out again. A row is
/// matched by its ticket and day; one whose cell and measures are the same is left alone, one whose measures alone
/// differ is updated where it stands, and one whose cell moved is removed and added again under its new cell. Only
/// the cells of removed, added and updated rows change: an edit to one time entry touches one day's cell, not every
/// cell of its ticket. <see cref="CellChanges"/> says by how much each of them changes, so a cell's stored sum can be
/// brought up to date from the rows that changed instead of summed again from all its rows.
/// </summary>
public sealed record TicketFactChanges(
    IReadOnlyList<TicketDayFact> Removed,
    IReadOnlyList<TicketDayFact> Added,
    IReadOnlyList<TicketDayFact> Updated,
    IReadOnlyList<CellChange> CellChanges)
{
    /// <summary>The cells the changed rows count in, each once.</summary>
    public IReadOnlyList<FactKey> Cells => [.. CellChanges.Select(c => c.Cell)];

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
        var cells = new Dictionary<FactKey, CellChange>();
        CellChange CellOf(FactKey key)
        {
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = new CellChange(key);
                cells[key] = cell;
            }

            return cell;
        }

        foreach (var row in current)
        {
            if (!before.Remove((row.TicketId, row.Key.Day), out var old))
            {
                added.Add(row);
                CellOf(row.Key).Gain(row.Measures);
            }
            else if (old.Key != row.Key)
            {
                removed.Add(old);
                added.Add(row);
                CellOf(old.Key).Lose(old.Measures);
                CellOf(row.Key).Gain(row.Measures);
            }
            else if (!old.Measures.HasSameValuesAs(row.Measures))
            {
                updated.Add(row);
                CellOf(row.Key).Replace(old.Measures, row.Measures);
            }
        }

        foreach (var old in before.Values)
        {
            removed.Add(old);
            CellOf(old.Key).Lose(old.Measures);
        }

        return new TicketFactChanges(removed, added, updated, [.. cells.Values]);
    }
}

/// <summary>
/// How one cell changes with its ticket rows: <see cref="Change"/> is what to add to each of its measures, in the order
/// of <see cref="Measures.ToArray"/>; <see cref="Gained"/> says a row came into the cell (so it exists afterwards) and
/// <see cref="Lost"/> that one left it (so it may be left with no rows at all).
/// </summary>
public sealed class CellChange(FactKey cell)
{
    private readonly long[] _change = new long[Measures.Count];

    public FactKey Cell { get; } = cell;

    public IReadOnlyList<long> Change => _change;

    public bool Gained { get; private set; }

    public bool Lost { get; private set; }

    /// <summary>Whether any measure changes.</summary>
    public bool ChangesMeasures => Array.Exists(_change, v => v != 0);

    internal void Gain(Measures row)
    {
        Gained = true;
        Add(row.ToArray(), 1);
    }

    internal void Lose(Measures row)
    {
        Lost = true;
        Add(row.ToArray(), -1);
    }

    internal void Replace(Measures old, Measures row)
    {
        Add(old.ToArray(), -1);
        Add(row.ToArray(), 1);
    }

    private void Add(long[] values, int sign)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _change[i] += sign * values[i];
        }
    }
}
