namespace HelpDesk.Core.Economics;

/// <summary>
/// The daily and monthly cells of a full rebuild, added up in memory as the ticket ranges' facts are worked out,
/// instead of staging every ticket-day row and summing them in SQL. The sources that are not tickets (contracts'
/// revenue days, services revenue and NPS answers) are given up front and join each day's cells as that day is let go.
/// <para>
/// Memory stays bounded by the days still open: <see cref="Release"/> hands back every cell of the days before a
/// given day, summed, and forgets them; the rebuild calls it with the first day of the range just read, since the
/// tickets come in id order and a later ticket seldom counts on an earlier day. One that does is not lost: its cell
/// comes back among the <see cref="ReleasedCells.Additions"/>, to be added to the row already written. The monthly
/// cells, which grow with keys and months rather than tickets, are kept whole until <see cref="Months"/>.
/// </para>
/// </summary>
public sealed class RebuildCells
{
    private readonly SortedDictionary<DateOnly, Dictionary<FactKey, Measures>> _days = [];
    private readonly Dictionary<FactKey, Measures> _months = [];
    private readonly ContractRevenueDay[] _revenue;
    private readonly CellFact[] _others;
    private int _nextRevenue;
    private int _nextOther;

    /// <summary>Every day before this one has been released.</summary>
    private DateOnly _releasedBefore = DateOnly.MinValue;

    /// <param name="revenue">The contracts' revenue days.</param>
    /// <param name="others">Services revenue and NPS answers, by cell.</param>
    public RebuildCells(IEnumerable<ContractRevenueDay> revenue, IEnumerable<CellFact> others)
    {
        ArgumentNullException.ThrowIfNull(revenue);
        ArgumentNullException.ThrowIfNull(others);
        _revenue = [.. revenue.OrderBy(r => r.Key.Day)];
        _others = [.. others.OrderBy(s => s.Key.Day)];
    }

    /// <summary>The cells held at most at once so far, for the rebuild's measurements.</summary>
    public int MostCellsHeld { get; private set; }

    private int _held;

    public void Add(IEnumerable<TicketDayFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var fact in facts)
        {
            CellOf(fact.Key).Add(fact.Measures);
        }

        MostCellsHeld = Math.Max(MostCellsHeld, _held);
    }

    /// <summary>
    /// The cells of every day before <paramref name="day"/> (and of any day released already that has gained a row
    /// since), with the other sources of those days, each cell once; they are forgotten here and counted in their months.
    /// </summary>
    public ReleasedCells Release(DateOnly day)
    {
        var before = day > _releasedBefore ? day : _releasedBefore;
        for (; _nextRevenue < _revenue.Length && _revenue[_nextRevenue].Key.Day < before; _nextRevenue++)
        {
            CellOf(_revenue[_nextRevenue].Key).SupportRevenueCents += _revenue[_nextRevenue].Cents;
        }

        for (; _nextOther < _others.Length && _others[_nextOther].Key.Day < before; _nextOther++)
        {
            CellOf(_others[_nextOther].Key).Add(_others[_nextOther].Measures);
        }

        List<CellFact> cells = [], additions = [];
        while (_days.Count > 0 && _days.First() is { Key: var first, Value: var open } && first < before)
        {
            var into = first < _releasedBefore ? additions : cells;
            foreach (var (key, measures) in open.OrderBy(c => c.Key.OrganisationId).ThenBy(c => c.Key.ContractId)
                         .ThenBy(c => c.Key.ProductId).ThenBy(c => c.Key.Region, StringComparer.Ordinal))
            {
                into.Add(new CellFact(key, measures));
                CountInMonth(key, measures);
            }

            _held -= open.Count;
            _days.Remove(first);
        }

        _releasedBefore = before;
        return new ReleasedCells(cells, additions);
    }

    /// <summary>Every cell still held, then none.</summary>
    public ReleasedCells ReleaseAll() => Release(DateOnly.MaxValue);

    /// <summary>The monthly cells of every day released so far, keyed by the first day of their month.</summary>
    public IReadOnlyList<CellFact> Months =>
        [.. _months.OrderBy(m => m.Key.Day).ThenBy(m => m.Key.OrganisationId).ThenBy(m => m.Key.ContractId)
            .ThenBy(m => m.Key.ProductId).ThenBy(m => m.Key.Region, StringComparer.Ordinal).Select(m => new CellFact(m.Key, m.Value))];

    private Measures CellOf(FactKey key)
    {
        if (!_days.TryGetValue(key.Day, out var day))
        {
            day = [];
            _days[key.Day] = day;
        }

        if (!day.TryGetValue(key, out var cell))
        {
            cell = new Measures();
            day[key] = cell;
            _held++;
        }

        return cell;
    }

    private void CountInMonth(FactKey key, Measures measures)
    {
        var month = key with { Day = new DateOnly(key.Day.Year, key.Day.Month, 1) };
        if (!_months.TryGetValue(month, out var sum))
        {
            sum = new Measures();
            _months[month] = sum;
        }

        sum.Add(measures);
    }
}

/// <summary>One cell and what it sums.</summary>
public sealed record CellFact(FactKey Key, Measures Measures);

/// <summary>
/// Cells a rebuild let go of: <see cref="Cells"/> of days released for the first time, written as new rows, and
/// <see cref="Additions"/> that counted on a day released before, to be added to its row (or added as one where the
/// cell has none yet).
/// </summary>
public sealed record ReleasedCells(IReadOnlyList<CellFact> Cells, IReadOnlyList<CellFact> Additions)
{
    public static readonly ReleasedCells None = new([], []);

    public bool IsEmpty => Cells.Count == 0 && Additions.Count == 0;
}
