using Dapper;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// One branch of <see cref="FactCells.Of"/>: <see cref="Month"/> is its rows' yyyy-MM month as SQL, and
/// <see cref="Range"/> the index of the day range it belongs to.
/// </summary>
internal readonly record struct FactBranch(string Month, int Range);

/// <summary>
/// The filtered cells of one or more day ranges as the body of one derived table: the whole months of each range from
/// MonthlyFacts, the days at its edges from DailyFacts (<see cref="FactPeriod"/>), joined by UNION ALL. A quarter is
/// then three monthly cells per key instead of ninety daily ones. Every branch reads its table as <c>f</c> and selects
/// what the caller asks of it; the caller sums.
/// </summary>
internal static class FactCells
{
    /// <summary><c>f.X</c> for every measure, for a branch's select list.</summary>
    public static readonly string Measures = string.Join(", ", FactColumns.Measures.Select(m => $"f.{m}"));

    public static (string Sql, DynamicParameters Parameters) Of(
        EconomicsFilter filter, IReadOnlyList<(DateOnly From, DateOnly To)> ranges, Func<FactBranch, string> select)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(select);
        var where = FactFilter.Keys(filter, "f");
        var keys = where.Sql.Length == 0 ? "" : $" AND {where.Sql}";
        var branches = new List<string>();
        for (var range = 0; range < ranges.Count; range++)
        {
            var parts = FactPeriod.Split(ranges[range].From, ranges[range].To);
            for (var part = 0; part < parts.Count; part++)
            {
                var (from, to) = ($"From{range}_{part}", $"To{range}_{part}");
                if (parts[part].Monthly)
                {
                    where.Parameters.Add(from, FactKey.ToMonthKey(parts[part].From));
                    where.Parameters.Add(to, FactKey.ToMonthKey(parts[part].To));
                    branches.Add($"SELECT {select(new FactBranch("f.Month", range))} FROM MonthlyFacts f WHERE f.Month >= @{from} AND f.Month <= @{to}{keys}");
                }
                else
                {
                    where.Parameters.Add(from, FactKey.ToDayKey(parts[part].From));
                    where.Parameters.Add(to, FactKey.ToDayKey(parts[part].To));
                    branches.Add($"SELECT {select(new FactBranch("SUBSTRING(f.Day, 1, 7)", range))} FROM DailyFacts f WHERE f.Day >= @{from} AND f.Day <= @{to}{keys}");
                }
            }
        }

        return (string.Join("\nUNION ALL\n", branches), where.Parameters);
    }
}
