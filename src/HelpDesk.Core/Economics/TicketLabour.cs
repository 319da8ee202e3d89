using HelpDesk.Core.Routing;

namespace HelpDesk.Core.Economics;

/// <summary>How one time entry was costed.</summary>
public enum CostBasis
{
    /// <summary>Minutes at the engineer's hourly rate in force on the work date.</summary>
    Hourly,

    /// <summary>An in-house engineer with no rate in force on the work date: the entry costs nothing until one is set.</summary>
    NoRate,

    /// <summary>The supplier's price per case, charged on the supplier's first entry on the ticket.</summary>
    SupplierCase,

    /// <summary>The supplier was already charged for this case by an earlier entry.</summary>
    SupplierCharged,
}

/// <summary>A time entry with what it cost and why: the rate in force (or the supplier's price) and the cost in cents.</summary>
public sealed record CostedEntry(WorkEntry Entry, CostBasis Basis, long? HourlyCents, long? PricePerCaseCents, long CostCents, string Explanation);

/// <summary>
/// A ticket's labour, entry by entry, costed exactly as its facts are: in work-date order, in-house minutes at the rate
/// in force on the work date (rounded per entry), each supplier's price once per case on its first entry.
/// </summary>
public static class TicketLabour
{
    public static IReadOnlyList<CostedEntry> For(TicketHistory ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var suppliersCharged = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var costed = new List<CostedEntry>(ticket.TimeEntries.Count);
        foreach (var entry in ticket.TimeEntries.OrderBy(e => e.WorkDate))
        {
            if (entry.Costing.Sourcing == Sourcing.Supplier)
            {
                var supplier = entry.Costing.Supplier ?? $"engineer {entry.EngineerId}";
                var price = entry.Costing.PricePerCaseCents ?? 0;
                costed.Add(suppliersCharged.Add(supplier)
                    ? new CostedEntry(entry, CostBasis.SupplierCase, null, price, price, $"{supplier}'s price per case, charged once for the ticket")
                    : new CostedEntry(entry, CostBasis.SupplierCharged, null, price, 0, $"{supplier} was already charged its price per case for this ticket"));
                continue;
            }

            if (entry.Costing.HourlyCentsOn(entry.WorkDate) is { } hourly)
            {
                costed.Add(new CostedEntry(entry, CostBasis.Hourly, hourly, null, LabourCosting.EntryCents(entry.Minutes, hourly),
                    "minutes × the hourly rate in force on the work date ÷ 60, rounded to the cent"));
            }
            else
            {
                costed.Add(new CostedEntry(entry, CostBasis.NoRate, null, null, 0, "no hourly rate was in force on the work date"));
            }
        }

        return costed;
    }
}
