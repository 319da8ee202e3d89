using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Scope;

/// <summary>
/// One ticket of the period as the what-if replays it: the request as it was judged (its product, release,
/// environment, category, modified source, channel, severity and filing time) and the labour its engineers cost.
/// </summary>
public sealed record ReplayTicket(string Number, EntitlementRequest Request, long LabourCostCents);

/// <summary>An organisation whose tickets are replayed: its segment and the value of its contracts.</summary>
public sealed record ReplayCustomer(int OrganisationId, string Name, CustomerSegment Segment, long ContractValueCents);

/// <summary>
/// A service offering as today's catalogue sells it: the out-of-scope categories it answers, the products it applies
/// to (none: any), its price today, and the share of its offers customers accepted (null when none was decided).
/// </summary>
public sealed record ReplayService(string Name, IReadOnlyList<string> Categories, IReadOnlyList<int> ProductIds, long PriceCents, decimal? AcceptanceRate)
{
    public bool Answers(string category, int productId) =>
        (ProductIds.Count == 0 || ProductIds.Contains(productId)) && Categories.Contains(category, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Everything a what-if needs, loaded by the caller: the product's catalogue and published versions, each
/// organisation's contracts with their plans, the tickets of the period, the customers and the services on sale.
/// </summary>
public sealed record WhatIfInput
{
    public required Product Product { get; init; }
    public required ScopeOfSupport Draft { get; init; }

    /// <summary>The first moment of the period: the draft is replayed as if published then, effective that day.</summary>
    public DateTime PeriodStartUtc { get; init; }
    public IReadOnlyList<ProductRelease> Releases { get; init; } = [];
    public IReadOnlyList<TargetEnvironment> Environments { get; init; } = [];
    public IReadOnlyList<ScopeOfSupport> PublishedScopes { get; init; } = [];
    public IReadOnlyList<ContractFacts> Contracts { get; init; } = [];
    public IReadOnlyList<ReplayTicket> Tickets { get; init; } = [];
    public IReadOnlyList<ReplayCustomer> Customers { get; init; } = [];
    public IReadOnlyList<ReplayService> Services { get; init; } = [];
    public Currency Currency { get; init; } = Currency.Default;
}

/// <summary>A ticket whose verdict the draft would change, the clause(s) that change it and what it moves.</summary>
public sealed record VerdictShift(string Number, int OrganisationId, Verdict Before, Verdict After, IReadOnlyList<string> Clauses, long LabourCostCents)
{
    public bool ToOut => After == Verdict.OutOfScope;

    /// <summary>The service that could have been sold for it (in → out only) and its expected revenue.</summary>
    public string? Service { get; init; }
    public long ExpectedRevenueCents { get; init; }
}

/// <summary>The tickets one clause moves in each direction, and the labour those moving out cost.</summary>
public sealed record ClauseShift(string Clause, string Title, IReadOnlyList<string> ToOut, IReadOnlyList<string> ToIn, long LabourCostOutCents, long LabourCostInCents);

/// <summary>What one service could have earned on the tickets moving out of scope: tickets × price × acceptance.</summary>
public sealed record ServiceRevenue(string Service, IReadOnlyList<string> Tickets, long PriceCents, decimal? AcceptanceRate, long RevenueCents, string Explanation);

/// <summary>A customer the draft would affect, with the tickets behind it and why, in words.</summary>
public sealed record AffectedCustomer(
    int OrganisationId,
    string Name,
    CustomerSegment Segment,
    long ContractValueCents,
    IReadOnlyList<string> ToOut,
    IReadOnlyList<string> ToIn,
    long LabourCostOutCents,
    string Why);

/// <summary>The replay under one publish choice.</summary>
public sealed record WhatIfOutcome
{
    public ScopeApplication Choice { get; init; }
    public IReadOnlyList<VerdictShift> Shifts { get; init; } = [];
    public IReadOnlyList<ClauseShift> Clauses { get; init; } = [];
    public IReadOnlyList<ServiceRevenue> Services { get; init; } = [];
    public IReadOnlyList<AffectedCustomer> Customers { get; init; } = [];

    public IReadOnlyList<string> ToOut => Shifts.Where(s => s.ToOut).Select(s => s.Number).ToList();
    public IReadOnlyList<string> ToIn => Shifts.Where(s => !s.ToOut).Select(s => s.Number).ToList();
    public long LabourCostOutCents => Shifts.Where(s => s.ToOut).Sum(s => s.LabourCostCents);
    public long LabourCostInCents => Shifts.Where(s => !s.ToOut).Sum(s => s.LabourCostCents);
    public long RevenueCents => Services.Sum(s => s.RevenueCents);
}

/// <summary>The what-if of a draft over a period: how many tickets were replayed, and the outcome of each choice.</summary>
public sealed record WhatIfReport(int Replayed, WhatIfOutcome ApplyNow, WhatIfOutcome AtRenewal)
{
    public WhatIfOutcome Of(ScopeApplication choice) => choice == ScopeApplication.AtRenewal ? AtRenewal : ApplyNow;
}

/// <summary>
/// "Had this draft been in force": replays each ticket of a period through <see cref="EntitlementEngine"/> twice
/// with the same facts — once with the versions that were published, once with the draft added as if published at
/// the start of the period (to apply now, or only to contracts that start or renew after that) — and reports the
/// tickets whose verdict changes between in scope (entitled, or over the contract's incidents) and out of scope.
/// The incident allowance is left out of the replay (no incident counts as used), so only the scope moves a verdict.
/// </summary>
public static class ScopeWhatIf
{
    /// <summary>How many affected customers a report lists.</summary>
    public const int MostAffected = 10;

    public static WhatIfReport Replay(WhatIfInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = ContractTerms.AsUtc(input.PeriodStartUtc);
        var next = input.PublishedScopes.Where(v => v.ProductId == input.Product.Id).Select(v => v.Number).DefaultIfEmpty(0).Max() + 1;
        var asPublished = input.Draft with
        {
            Number = next,
            Status = ScopeStatus.Published,
            PublishedUtc = start,
            EffectiveOn = DateOnly.FromDateTime(start),
        };
        IReadOnlyList<ScopeOfSupport> now = [.. input.PublishedScopes, asPublished with { AppliesTo = ScopeApplication.Now }];
        IReadOnlyList<ScopeOfSupport> atRenewal = [.. input.PublishedScopes, asPublished with { AppliesTo = ScopeApplication.AtRenewal }];
        var publishedDay = DateOnly.FromDateTime(start);

        var facts = input.Contracts
            .GroupBy(c => c.Contract.OrganisationId)
            .ToDictionary(g => g.Key, g => OrganisationFacts.Of(g.ToList(), input, now, atRenewal, publishedDay));

        var shiftsNow = new List<VerdictShift>();
        var shiftsAtRenewal = new List<VerdictShift>();
        foreach (var ticket in input.Tickets)
        {
            if (!facts.TryGetValue(ticket.Request.OrganisationId, out var known))
            {
                continue;
            }

            var before = EntitlementEngine.Decide(ticket.Request, known.Before);
            var shiftNow = Shift(ticket, before, EntitlementEngine.Decide(ticket.Request, known.ApplyNow), input);
            var shiftAtRenewal = known.AllStartAfter
                ? shiftNow
                : Shift(ticket, before, EntitlementEngine.Decide(ticket.Request, known.AtRenewal), input);
            if (shiftNow is not null)
            {
                shiftsNow.Add(shiftNow);
            }

            if (shiftAtRenewal is not null)
            {
                shiftsAtRenewal.Add(shiftAtRenewal);
            }
        }

        return new WhatIfReport(input.Tickets.Count, Outcome(ScopeApplication.Now, shiftsNow, input), Outcome(ScopeApplication.AtRenewal, shiftsAtRenewal, input));
    }

    /// <summary>The clause a matched out-of-scope category falls under: the rule that put it there.</summary>
    public static string ClauseOf(string category, bool modifiedSource) => category switch
    {
        RequestCategories.Backport => ScopeClauses.SupportedReleases,
        RequestCategories.UnsupportedEnvironment => ScopeClauses.SupportedEnvironments,
        RequestCategories.Customization when modifiedSource => ScopeClauses.ModifiedSource,
        _ => ScopeClauses.OutOfScope(category),
    };

    /// <summary>
    /// An organisation's facts as published, with the draft applied now, and at renewal; contracts that all started on
    /// or after the draft's publication take it whichever the choice.
    /// </summary>
    private sealed record OrganisationFacts(EntitlementFacts Before, EntitlementFacts ApplyNow, EntitlementFacts AtRenewal, bool AllStartAfter)
    {
        public static OrganisationFacts Of(List<ContractFacts> contracts, WhatIfInput input, IReadOnlyList<ScopeOfSupport> now, IReadOnlyList<ScopeOfSupport> atRenewal, DateOnly publishedDay)
        {
            var before = new EntitlementFacts
            {
                Product = input.Product,
                Releases = input.Releases,
                Environments = input.Environments,
                PublishedScopes = input.PublishedScopes,
                Contracts = contracts.Select(c => c with { IncidentsUsed = 0 }).ToList(),
                ProductNames = new Dictionary<int, string> { [input.Product.Id] = input.Product.Name },
            };
            return new(before, before with { PublishedScopes = now }, before with { PublishedScopes = atRenewal }, contracts.All(c => c.Contract.StartsOn >= publishedDay));
        }
    }

    private static bool InScope(Verdict verdict) => verdict is Verdict.Entitled or Verdict.AllowanceUsed;

    private static VerdictShift? Shift(ReplayTicket ticket, EntitlementDecision before, EntitlementDecision after, WhatIfInput input)
    {
        var toOut = InScope(before.Verdict) && after.Verdict == Verdict.OutOfScope;
        var toIn = before.Verdict == Verdict.OutOfScope && InScope(after.Verdict);
        if (!toOut && !toIn)
        {
            return null;
        }

        var categories = toOut ? after.OutOfScopeCategories : before.OutOfScopeCategories;
        var clauses = categories.Select(c => ClauseOf(c, ticket.Request.ModifiedSource)).Distinct().ToList();
        var shift = new VerdictShift(ticket.Number, ticket.Request.OrganisationId, before.Verdict, after.Verdict, clauses, ticket.LabourCostCents);
        if (!toOut)
        {
            return shift;
        }

        foreach (var category in categories)
        {
            if (input.Services.FirstOrDefault(s => s.Answers(category, input.Product.Id)) is { } service)
            {
                var expected = (long)Math.Round(service.PriceCents * (service.AcceptanceRate ?? 0m), MidpointRounding.AwayFromZero);
                return shift with { Service = service.Name, ExpectedRevenueCents = expected };
            }
        }

        return shift;
    }

    private static WhatIfOutcome Outcome(ScopeApplication choice, List<VerdictShift> shifts, WhatIfInput input)
    {
        var clauses = shifts
            .SelectMany(s => s.Clauses.Select(c => (Clause: c, Shift: s)))
            .GroupBy(x => x.Clause)
            .Select(g => new ClauseShift(
                g.Key,
                ScopeClauses.Title(g.Key),
                g.Where(x => x.Shift.ToOut).Select(x => x.Shift.Number).ToList(),
                g.Where(x => !x.Shift.ToOut).Select(x => x.Shift.Number).ToList(),
                g.Where(x => x.Shift.ToOut).Sum(x => x.Shift.LabourCostCents),
                g.Where(x => !x.Shift.ToOut).Sum(x => x.Shift.LabourCostCents)))
            .OrderByDescending(c => c.ToOut.Count + c.ToIn.Count)
            .ThenBy(c => c.Clause, StringComparer.Ordinal)
            .ToList();

        var services = shifts
            .Where(s => s.Service is not null)
            .GroupBy(s => s.Service!)
            .Select(g => Revenue(input.Services.First(s => s.Name == g.Key), g.Select(s => s.Number).ToList(), g.Sum(s => s.ExpectedRevenueCents), input.Currency))
            .OrderByDescending(s => s.RevenueCents)
            .ThenBy(s => s.Service, StringComparer.Ordinal)
            .ToList();

        var customers = input.Customers.ToDictionary(c => c.OrganisationId);
        var affected = shifts
            .GroupBy(s => s.OrganisationId)
            .Select(g => Affected(customers.GetValueOrDefault(g.Key) ?? new ReplayCustomer(g.Key, $"Organisation {g.Key}", CustomerSegment.Standard, 0), g.ToList(), input.Currency))
            .Where(a => a.ToOut.Count > 0)
            .OrderByDescending(a => a.ToOut.Count)
            .ThenByDescending(a => a.ContractValueCents)
            .ThenBy(a => a.Segment)
            .ThenBy(a => a.OrganisationId)
            .Take(MostAffected)
            .ToList();

        return new WhatIfOutcome { Choice = choice, Shifts = shifts, Clauses = clauses, Services = services, Customers = affected };
    }

    private static ServiceRevenue Revenue(ReplayService service, List<string> tickets, long revenue, Currency currency)
    {
        var price = Money.Format(service.PriceCents, currency);
        var explanation = service.AcceptanceRate is decimal rate
            ? string.Create(CultureInfo.InvariantCulture, $"{tickets.Count} × {price} today × {Offers.OfferConversion.Percent(rate)} of its offers accepted = {Money.Format(revenue, currency)}.")
            : $"No offer of {service.Name} has been decided yet, so no acceptance rate is known and no revenue is counted for its {tickets.Count} ticket(s).";
        return new ServiceRevenue(service.Name, tickets, service.PriceCents, service.AcceptanceRate, revenue, explanation);
    }

    private static AffectedCustomer Affected(ReplayCustomer customer, List<VerdictShift> shifts, Currency currency)
    {
        var toOut = shifts.Where(s => s.ToOut).ToList();
        var toIn = shifts.Where(s => !s.ToOut).Select(s => s.Number).ToList();
        var labour = toOut.Sum(s => s.LabourCostCents);
        var byClause = toOut
            .SelectMany(s => s.Clauses)
            .GroupBy(c => c)
            .OrderByDescending(g => g.Count())
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} under “{ScopeClauses.Title(g.Key)}”"))
            .ToList();
        var why = string.Create(
            CultureInfo.InvariantCulture,
            $"{toOut.Count} of their tickets would have been out of scope ({EntitlementWording.List(byClause)}), taking {Money.Format(labour, currency)} of engineers' work out of support. A {Segment(customer.Segment)} customer with contracts worth {Money.Format(customer.ContractValueCents, currency)}.");
        if (toIn.Count > 0)
        {
            why += string.Create(CultureInfo.InvariantCulture, $" {toIn.Count} other ticket(s) of theirs would have come into scope.");
        }

        return new AffectedCustomer(customer.OrganisationId, customer.Name, customer.Segment, customer.ContractValueCents, toOut.Select(s => s.Number).ToList(), toIn, labour, why);
    }

    private static string Segment(CustomerSegment segment) => segment switch
    {
        CustomerSegment.SelfService => "self-service",
        _ => segment.ToString().ToLowerInvariant(),
    };
}
