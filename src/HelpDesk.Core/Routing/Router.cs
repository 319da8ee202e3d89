using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>
/// Chooses the engineer for a ticket, and says why. An engineer qualifies when they know the ticket's product (a skill
/// narrowed to an area counts only for that area) at the proficiency its severity needs, are of the ticket's tier or
/// above, speak its language and take its category; and they are free when they are not left out by the request,
/// did not give the ticket up before (escalated it, handed it back, returned it), are not away and are below their
/// capacity. The free, qualified engineers are ranked most proficient first (strategic
/// customers, severe tickets) or least over-qualified and cheapest first (everyone else), then by load, by how long
/// since their last assignment, and by id so the same facts always give the same answer. With nobody free the ticket
/// waits in its skill queue. Pure: no clock, no store.
/// </summary>
public static class Router
{
    public static RoutingDecision Decide(RoutingRequest request, IReadOnlyList<EngineerLoad> engineers, RoutingSettings settings, RoutingTrigger trigger = RoutingTrigger.Intake)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(engineers);
        ArgumentNullException.ThrowIfNull(settings);
        var (mode, modeReason) = ModeFor(request, settings);
        var needed = request.ProductCode is null ? 0 : settings.ProficiencyFor(request.Severity);
        var day = DateOnly.FromDateTime(request.AtUtc);
        var candidates = new List<Candidate>();
        var excluded = new List<ExcludedEngineer>();
        foreach (var load in engineers)
        {
            if (Assess(request, load, settings, trigger, out var proficiency) is { } exclusion)
            {
                excluded.Add(exclusion);
                continue;
            }

            candidates.Add(Candidate.Of(load, proficiency, needed, request.Tier, day, settings));
        }

        candidates.Sort(mode == RoutingMode.ProficiencyFirst ? CompareProficiencyFirst : CompareCostFirst);
        var ranked = candidates
            .Take(Math.Max(1, settings.ExplainTop))
            .Select((c, i) => c.Ranked(i + 1))
            .ToList();
        var counts = excluded
            .GroupBy(e => e.Reason)
            .OrderBy(g => Closeness(g.Key))
            .ToDictionary(g => g.Key, g => g.Count());
        var named = excluded
            .OrderBy(e => Closeness(e.Reason))
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.EngineerId)
            .Take(Math.Max(0, settings.ExplainExcluded))
            .ToList();
        var chosen = candidates.Count == 0 ? null : candidates[0];
        var queue = request.Queue.Name;
        return new RoutingDecision
        {
            Outcome = chosen is null ? RoutingOutcome.Queued : RoutingOutcome.Assigned,
            Trigger = trigger,
            AssigneeId = chosen?.Load.Engineer.UserId,
            AssigneeName = chosen?.Load.Engineer.Name,
            Queue = queue,
            Mode = mode,
            ModeReason = modeReason,
            Considered = engineers.Count,
            Qualified = candidates.Count,
            Ranked = ranked,
            Excluded = named,
            ExcludedCounts = counts,
            Summary = chosen is null
                ? $"Queued in {queue}: {WhyQueued(request, engineers.Count, counts, excluded, trigger, needed)}"
                : $"Assigned to {chosen.Load.Engineer.Name} ({(candidates.Count == 1 ? "the only one qualified" : $"best of {candidates.Count.ToString(CultureInfo.InvariantCulture)} qualified")}, {Describe(mode)}: {modeReason})",
            AtUtc = request.AtUtc,
        };
    }

    /// <summary>Why the engineer may not take the ticket now, or null when they qualify and are free.</summary>
    public static ExcludedEngineer? Check(RoutingRequest request, EngineerLoad engineer, RoutingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(engineer);
        ArgumentNullException.ThrowIfNull(settings);
        return Assess(request, engineer, settings, RoutingTrigger.Intake, out _);
    }

    public static bool Qualifies(RoutingRequest request, EngineerLoad engineer, RoutingSettings settings) => Check(request, engineer, settings) is null;

    /// <summary>
    /// The decision when a person, not the ranking, chooses the engineer (a manager reassigning): the engineer's
    /// factors, and what the router would have held against them, so the audit trail says so.
    /// </summary>
    internal static RoutingDecision Chosen(RoutingRequest request, EngineerLoad engineer, RoutingSettings settings, RoutingTrigger trigger, string chosenBy)
    {
        var (mode, modeReason) = ModeFor(request, settings);
        var needed = request.ProductCode is null ? 0 : settings.ProficiencyFor(request.Severity);
        var exclusion = Assess(request, engineer, settings, trigger, out var proficiency);
        var factors = Candidate.Of(engineer, proficiency, needed, request.Tier, DateOnly.FromDateTime(request.AtUtc), settings).Ranked(1);
        var name = engineer.Engineer.Name;
        return new RoutingDecision
        {
            Outcome = RoutingOutcome.Assigned,
            Trigger = trigger,
            AssigneeId = engineer.Engineer.UserId,
            AssigneeName = name,
            Queue = request.Queue.Name,
            Mode = mode,
            ModeReason = modeReason,
            Considered = 1,
            Qualified = exclusion is null ? 1 : 0,
            Ranked = [factors],
            Excluded = exclusion is null ? [] : [exclusion],
            ExcludedCounts = exclusion is null ? new Dictionary<ExclusionReason, int>() : new Dictionary<ExclusionReason, int> { [exclusion.Reason] = 1 },
            Summary = exclusion is null
                ? $"Assigned to {name} by {chosenBy}"
                : $"Assigned to {name} by {chosenBy}, although the router would not have chosen them: {exclusion.Text}",
            AtUtc = request.AtUtc,
        };
    }

    internal static (RoutingMode Mode, string Reason) ModeFor(RoutingRequest request, RoutingSettings settings)
    {
        var segment = $"{Wording.Name(request.Segment).ToLowerInvariant()} customer";
        var severity = $"{Describe(request.Severity)} severity";
        var bySegment = settings.ProficiencyFirstSegments.Contains(request.Segment);
        var bySeverity = request.Severity <= settings.ProficiencyFirstSeverity;
        return (bySegment, bySeverity) switch
        {
            (true, true) => (RoutingMode.ProficiencyFirst, $"{segment}, {severity}"),
            (true, false) => (RoutingMode.ProficiencyFirst, segment),
            (false, true) => (RoutingMode.ProficiencyFirst, severity),
            _ => (RoutingMode.CostFirst, $"{segment}, {severity}"),
        };
    }

    public static string Describe(RoutingMode mode) => mode == RoutingMode.ProficiencyFirst ? "proficiency first" : "cost first";

    public static string Describe(Severity severity) => severity.ToString().ToLowerInvariant();

    // The skills come first and availability last, so an engineer left out for being away or busy is one who could
    // otherwise have taken the ticket; "nobody qualified is free" counts exactly them.
    private static ExcludedEngineer? Assess(RoutingRequest request, EngineerLoad load, RoutingSettings settings, RoutingTrigger trigger, out int proficiency)
    {
        var engineer = load.Engineer;
        proficiency = 0;
        ExcludedEngineer Out(ExclusionReason reason, string text) => new(engineer.UserId, engineer.Name, reason, text);

        if (request.ProductCode is { } product)
        {
            var knowsProduct = false;
            var best = 0;
            foreach (var skill in engineer.Skills)
            {
                if (!string.Equals(skill.ProductCode, product, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                knowsProduct = true;
                if (skill.CoversArea(request.Area) && skill.Proficiency > best)
                {
                    best = skill.Proficiency;
                }
            }

            if (best == 0)
            {
                return knowsProduct
                    ? Out(ExclusionReason.NoSkill, $"knows {product} only on {AreasOf(engineer, product)}, not {request.Area ?? "an unnamed environment"}")
                    : Out(ExclusionReason.NoSkill, $"no {product} skill");
            }

            proficiency = best;
            var needed = settings.ProficiencyFor(request.Severity);
            if (best < needed)
            {
                return Out(ExclusionReason.LowProficiency, $"{product} proficiency {best}; a {Describe(request.Severity)} ticket needs {needed}");
            }
        }

        if (engineer.Tier < request.Tier)
        {
            return Out(ExclusionReason.TierTooLow, $"tier {engineer.Tier}; the ticket needs tier {request.Tier}");
        }

        if (!engineer.Languages.Contains(request.Language, StringComparer.OrdinalIgnoreCase))
        {
            return Out(ExclusionReason.Language, $"does not speak {Languages.NameOf(request.Language)}");
        }

        if (request.Category is { } category && engineer.Categories.Count > 0 && !engineer.Categories.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            return Out(ExclusionReason.Category, $"does not take {CategoryWords(category)} requests");
        }

        if (request.Exclude.Contains(engineer.UserId))
        {
            return Out(ExclusionReason.Excluded, trigger switch
            {
                RoutingTrigger.HandedBack => "handed the ticket back",
                RoutingTrigger.Reassigned => "had the ticket before the reassignment",
                _ => "left out on request",
            });
        }

        if (FindGivenUp(request, engineer.UserId) is { } given)
        {
            return Out(ExclusionReason.GaveUp, given.Text);
        }

        if (!engineer.Available)
        {
            return Out(ExclusionReason.Away, "away");
        }

        if (!load.HasSpareCapacity)
        {
            return Out(ExclusionReason.AtCapacity, $"at capacity ({load.OpenTickets} of {engineer.Capacity} open)");
        }

        return null;
    }

    private static GivenUp? FindGivenUp(RoutingRequest request, int engineerId)
    {
        foreach (var given in request.GivenUpBy)
        {
            if (given.EngineerId == engineerId)
            {
                return given;
            }
        }

        return null;
    }

    private static string AreasOf(EngineerProfile engineer, string product) => Join(engineer.Skills
        .Where(s => string.Equals(s.ProductCode, product, StringComparison.OrdinalIgnoreCase) && s.Area is not null)
        .Select(s => s.Area!)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList());

    private static string CategoryWords(string category) => category.Replace('-', ' ');

    /// <summary>The order excluded engineers are shown in: those nearest to taking the ticket first.</summary>
    private static int Closeness(ExclusionReason reason) => reason switch
    {
        ExclusionReason.AtCapacity => 0,
        ExclusionReason.Away => 1,
        ExclusionReason.Excluded => 2,
        ExclusionReason.GaveUp => 3,
        ExclusionReason.Category => 4,
        ExclusionReason.Language => 5,
        ExclusionReason.TierTooLow => 6,
        ExclusionReason.LowProficiency => 7,
        _ => 8,
    };

    private static bool IsAvailability(ExclusionReason reason) =>
        reason is ExclusionReason.AtCapacity or ExclusionReason.Away or ExclusionReason.Excluded or ExclusionReason.GaveUp;

    private static string WhyQueued(
        RoutingRequest request, int considered, IReadOnlyDictionary<ExclusionReason, int> counts, IReadOnlyList<ExcludedEngineer> excluded, RoutingTrigger trigger, int needed)
    {
        if (considered == 0)
        {
            return "no engineer has a routing profile yet";
        }

        // Those who gave the ticket up are counted by how: "1 escalated it and 1 handed it back", not "2 gave it up".
        var gaveUp = excluded
            .Where(e => e.Reason == ExclusionReason.GaveUp)
            .GroupBy(e => FindGivenUp(request, e.EngineerId)?.Counted ?? "gave it up")
            .Select(g => $"{g.Count().ToString(CultureInfo.InvariantCulture)} {g.Key}")
            .ToList();
        var busy = counts
            .Where(c => IsAvailability(c.Key))
            .SelectMany(c => c.Key == ExclusionReason.GaveUp ? gaveUp : [Phrase(request, c.Key, c.Value, trigger, needed)])
            .ToList();
        if (busy.Count > 0)
        {
            // The page lists why the others do not qualify; the one sentence only says how many there are.
            var unqualified = counts.Where(c => !IsAvailability(c.Key)).Sum(c => c.Value);
            var others = unqualified == 0 ? "" : $"; {Count(unqualified, "other does", "others do")} not qualify";
            return $"nobody qualified is free ({Join(busy)}{others})";
        }

        var unfit = counts.Select(c => Phrase(request, c.Key, c.Value, trigger, needed)).ToList();
        return $"none of the {Count(considered, "engineer", "engineers")} qualifies ({Join(unfit)})";
    }

    private static string Phrase(RoutingRequest request, ExclusionReason reason, int count, RoutingTrigger trigger, int needed)
    {
        var n = count.ToString(CultureInfo.InvariantCulture);
        return reason switch
        {
            ExclusionReason.AtCapacity => $"{n} at capacity",
            ExclusionReason.Away => $"{n} away",
            ExclusionReason.Excluded => trigger switch
            {
                RoutingTrigger.HandedBack => $"{n} handed it back",
                RoutingTrigger.Reassigned => $"{n} had it before",
                _ => $"{n} left out on request",
            },
            ExclusionReason.GaveUp => $"{n} gave it up",
            ExclusionReason.NoSkill => $"{n} without a {request.ProductCode} skill",
            ExclusionReason.LowProficiency => $"{n} below proficiency {needed.ToString(CultureInfo.InvariantCulture)}",
            ExclusionReason.TierTooLow => $"{n} below tier {request.Tier.ToString(CultureInfo.InvariantCulture)}",
            ExclusionReason.Language => $"{n} not speaking {Languages.NameOf(request.Language)}",
            ExclusionReason.Category => $"{n} not taking {CategoryWords(request.Category ?? "")} requests",
            _ => $"{n} left out",
        };
    }

    private static string Count(int count, string one, string many) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    private static string Join(List<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}",
    };

    private static int CompareProficiencyFirst(Candidate a, Candidate b)
    {
        var byProficiency = b.Proficiency.CompareTo(a.Proficiency);
        return byProficiency != 0 ? byProficiency : CompareLoadThenIdle(a, b);
    }

    private static int CompareCostFirst(Candidate a, Candidate b)
    {
        var byOver = a.OverQualification.CompareTo(b.OverQualification);
        if (byOver != 0)
        {
            return byOver;
        }

        var byCost = a.CostKey.CompareTo(b.CostKey);
        return byCost != 0 ? byCost : CompareLoadThenIdle(a, b);
    }

    private static int CompareLoadThenIdle(Candidate a, Candidate b)
    {
        // Open/Capacity compared without division: a qualified engineer always has a capacity of at least one.
        var byLoad = ((long)a.Load.OpenTickets * b.Load.Engineer.Capacity).CompareTo((long)b.Load.OpenTickets * a.Load.Engineer.Capacity);
        if (byLoad != 0)
        {
            return byLoad;
        }

        var byIdle = (a.Load.Engineer.LastAssignedUtc ?? DateTime.MinValue).CompareTo(b.Load.Engineer.LastAssignedUtc ?? DateTime.MinValue);
        return byIdle != 0 ? byIdle : a.Load.Engineer.UserId.CompareTo(b.Load.Engineer.UserId);
    }

    private sealed record Candidate(EngineerLoad Load, int Proficiency, int OverQualification, long? CostCents, string CostBasis)
    {
        /// <summary>An engineer with no rate sorts after every priced one, as the most expensive.</summary>
        public long CostKey => CostCents ?? long.MaxValue;

        public static Candidate Of(EngineerLoad load, int proficiency, int neededProficiency, int tier, DateOnly day, RoutingSettings settings)
        {
            var engineer = load.Engineer;
            var over = Math.Max(0, proficiency - neededProficiency) + Math.Max(0, engineer.Tier - tier);
            var (cost, basis) = Cost(engineer, day, settings.ExpectedMinutesPerCase, settings.Currency);
            return new(load, proficiency, over, cost, basis);
        }

        public RankedEngineer Ranked(int rank) => new(
            Load.Engineer.UserId,
            Load.Engineer.Name,
            rank,
            Proficiency,
            OverQualification,
            CostCents ?? 0,
            CostBasis,
            Load.OpenTickets,
            Load.Engineer.Capacity,
            Load.Engineer.LastAssignedUtc);

        private static (long? Cents, string Basis) Cost(EngineerProfile engineer, DateOnly day, int minutes, Currency currency)
        {
            if (engineer.Sourcing == Sourcing.Supplier)
            {
                var supplier = string.IsNullOrWhiteSpace(engineer.Supplier) ? "supplier" : engineer.Supplier;
                return engineer.PricePerCaseCents is long price
                    ? (price, $"{supplier} at {Money.Format(price, currency)} a case")
                    : (null, $"{supplier} has no price per case, so counted as the most expensive");
            }

            if (engineer.HourlyCentsOn(day) is not long hourly)
            {
                return (null, $"no hourly rate on {Scope.EntitlementWording.Date(day)}, so counted as the most expensive");
            }

            var cents = (long)Math.Round(hourly * (decimal)minutes / 60m, MidpointRounding.AwayFromZero);
            return (cents, $"in-house at {Money.Format(hourly, currency)} an hour × {Durations.Describe(minutes)}");
        }
    }
}
