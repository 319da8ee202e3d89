using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Tickets;

/// <summary>One reason of a verdict as a page or the API shows it: its words and, when it cites a clause, where that clause is.</summary>
public sealed record ReasonView(string Text, string? Clause, string? ClauseTitle, string? ClauseUrl, string? Contract);

/// <summary>An engineer's override as shown beside the verdict it replaced.</summary>
/// <param name="ByName">The engineer's name; null when it was not looked up.</param>
public sealed record OverrideView(Verdict Original, Verdict Verdict, string Reason, int ById, string? ByName, DateTime AtUtc, bool Goodwill);

/// <summary>
/// The entitlement of a ticket (or of a request not yet filed), ready for the verdict panel, the portal preview
/// and the API: the verdict in force, the reasons with links to the clauses they cite, the scope version, the
/// contract and plan, the SLA targets and due times, and the override when there is one.
/// </summary>
public sealed record EntitlementView
{
    public required Verdict Verdict { get; init; }

    public required EntitlementDecision Decision { get; init; }

    public IReadOnlyList<ReasonView> Reasons { get; init; } = [];

    public DateTime? FirstResponseDueUtc { get; init; }

    public DateTime? ResolveDueUtc { get; init; }

    public OverrideView? Override { get; init; }

    /// <summary>The decision given when the ticket was filed, once staff corrected its facts and it was judged again; null otherwise.</summary>
    public EntitlementDecision? Filed { get; init; }

    /// <summary>When staff last corrected the ticket's facts.</summary>
    public DateTime? ClassifiedUtc { get; init; }

    public bool NeedsReview => Decision.NeedsReview;

    /// <summary>No product the catalogue knows: the verdict is provisional until an engineer classifies the ticket.</summary>
    public bool NeedsClassification => Decision.NeedsClassification;

    public string? ProductCode => Decision.ProductCode;

    /// <summary>The product as people read it: its catalogue name (its code for a verdict given before names were kept).</summary>
    public string? ProductName => Decision.ProductName ?? Decision.ProductCode;

    /// <summary>The scope version the request was judged by, in words: "Keel scope version 2".</summary>
    public string? ScopeTitle => ProductName is { } name && ScopeNumber is int number
        ? string.Create(CultureInfo.InvariantCulture, $"{name} scope version {number}")
        : null;

    public int? ScopeNumber => Decision.ScopeNumber;

    /// <summary>The public page of the scope version the request was judged by.</summary>
    public string? ScopeUrl => ScopeLinks.Version(Decision.ProductCode, Decision.ScopeNumber);

    public string? ContractNumber => Decision.ContractNumber;

    public int? ContractId => Decision.ContractId;

    public string? PlanName => Decision.PlanName;

    public SlaTarget? Sla => Decision.Sla;

    /// <summary>The ticket the verdict belongs to; null for a request not yet filed, whose targets would start now.</summary>
    public Ticket? Ticket { get; init; }

    /// <summary>Where the first-response target stands at <paramref name="nowUtc"/>.</summary>
    public SlaTargetState FirstResponseAt(DateTime nowUtc) =>
        Ticket is { } ticket ? SlaTargetState.FirstResponse(ticket, nowUtc) : SlaTargetState.Decide(FirstResponseDueUtc, null, null, nowUtc);

    /// <summary>Where the resolution target stands at <paramref name="nowUtc"/>.</summary>
    public SlaTargetState ResolutionAt(DateTime nowUtc) =>
        Ticket is { } ticket ? SlaTargetState.Resolution(ticket, nowUtc) : SlaTargetState.Decide(ResolveDueUtc, null, null, nowUtc);

    public static EntitlementView From(EntitlementDecision decision, DateTime? firstResponseDueUtc, DateTime? resolveDueUtc, OverrideView? overridden = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new EntitlementView
        {
            Verdict = overridden?.Verdict ?? decision.Verdict,
            Decision = decision,
            Reasons = [.. decision.Reasons.Select(r => new ReasonView(
                r.Text,
                r.Clause,
                r.Clause is null ? null : ScopeLinks.ClauseTitle(r.Clause),
                ScopeLinks.Clause(decision.ProductCode, decision.ScopeNumber, r.Clause),
                r.Contract))],
            FirstResponseDueUtc = firstResponseDueUtc,
            ResolveDueUtc = resolveDueUtc,
            Override = overridden,
        };
    }

    /// <summary>Null for a ticket filed before entitlement was checked.</summary>
    public static EntitlementView? Of(Ticket ticket, string? overriddenByName = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Entitlement is not { } decision)
        {
            return null;
        }

        var overridden = ticket.Override is { } o
            ? new OverrideView(decision.Verdict, o.Verdict, o.Reason, o.ById, overriddenByName, o.AtUtc, o.IsGoodwillOver(decision.Verdict))
            : null;
        return From(decision, ticket.FirstResponseDueUtc, ticket.ResolveDueUtc, overridden) with
        {
            Ticket = ticket,
            Filed = ticket.IntakeEntitlement,
            ClassifiedUtc = ticket.ClassifiedUtc,
        };
    }
}

/// <summary>Addresses of the public Scope of Support pages that verdicts cite.</summary>
public static class ScopeLinks
{
    public static string? Version(string? productCode, int? number) =>
        string.IsNullOrEmpty(productCode) || number is not int n
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"/scope/{Uri.EscapeDataString(productCode)}/v/{n}");

    public static string? Clause(string? productCode, int? number, string? clause) =>
        clause is null || Version(productCode, number) is not { } version ? null : $"{version}#{Uri.EscapeDataString(clause)}";

    public static string ClauseTitle(string clause) => ScopeClauses.Title(clause);
}

/// <summary>How verdicts and SLA targets read on the pages.</summary>
public static class VerdictText
{
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Entitled => "Entitled",
        Verdict.OutOfScope => "Out of scope",
        Verdict.NoContract => "No contract",
        Verdict.Expired => "Contract expired",
        Verdict.ChannelNotIncluded => "Channel not included",
        Verdict.AllowanceUsed => "Incidents used up",
        _ => verdict.ToString(),
    };

    /// <summary>The CSS modifier of a verdict's badge: good, bad or warn.</summary>
    public static string Tone(Verdict verdict) => verdict switch
    {
        Verdict.Entitled => "good",
        Verdict.OutOfScope => "warn",
        _ => "bad",
    };

    /// <summary>
    /// What the customer is told before filing: the verdict as a sentence, e.g. "Covered by your Premium contract
    /// C-0004: first response within 1 hour."
    /// </summary>
    public static string Preview(EntitlementView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var contract = string.Join(" ", new[] { view.PlanName, "contract", view.ContractNumber }.Where(s => !string.IsNullOrEmpty(s)));
        return view.Verdict switch
        {
            Verdict.Entitled when view.Sla is { } sla => $"Covered by your {contract}: first response within {EntitlementWording.Duration(sla.FirstResponseMinutes)}.",
            Verdict.Entitled => $"Covered by your {contract}.",
            Verdict.OutOfScope => "This looks out of scope because:",
            Verdict.NoContract => "We found no support contract of yours that covers this product:",
            Verdict.Expired => "Your support contract for this product has ended:",
            Verdict.ChannelNotIncluded => "Your plan does not include support through this channel:",
            Verdict.AllowanceUsed => "The incidents of your contract for this term are used up:",
            _ => VerdictText.Name(view.Verdict),
        };
    }
}

/// <summary>What the verdict panel needs besides the verdict: now (for "due in …") and who reads it.</summary>
/// <param name="ContractUrl">Where staff manage the contract; null shows the number as plain text.</param>
/// <param name="ForStaff">Staff also see an override's reason and whether it was goodwill; customers see only the new verdict.</param>
public sealed record EntitlementPanel(EntitlementView? View, DateTime NowUtc, string? ContractUrl = null, bool ForStaff = false);
