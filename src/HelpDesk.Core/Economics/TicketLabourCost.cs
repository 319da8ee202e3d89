using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Economics;

/// <summary>What one time entry costs, and how, in words.</summary>
public sealed record EntryCost(int EntryId, int EngineerId, DateOnly WorkDate, long Minutes, long Cents, string Reason);

/// <summary>
/// A ticket's labour cost so far, as the desk shows it beside the time log: the totals the daily facts count for the
/// ticket, each entry's cost with its reason, and the goodwill the work is costing.
/// </summary>
/// <param name="LabourCents">Σ LabourCostCents of the ticket's facts.</param>
/// <param name="GoodwillCents">Σ GoodwillCostCents of the ticket's facts: labour on a ticket overridden to Entitled.</param>
/// <param name="OutsideCoverCents">Labour on a ticket whose verdict in force is OutOfScope: given away unless paid for.</param>
/// <param name="GoodwillReason">Why the work is goodwill, or null when it is not.</param>
public sealed record TicketLabourCost(long LabourCents, long GoodwillCents, long OutsideCoverCents, IReadOnlyList<EntryCost> Entries, string? GoodwillReason);

/// <summary>
/// Costs a ticket's time exactly as the facts do: the totals are the sums of <see cref="TicketDayFacts.For"/>, and
/// each entry is the facts' own costing (<see cref="TicketLabour.For"/>), put in words for the desk.
/// </summary>
public static class TicketCosting
{
    public static TicketLabourCost Of(TicketHistory ticket, DateTime asOfUtc, Func<int, string> engineerName, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(engineerName);
        ArgumentNullException.ThrowIfNull(currency);
        var facts = TicketDayFacts.For(ticket, asOfUtc).Values;
        var labour = facts.Sum(m => m.LabourCostCents);
        var goodwill = facts.Sum(m => m.GoodwillCostCents);
        string Money(long cents) => Contracts.Money.Format(cents, currency);

        var entries = new List<EntryCost>();
        var chargedOn = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
        foreach (var costed in TicketLabour.For(ticket))
        {
            var entry = costed.Entry;
            var who = engineerName(entry.EngineerId);
            var supplier = entry.Costing.Supplier ?? $"engineer {entry.EngineerId}";
            var reason = costed.Basis switch
            {
                CostBasis.SupplierCase => $"price per case of {supplier}, once for the ticket = {Money(costed.CostCents)}",
                CostBasis.SupplierCharged => $"{supplier} charges per case, already counted on {Date(chargedOn.GetValueOrDefault(supplier, entry.WorkDate))} = {Money(0)}",
                CostBasis.Hourly => string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Minutes} min × {Money(costed.HourlyCents!.Value)}/h ({who}'s rate from {Date(entry.Costing.RateOn(entry.WorkDate)!.EffectiveFrom)}) = {Money(costed.CostCents)}"),
                _ => $"{who} had no hourly rate on {Date(entry.WorkDate)} = {Money(0)}",
            };
            if (costed.Basis == CostBasis.SupplierCase)
            {
                chargedOn[supplier] = entry.WorkDate;
            }

            entries.Add(new EntryCost(entry.EntryId, entry.EngineerId, entry.WorkDate, entry.Minutes, costed.CostCents, reason));
        }

        var outside = ticket.Verdict == Verdict.OutOfScope ? labour : 0;
        string? why = null;
        if (ticket.IsGoodwill)
        {
            why = $"Overridden to entitled from {EntitlementWording.Verdict(ticket.IntakeVerdict!.Value)}: the work is given away, and the P&L counts its labour as goodwill.";
        }
        else if (ticket.Verdict == Verdict.OutOfScope)
        {
            why = "Labour on a request outside the cover: given away unless the customer pays for it. The P&L counts it as labour cost, and as goodwill once the verdict is overridden to entitled.";
        }

        return new TicketLabourCost(labour, goodwill, outside, entries, why);
    }

    private static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
