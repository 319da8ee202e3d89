using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;

namespace HelpDesk.Web.Routing;

/// <summary>How the router's decisions, engineers' factors and SLA states read on the pages: one place, so the desk, the manage pages and the tests say the same.</summary>
public static class RoutingText
{
    public static string Mode(RoutingMode mode) => mode switch
    {
        RoutingMode.ProficiencyFirst => "Most proficient first",
        RoutingMode.CostFirst => "Least over-qualified and cheapest first",
        _ => mode.ToString(),
    };

    public static string Trigger(RoutingTrigger trigger) => trigger switch
    {
        RoutingTrigger.Intake => "when the ticket was filed",
        RoutingTrigger.Escalated => "on escalation",
        RoutingTrigger.HandedBack => "when it was handed back",
        RoutingTrigger.Reassigned => "on reassignment by a manager",
        RoutingTrigger.Pulled => "when capacity freed and it was pulled from its queue",
        RoutingTrigger.SlaEscalated => "when the SLA monitor escalated it",
        RoutingTrigger.Reclassified => "when staff corrected its facts",
        _ => trigger.ToString(),
    };

    /// <summary>
    /// Where a re-routed ticket went, for the notice after an escalation, hand-back or reassignment: who has it now, or
    /// that it waits in its queue and why.
    /// </summary>
    public static string Outcome(RoutingDecision? decision)
    {
        if (decision is null)
        {
            return "";
        }

        if (decision.Outcome == RoutingOutcome.Assigned)
        {
            return $"{decision.Summary}.";
        }

        var prefix = $"Queued in {decision.Queue}: ";
        var why = decision.Summary.StartsWith(prefix, StringComparison.Ordinal) ? decision.Summary[prefix.Length..] : decision.Summary;
        return $"Nobody else who qualifies is free, so it waits in {decision.Queue} until an engineer who qualifies has room ({why}).";
    }

    public static string Reason(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Away => "away",
        ExclusionReason.Excluded => "left out on purpose",
        ExclusionReason.NoSkill => "no skill in the product",
        ExclusionReason.LowProficiency => "proficiency too low",
        ExclusionReason.TierTooLow => "tier too low",
        ExclusionReason.Language => "does not speak the language",
        ExclusionReason.Category => "does not take the category",
        ExclusionReason.AtCapacity => "at capacity",
        ExclusionReason.GaveUp => "gave the ticket up",
        _ => reason.ToString(),
    };

    /// <summary>"3 at capacity, 2 away", most common first: the reasons nobody (else) could take the ticket.</summary>
    public static string Counts(IReadOnlyDictionary<ExclusionReason, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Join(", ", counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {Reason(c.Key)}")));
    }

    public static string Load(int open, int capacity) => string.Create(CultureInfo.InvariantCulture, $"{open} of {capacity}");

    /// <summary>How far above the need an engineer is (proficiency and tier together).</summary>
    public static string OverQualification(int overQualification) =>
        overQualification switch
        {
            0 => "exact fit",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"+{overQualification}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{overQualification}"),
        };

    /// <summary>
    /// The expected cost of the case with how it was worked out ("80.00 USD (in-house at 40.00 USD an hour × 2 h)"); an
    /// engineer without a rate or price has no cost (the router ranks them as the most expensive) and the basis says so.
    /// </summary>
    public static string Cost(RankedEngineer engineer, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        if (!HasCost(engineer))
        {
            return string.IsNullOrWhiteSpace(engineer.CostBasis) ? "unknown" : engineer.CostBasis;
        }

        return string.IsNullOrWhiteSpace(engineer.CostBasis) ? Money.Format(engineer.ExpectedCostCents, currency) : $"{Money.Format(engineer.ExpectedCostCents, currency)} ({engineer.CostBasis})";
    }

    /// <summary>Rates and prices are more than zero, so a cost of zero means the engineer had none.</summary>
    public static bool HasCost(RankedEngineer engineer)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        return engineer.ExpectedCostCents is > 0 and < long.MaxValue;
    }

    /// <summary>"never", "just now", "35 min ago", "3 h ago", "4 d ago".</summary>
    public static string Ago(DateTime? utc, DateTime nowUtc)
    {
        if (utc is not DateTime at)
        {
            return "never";
        }

        var minutes = (int)Math.Max(0, Math.Round((nowUtc - at).TotalMinutes));
        return minutes switch
        {
            < 1 => "just now",
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes} min ago"),
            < 48 * 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h ago"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} d ago"),
        };
    }

    /// <summary>
    /// What the ticket needs of an engineer, as the router read it: "Keel RTOS at proficiency 3 (high severity), tier 1 or
    /// above, speaks English, takes problem requests".
    /// </summary>
    public static string Need(Core.Tickets.Ticket ticket, RoutingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(settings);
        var product = ticket.Entitlement?.ProductName ?? ticket.Entitlement?.ProductCode;
        var skill = product is null
            ? "no product skill (the product is not in the catalogue)"
            : string.Create(CultureInfo.InvariantCulture, $"{product}{(string.IsNullOrEmpty(ticket.Environment) ? "" : $" (on {ticket.Environment})")} at proficiency {settings.ProficiencyFor(ticket.Severity)} ({ticket.Severity.ToString().ToLowerInvariant()} severity)");
        var category = string.IsNullOrEmpty(ticket.Category) ? "" : $", takes {Core.Scope.RequestCategories.LabelOf(ticket.Category).ToLowerInvariant()} requests";
        return string.Create(CultureInfo.InvariantCulture, $"{skill}, tier {ticket.Tier} or above, speaks {Core.Routing.Languages.NameOf(ticket.Language)}{category}");
    }

    public static string Tier(int tier) => string.Create(CultureInfo.InvariantCulture, $"tier {tier}");

    public static string Sourcing(EngineerProfile engineer, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(engineer);
        return engineer.Sourcing == Core.Routing.Sourcing.Supplier
            ? $"{engineer.Supplier ?? "supplier"}{(engineer.PricePerCaseCents is long price ? $", {Money.Format(price, currency)} per case" : "")}"
            : "in-house";
    }

    public static string Skill(EngineerSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var area = string.IsNullOrEmpty(skill.Area) ? "" : $" ({skill.Area})";
        return string.Create(CultureInfo.InvariantCulture, $"{skill.ProductCode}{area} {skill.Proficiency}/{EngineerSkill.MaxProficiency}");
    }

    public static string Languages(IEnumerable<string> codes) => string.Join(", ", codes.Select(Core.Routing.Languages.NameOf));

    /// <summary>The SLA badge of a ticket: paused while it waits on the customer, else at risk or breached; null when on track.</summary>
    public static (string Css, string Text)? SlaBadge(SlaState state, DateTime? pausedUtc) =>
        pausedUtc is not null ? ("sla-paused", "paused")
        : state switch
        {
            SlaState.AtRisk => ("sla-at-risk", "at risk"),
            SlaState.Breached => ("sla-breached", "breached"),
            _ => null,
        };
}
