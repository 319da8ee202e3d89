using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Scope;

/// <summary>
/// One ticket's part in the scope review: what it was about (product, release, environment, category), how it was
/// judged (the decision the engine made, the verdict in force, the clauses its reasons cite), who gave it as goodwill,
/// and what its ticket-day facts add up to in the period, with the services revenue booked on its accepted offers.
/// </summary>
public sealed record ScopeReviewTicket
{
    public int TicketId { get; init; }
    public string Number { get; init; } = "";
    public string Subject { get; init; } = "";
    public int ProductId { get; init; }
    public string ProductName { get; init; } = "";
    public string? Release { get; init; }
    public string? Environment { get; init; }
    public string? Category { get; init; }
    /// <summary>The verdict the ticket was judged to have (its Verdict column), as the economics facts read it.</summary>
    public Verdict? JudgedVerdict { get; init; }

    /// <summary>The judged decision with its reasons and categories; null for a ticket stored without one.</summary>
    public EntitlementDecision? Decision { get; init; }
    /// <summary>The verdict an engineer put in its place (its OverrideVerdict column); null when none did.</summary>
    public Verdict? OverrideVerdict { get; init; }
    public int? OverriddenById { get; init; }
    public string? OverriddenByName { get; init; }
    public Measures Measures { get; init; } = new();
    public long ServicesRevenueCents { get; init; }

    public Verdict? VerdictInForce => OverrideVerdict ?? JudgedVerdict;

    /// <summary>Overridden to Entitled from another verdict: the facts count its labour as goodwill.</summary>
    public bool IsGoodwill => TicketHistory.IsGoodwillOf(JudgedVerdict, OverrideVerdict);

    public bool IsOutOfScope => VerdictInForce == Verdict.OutOfScope;
}

/// <summary>A row of a review table: the product and the group's key and label, the tickets behind it and their summed facts.</summary>
public sealed record ScopeReviewRow(int ProductId, string ProductName, string Key, string Label, IReadOnlyList<ScopeReviewTicket> Tickets)
{
    public Measures Measures { get; } = Sum(Tickets);

    public long ServicesRevenueCents => Tickets.Sum(t => t.ServicesRevenueCents);

    /// <summary>Tickets with at least one offer accepted in the period.</summary>
    public int TicketsAccepted => Tickets.Count(t => t.Measures.OffersAccepted > 0);

    /// <summary>The share of the row's tickets that became accepted offers; null for a row with no tickets.</summary>
    public decimal? AcceptedShare => Tickets.Count == 0 ? null : (decimal)TicketsAccepted / Tickets.Count;

    private static Measures Sum(IEnumerable<ScopeReviewTicket> tickets)
    {
        var sum = new Measures();
        foreach (var ticket in tickets)
        {
            sum.Add(ticket.Measures);
        }

        return sum;
    }
}

/// <summary>The tables of the scope review, each a grouping of the period's tickets by product and one key.</summary>
public enum ScopeReviewTable
{
    /// <summary>Out-of-scope tickets by the out-of-scope category they were judged on.</summary>
    Category,

    /// <summary>Out-of-scope tickets by the clause their reasons cite.</summary>
    Clause,

    /// <summary>Every ticket by the release it named.</summary>
    Release,

    /// <summary>Every ticket by the environment it named.</summary>
    Environment,

    /// <summary>Goodwill tickets by the clause the verdict they were overridden from cited.</summary>
    GoodwillClause,

    /// <summary>Goodwill tickets by the engineer who overrode them.</summary>
    GoodwillEngineer,
}

/// <summary>
/// Groups the period's tickets into the review's tables, per product, largest labour cost first. A ticket judged on
/// two categories or citing two clauses counts in each of their rows.
/// </summary>
public static class ScopeReview
{
    public const string None = "(none)";

    public static IReadOnlyList<ScopeReviewRow> Rows(ScopeReviewTable table, IEnumerable<ScopeReviewTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return [.. tickets
            .Where(t => Includes(table, t))
            .SelectMany(t => Keys(table, t).Select(key => (Key: key, Ticket: t)))
            .GroupBy(p => (p.Ticket.ProductId, p.Key.Key))
            .Select(g => new ScopeReviewRow(g.Key.ProductId, g.First().Ticket.ProductName, g.Key.Key, g.First().Key.Label, [.. g.Select(p => p.Ticket).OrderBy(t => t.TicketId)]))
            .OrderBy(r => r.ProductName, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(r => table is ScopeReviewTable.GoodwillClause or ScopeReviewTable.GoodwillEngineer ? r.Measures.GoodwillCostCents : r.Measures.LabourCostCents)
            .ThenBy(r => r.Label, StringComparer.Ordinal)];
    }

    /// <summary>The row of <paramref name="table"/> for a product and key, for the drill-down; null when there is none.</summary>
    public static ScopeReviewRow? Row(ScopeReviewTable table, IEnumerable<ScopeReviewTicket> tickets, int productId, string key) =>
        Rows(table, tickets).FirstOrDefault(r => r.ProductId == productId && r.Key == key);

    private static bool Includes(ScopeReviewTable table, ScopeReviewTicket ticket) => table switch
    {
        ScopeReviewTable.Category or ScopeReviewTable.Clause => ticket.IsOutOfScope,
        ScopeReviewTable.GoodwillClause or ScopeReviewTable.GoodwillEngineer => ticket.IsGoodwill,
        _ => true,
    };

    private static IEnumerable<(string Key, string Label)> Keys(ScopeReviewTable table, ScopeReviewTicket ticket) => table switch
    {
        ScopeReviewTable.Category => Categories(ticket),
        ScopeReviewTable.Clause or ScopeReviewTable.GoodwillClause => Clauses(ticket),
        ScopeReviewTable.Release => [Plain(ticket.Release)],
        ScopeReviewTable.Environment => [Plain(ticket.Environment)],
        _ => [(ticket.OverriddenById?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? None, ticket.OverriddenByName ?? "not recorded")],
    };

    private static IEnumerable<(string, string)> Categories(ScopeReviewTicket ticket)
    {
        var codes = ticket.Decision?.OutOfScopeCategories is { Count: > 0 } judged
            ? judged
            : RequestCategories.Find(ticket.Category) is { OutOfScopeCategory: true } chosen ? [chosen.Code] : [];
        return codes.Count == 0 ? [(None, "no category")] : codes.Distinct().Select(c => (c, RequestCategories.LabelOf(c)));
    }

    /// <summary>The clauses the engine's reasons cite; a verdict that cites none (no contract, expired…) is its own row.</summary>
    private static IEnumerable<(string, string)> Clauses(ScopeReviewTicket ticket)
    {
        var cited = (ticket.Decision?.Reasons ?? []).Select(r => r.Clause).OfType<string>().Distinct().ToList();
        if (cited.Count > 0)
        {
            return cited.Select(c => (c, c));
        }

        var verdict = ticket.JudgedVerdict?.ToString() ?? None;
        return [(verdict, $"no clause ({verdict})")];
    }

    private static (string, string) Plain(string? value) =>
        string.IsNullOrWhiteSpace(value) ? (None, "not given") : (value.Trim(), value.Trim());
}

/// <summary>Reads the scope review's tickets: each ticket with ticket-day facts in the days, with its judgement and its sums.</summary>
public interface IScopeReviewReader
{
    Task<IReadOnlyList<ScopeReviewTicket>> TicketsAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default);
}
