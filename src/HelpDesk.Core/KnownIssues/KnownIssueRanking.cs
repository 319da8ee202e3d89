using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;

namespace HelpDesk.Core.KnownIssues;

/// <summary>
/// What is known about one known issue's linked tickets: the tickets, each ticket's history as the economics rollup
/// loads it (null when it has none yet), and the value of each affected organisation's active contracts that cover
/// the issue's product.
/// </summary>
public sealed record KnownIssueEvidence(
    KnownIssue Issue,
    IReadOnlyList<LinkedTicket> Tickets,
    IReadOnlyDictionary<int, TicketHistory> Histories,
    IReadOnlyDictionary<int, long> ContractValueByOrganisation);

/// <summary>One row of the ranked list: the figures, and the reasons in words.</summary>
public sealed record KnownIssueRank(
    int Position,
    KnownIssue Issue,
    int CustomersAffected,
    long ContractValueCents,
    int OpenTickets,
    int LinkedTickets,
    double? MeanCsat,
    int RatedTickets,
    long LabourMinutes,
    long LabourCents,
    IReadOnlyList<string> Reasons);

/// <summary>
/// Ranks known issues by what they cost, most costly first: labour already spent on the linked tickets (costed exactly as
/// the economics facts cost it), then contract value at stake (the active contracts covering the product of the
/// organisations that reported it), customers affected, open tickets, and lowest CSAT of the linked tickets.
/// </summary>
public static class KnownIssueRanking
{
    public static IReadOnlyList<KnownIssueRank> Rank(IReadOnlyList<KnownIssueEvidence> evidence, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(currency);
        var measured = evidence.Select(e => Measure(e, currency)).ToList();
        var ordered = measured
            .OrderByDescending(r => r.LabourCents)
            .ThenByDescending(r => r.ContractValueCents)
            .ThenByDescending(r => r.CustomersAffected)
            .ThenByDescending(r => r.OpenTickets)
            .ThenBy(r => r.MeanCsat ?? double.MaxValue)
            .ThenBy(r => r.Issue.Id)
            .ToList();
        return [.. ordered.Select((r, i) => r with { Position = i + 1 })];
    }

    private static KnownIssueRank Measure(KnownIssueEvidence evidence, Currency currency)
    {
        var tickets = evidence.Tickets;
        var organisations = tickets.Select(t => t.OrganisationId).Distinct().ToList();
        var value = organisations.Sum(o => evidence.ContractValueByOrganisation.GetValueOrDefault(o));
        var open = tickets.Count(t => t.IsOpen);
        var minutes = 0L;
        var cents = 0L;
        var scores = new List<int>();
        foreach (var ticket in tickets)
        {
            if (!evidence.Histories.TryGetValue(ticket.TicketId, out var history))
            {
                continue;
            }

            foreach (var costed in TicketLabour.For(history))
            {
                minutes += costed.Entry.Minutes;
                cents += costed.CostCents;
            }

            // A ticket rated again after reopening counts with its latest rating, once.
            if (history.Ratings.Count > 0)
            {
                scores.Add(history.Ratings.OrderBy(r => r.AtUtc).Last().Score);
            }
        }

        double? csat = scores.Count > 0 ? scores.Average() : null;
        string Money(long amount) => Contracts.Money.Format(amount, currency);
        var reasons = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{Common.Durations.Describe((int)Math.Min(minutes, int.MaxValue))} of labour on {Count(tickets.Count, "linked ticket")} cost {Money(cents)}."),
            organisations.Count == 0
                ? "No customer has reported it yet."
                : $"{Count(organisations.Count, "customer")} affected, with {Money(value)} of active contracts covering {ProductOf(evidence.Issue)} at stake.",
            open == 0 ? "No linked ticket is still open." : $"{Count(open, "linked ticket")} still open.",
            csat is double mean
                ? string.Create(CultureInfo.InvariantCulture, $"Customers rated the linked tickets {mean:0.0} of 5 on average ({Count(scores.Count, "rating")}).")
                : "No linked ticket has been rated.",
        };
        return new KnownIssueRank(0, evidence.Issue, organisations.Count, value, open, tickets.Count, csat, scores.Count, minutes, cents, reasons);
    }

    private static string ProductOf(KnownIssue issue) => issue.ProductName.Length > 0 ? issue.ProductName : "the product";

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
