using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Scope.EntitlementWording;

namespace HelpDesk.Core.Scope;

/// <summary>
/// Decides whether a request is entitled to support, and says why. Each contract of the organisation is judged on
/// its own, in this order: does it cover the product and has it started (else <see cref="Verdict.NoContract"/>),
/// has it ended in its time zone (<see cref="Verdict.Expired"/>), does its plan include the channel
/// (<see cref="Verdict.ChannelNotIncluded"/>), is the request inside the Scope of Support in force
/// (<see cref="Verdict.OutOfScope"/>), are incidents left (<see cref="Verdict.AllowanceUsed"/>); what passes every
/// step is <see cref="Verdict.Entitled"/>. The contract that comes furthest wins (ties: the later end, then the
/// lower id), and the decision names it. What cannot be checked (an unknown product, release or environment, no
/// scope in force) never makes a request out of scope: it sets <see cref="EntitlementDecision.NeedsReview"/>.
/// Without a product the catalogue knows the decision is provisional
/// (<see cref="EntitlementDecision.NeedsClassification"/>): any contract in term on the channel counts, neither the
/// scope nor the allowance is checked, and only the first-response target applies until an engineer classifies it.
/// </summary>
public static class EntitlementEngine
{
    public static EntitlementDecision Decide(EntitlementRequest request, EntitlementFacts facts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        var at = ContractTerms.AsUtc(request.AtUtc);
        var today = DateOnly.FromDateTime(at);
        var product = facts.Product;
        var named = Clean(request.Product);
        var latest = product is null ? null : ScopeInForce(facts.PublishedScopes, product.Id, at, today);
        var checks = new ScopeChecks(request, facts, product, today);

        var judged = facts.Contracts
            .Where(c => c.Contract.Status == ContractStatus.Active && c.Contract.OrganisationId == request.OrganisationId)
            .Select(c => Judge(c, request, facts, product, checks.For(ScopeFor(facts.PublishedScopes, product, c.Contract, at, today)), at))
            .OrderBy(j => Rank(j.Verdict))
            .ThenByDescending(j => j.Facts.Contract.EndsOn)
            .ThenBy(j => j.Facts.Contract.Id)
            .ToList();

        var reasons = new List<EntitlementReason>();
        var best = judged.Count == 0 ? null : judged[0];
        var verdict = best?.Verdict ?? Verdict.NoContract;
        var chosen = verdict == Verdict.NoContract ? null : best;
        var scopeReached = verdict is Verdict.Entitled or Verdict.OutOfScope or Verdict.AllowanceUsed;
        var scope = chosen is null ? latest : chosen.Findings?.Scope;
        var findings = chosen is null ? checks.For(latest) : chosen.Findings;

        if (chosen is null)
        {
            reasons.Add(new(judged.Count == 0
                ? "The organisation has no support contract."
                : $"No contract of the organisation covers {product?.Name ?? "this request"} on {Date(today)}."));
        }
        else
        {
            var contract = chosen.Facts.Contract;
            reasons.Add(new(
                $"Judged under contract {contract.Number}, {chosen.Facts.Plan.Name} plan, {Date(contract.StartsOn)} to {Date(contract.EndsOn)}. {chosen.AsHeadline()}",
                Contract: contract.Number));
            if (scopeReached && scope is not null && product is not null && WhichVersion(scope, latest, contract, product) is { } which)
            {
                reasons.Add(new(which, Contract: contract.Number));
            }
        }

        if (scopeReached && findings is not null)
        {
            reasons.AddRange(findings.Reasons);
        }

        if (product is null)
        {
            const string provisional = "so the request needs classification: until an engineer names the product, any of the organisation's contracts counts, the Scope of Support is not checked, no incident is used and only the first response is due. Classifying it judges it again as of when it was filed.";
            reasons.Add(new(named is null
                ? $"No product was named, {provisional}"
                : $"\"{named}\" is not a product in our catalogue, {provisional}"));
        }
        else if (scope is null && scopeReached)
        {
            reasons.Add(new($"No Scope of Support for {product.Name} was in force on {Date(today)}, so the request was not checked against one. An engineer will confirm it."));
        }

        var sla = scopeReached ? chosen!.Facts.Plan.TargetFor(request.Severity) : null;
        if (sla is not null)
        {
            reasons.Add(new(SlaSentence(verdict, chosen!.Facts, sla, provisional: product is null), Contract: chosen.Facts.Contract.Number));
        }

        foreach (var other in judged)
        {
            if (ReferenceEquals(other, chosen) || (chosen is not null && other.Verdict == verdict && verdict is Verdict.Entitled or Verdict.OutOfScope))
            {
                continue;
            }

            reasons.Add(new(other.Why, Contract: other.Facts.Contract.Number));
        }

        return new EntitlementDecision
        {
            Verdict = verdict,
            Reasons = reasons,
            ProductCode = product?.Code,
            ProductName = product?.Name,
            ScopeId = scope?.Id,
            ScopeNumber = scope?.Number,
            ContractId = chosen?.Facts.Contract.Id,
            ContractNumber = chosen?.Facts.Contract.Number,
            PlanName = chosen?.Facts.Plan.Name,
            Sla = sla,
            OutOfScopeCategories = verdict == Verdict.OutOfScope ? findings!.OrderedCategories() : [],
            NeedsReview = product is null || (scopeReached && (scope is null || findings!.NeedsReview)),
            NeedsClassification = product is null,
        };
    }

    /// <summary>
    /// The version of a product's scope in force at <paramref name="atUtc"/>: the newest published one that took
    /// effect on or before that day and was published before the moment. Null when there is none.
    /// </summary>
    public static ScopeOfSupport? ScopeInForce(IEnumerable<ScopeOfSupport> versions, int productId, DateTime atUtc, DateOnly? onUtcDate = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var at = ContractTerms.AsUtc(atUtc);
        var day = onUtcDate ?? DateOnly.FromDateTime(at);
        ScopeOfSupport? best = null;
        foreach (var version in versions)
        {
            if (version.ProductId == productId
                && version.Status == ScopeStatus.Published
                && version.PublishedUtc is DateTime published
                && ContractTerms.AsUtc(published) <= at
                && version.EffectiveOn <= day
                && (best is null || version.Number > best.Number))
            {
                best = version;
            }
        }

        return best;
    }

    /// <summary>
    /// The version of a product's scope a contract is entitled to at <paramref name="atUtc"/>: as
    /// <see cref="ScopeInForce"/>, leaving out each version published to apply at renewal after the contract's term
    /// started (its publication day, UTC, is after <see cref="Contract.StartsOn"/>). So a running contract keeps the
    /// newest version in force at its start, or a later one published to apply now, until it renews. Null when none is
    /// in force; with no product, null.
    /// </summary>
    public static ScopeOfSupport? ScopeFor(IReadOnlyList<ScopeOfSupport> versions, Product? product, Contract contract, DateTime atUtc, DateOnly onUtcDate)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(contract);
        if (product is null)
        {
            return null;
        }

        var at = ContractTerms.AsUtc(atUtc);
        ScopeOfSupport? best = null;
        foreach (var version in versions)
        {
            if (version.ProductId == product.Id
                && version.Status == ScopeStatus.Published
                && version.PublishedUtc is DateTime published
                && ContractTerms.AsUtc(published) <= at
                && version.EffectiveOn <= onUtcDate
                && (version.AppliesTo == ScopeApplication.Now || DateOnly.FromDateTime(ContractTerms.AsUtc(published)) <= contract.StartsOn)
                && (best is null || version.Number > best.Number))
            {
                best = version;
            }
        }

        return best;
    }

    /// <summary>
    /// Why the version that judged the request applies to its contract, when a version published to apply at renewal
    /// decided it: the contract kept an older version, or its term started after that version was published.
    /// </summary>
    private static string? WhichVersion(ScopeOfSupport scope, ScopeOfSupport? latest, Contract contract, Product product)
    {
        var started = Date(contract.StartsOn);
        if (latest is not null && latest.Number != scope.Number && latest.AppliesTo == ScopeApplication.AtRenewal)
        {
            return $"Judged by version {scope.Number} of the {product.Name} Scope of Support, the version contract {contract.Number} is entitled to until it renews: version {latest.Number} was published on {Date(DateOnly.FromDateTime(latest.PublishedUtc!.Value))} to apply only to contracts that start or renew after its publication, and this contract's term started on {started}.";
        }

        return scope.AppliesTo == ScopeApplication.AtRenewal
            ? $"Judged by version {scope.Number} of the {product.Name} Scope of Support, which applies to contracts that start or renew on or after {Date(DateOnly.FromDateTime(scope.PublishedUtc!.Value))}; the term of contract {contract.Number} started on {started}."
            : null;
    }

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Entitled => 0,
        Verdict.OutOfScope => 1,
        Verdict.AllowanceUsed => 2,
        Verdict.ChannelNotIncluded => 3,
        Verdict.Expired => 4,
        _ => 5,
    };

    private static ContractJudgement Judge(ContractFacts facts, EntitlementRequest request, EntitlementFacts all, Product? product, ScopeFindings? findings, DateTime at) =>
        JudgeContract(facts, request, all, product, findings, at) with { Findings = findings };

    private static ContractJudgement JudgeContract(ContractFacts facts, EntitlementRequest request, EntitlementFacts all, Product? product, ScopeFindings? findings, DateTime at)
    {
        var contract = facts.Contract;
        var plan = facts.Plan;
        var number = contract.Number;
        if (product is not null && !contract.ProductIds.Contains(product.Id))
        {
            return new(facts, Verdict.NoContract, $"Contract {number} does not cover {product.Name}; it covers {Covered(contract, all)}.");
        }

        var localDay = ContractTerms.LocalDate(contract, at);
        if (localDay < contract.StartsOn)
        {
            return new(facts, Verdict.NoContract, $"Contract {number} starts on {Date(contract.StartsOn)}.");
        }

        if (localDay > contract.EndsOn)
        {
            return new(facts, Verdict.Expired, $"Contract {number} ended on {Date(contract.EndsOn)}.");
        }

        var channel = ToSupportChannel(request.Channel);
        if (channel == SupportChannels.None || !plan.Includes(channel))
        {
            return new(facts, Verdict.ChannelNotIncluded, $"The {plan.Name} plan of contract {number} does not include requests by {Channel(request.Channel)}; it includes {Channels(plan.Channels)}.");
        }

        var covers = product is null ? "" : $" and covers {product.Name}";
        var used = facts.IncidentsUsed - (request.HoldsIncidentOf == contract.Id ? 1 : 0);
        if (findings is { OutOfScope: true })
        {
            return new(facts, Verdict.OutOfScope, $"Contract {number} is in term{covers}, but the request is outside the Scope of Support.");
        }

        // Without a known product no incident is used yet, so the allowance is checked when the ticket is classified.
        var bought = contract.IncidentsBought > 0 ? $" ({contract.IncidentsBought} of them bought in packs)" : "";
        if (product is not null && ContractStates.Allowance(contract, plan) is int allowance && used >= allowance)
        {
            return new(facts, Verdict.AllowanceUsed, allowance == 0
                ? $"Contract {number} includes no incidents."
                : $"All {allowance} incidents{bought} of contract {number} for this term are used.");
        }

        var left = product is null
            ? "no incident is used until the product is known"
            : ContractStates.Allowance(contract, plan) is int total
                ? $"{used} of its {total} incidents{bought} are used"
                : "its incidents are unlimited";
        return new(facts, Verdict.Entitled, $"Contract {number} is in term{covers}, includes requests by {Channel(request.Channel)}, and {left}.");
    }

    private static string Covered(Contract contract, EntitlementFacts facts)
    {
        var names = contract.ProductIds.Select(id => facts.ProductNames.TryGetValue(id, out var name) ? name : null).OfType<string>().ToList();
        return names.Count > 0 ? List(names) : contract.ProductIds.Count == 0 ? "no product" : "other products";
    }

    private static ScopeFindings CheckScope(EntitlementRequest request, EntitlementFacts facts, ScopeOfSupport scope, Product product, DateOnly today)
    {
        var findings = new ScopeFindings(scope);
        CheckRelease(findings, request, facts, scope, product, today);
        CheckEnvironment(findings, request, facts, scope, product, today);

        if (request.ModifiedSource && !scope.ModifiedSourceCovered)
        {
            findings.Add(RequestCategories.Customization, new($"The source code of {product.Name} has been modified, and support does not cover modified source.", ScopeClauses.ModifiedSource));
        }

        var category = RequestCategories.Find(request.Category)?.Code;
        if (category == RequestCategories.ThirdPartyIntegration && !scope.ThirdPartyIntegrationCovered)
        {
            findings.Add(category, new($"Questions about integrating {product.Name} with third-party products are not covered.", ScopeClauses.ThirdPartyIntegration));
        }

        if (category is not null && findings.ClauseOf(category) is not null)
        {
            findings.Add(category, null);
        }

        return findings;
    }

    private static void CheckRelease(ScopeFindings findings, EntitlementRequest request, EntitlementFacts facts, ScopeOfSupport scope, Product product, DateOnly today)
    {
        var named = Clean(request.Release);
        if (named is null)
        {
            findings.Review(new("No release was given, so whether it is supported could not be checked.", ScopeClauses.SupportedReleases));
            return;
        }

        var release = facts.Releases.FirstOrDefault(r => string.Equals(r.Name.Trim(), named, StringComparison.OrdinalIgnoreCase));
        if (release is null)
        {
            findings.Review(new($"{named} is not a release of {product.Name} we know, so whether it is supported could not be checked.", ScopeClauses.SupportedReleases));
            return;
        }

        if (release.ReleasedOn > today)
        {
            findings.Review(new($"Release {release.Name} is not released until {Date(release.ReleasedOn)}, so whether it is supported could not be checked.", ScopeClauses.SupportedReleases));
            return;
        }

        var supportedReleases = ScopeHistory.SupportedReleases(facts.Releases, scope.ReleasesBack, today);
        if (supportedReleases.Contains(release))
        {
            return;
        }

        string why;
        if (release.EndOfSupportOn is DateOnly ended && ended < today)
        {
            why = $"{release.Name} ended support on {Date(ended)}.";
        }
        else if (release.RetiredUtc is DateTime retired && ScopeHistory.Window(facts.Releases, scope.ReleasesBack, today).Contains(release))
        {
            why = $"{release.Name} was retired on {Date(DateOnly.FromDateTime(retired))}.";
        }
        else
        {
            var current = facts.Releases.Where(r => r.ReleasedOn <= today).MaxBy(r => (r.ReleasedOn, r.Id))!.Name;
            why = scope.ReleasesBack switch
            {
                0 => $"Only the current release {current} is supported.",
                1 => $"Only the current release {current} and the one before it are supported.",
                var n => $"Only the current release {current} and the {n} before it are supported.",
            };
        }

        var supported = supportedReleases.Select(r => r.Name).ToList();
        var now = supported.Count switch
        {
            0 => "No release is supported today.",
            1 => $"The supported release is {supported[0]}.",
            _ => $"The supported releases are {List(supported)}.",
        };
        findings.Add(RequestCategories.Backport, new($"Release {release.Name} is not supported: {why} {now}", ScopeClauses.SupportedReleases));
    }

    private static void CheckEnvironment(ScopeFindings findings, EntitlementRequest request, EntitlementFacts facts, ScopeOfSupport scope, Product product, DateOnly today)
    {
        // A scope that names no environments restricts none.
        if (scope.EnvironmentCodes.Count == 0)
        {
            return;
        }

        var named = Clean(request.Environment);
        if (named is null)
        {
            findings.Review(new("No environment was given, so whether it is supported could not be checked.", ScopeClauses.SupportedEnvironments));
            return;
        }

        var environment = facts.Environments.FirstOrDefault(e =>
            string.Equals(e.Code.Trim(), named, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Name.Trim(), named, StringComparison.OrdinalIgnoreCase));
        if (environment is null)
        {
            findings.Review(new($"{named} is not an environment we know, so whether it is supported could not be checked.", ScopeClauses.SupportedEnvironments));
            return;
        }

        // A retired environment is still known, so a request naming it is judged; from its retirement on it is not supported.
        var listed = scope.EnvironmentCodes.Any(code => string.Equals(code, environment.Code, StringComparison.OrdinalIgnoreCase));
        if (listed && !environment.IsRetiredOn(today))
        {
            return;
        }

        var supported = scope.EnvironmentCodes
            .Select(code => facts.Environments.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase)) ?? new TargetEnvironment { Code = code, Name = code })
            .Where(e => !e.IsRetiredOn(today))
            .Select(e => e.Name)
            .ToList();
        var why = listed
            ? $"{environment.Name} was retired on {Date(DateOnly.FromDateTime(environment.RetiredUtc!.Value))} and is no longer a supported environment for {product.Name}."
            : $"{environment.Name} is not a supported environment for {product.Name}.";
        var now = supported.Count == 0 ? "No environment is supported today." : $"The supported environments are {List(supported)}.";
        findings.Add(RequestCategories.UnsupportedEnvironment, new($"{why} {now}", ScopeClauses.SupportedEnvironments));
    }

    private static string SlaSentence(Verdict verdict, ContractFacts facts, SlaTarget sla, bool provisional)
    {
        var plan = facts.Plan;
        var whose = ContractSupportHours.InContractZone(facts.Contract, plan) ? $", the time zone of contract {facts.Contract.Number}" : "";
        var counted = facts.Hours.AroundTheClock ? "counted around the clock" : $"counted in support hours ({Hours(facts.Hours)}{whose}, holidays excluded)";
        if (provisional && verdict == Verdict.Entitled)
        {
            return $"Under the {plan.Name} plan a {Severity(sla.Severity)} request gets a first response within {Duration(sla.FirstResponseMinutes)}, {counted}; the resolution target applies once the request is classified, counted from when it was filed.";
        }

        return verdict == Verdict.Entitled
            ? $"Under the {plan.Name} plan a {Severity(sla.Severity)} request gets a first response within {Duration(sla.FirstResponseMinutes)} and a resolution within {Duration(sla.ResolveMinutes)}, {counted}."
            : $"The {plan.Name} plan's first response within {Duration(sla.FirstResponseMinutes)} for a {Severity(sla.Severity)} request still applies, {counted}.";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ContractJudgement(ContractFacts Facts, Verdict Verdict, string Why)
    {
        /// <summary>What the version this contract is entitled to says about the request; null without one.</summary>
        public ScopeFindings? Findings { get; init; }

        /// <summary>The reason, following "Judged under contract C-0007, …", without naming the contract again.</summary>
        public string AsHeadline()
        {
            var named = $"Contract {Facts.Contract.Number} ";
            return Why.StartsWith(named, StringComparison.Ordinal) ? "It " + Why[named.Length..] : Why;
        }
    }

    /// <summary>The findings of each version the contracts are entitled to, checked once per version.</summary>
    private sealed class ScopeChecks(EntitlementRequest request, EntitlementFacts facts, Product? product, DateOnly today)
    {
        private ScopeFindings? _first;
        private List<ScopeFindings>? _more;

        public ScopeFindings? For(ScopeOfSupport? scope)
        {
            if (scope is null || product is null)
            {
                return null;
            }

            if (_first is null)
            {
                return _first = CheckScope(request, facts, scope, product, today);
            }

            if (ReferenceEquals(_first.Scope, scope))
            {
                return _first;
            }

            _more ??= [];
            var found = _more.Find(f => ReferenceEquals(f.Scope, scope));
            if (found is null)
            {
                found = CheckScope(request, facts, scope, product, today);
                _more.Add(found);
            }

            return found;
        }
    }

    /// <summary>What the scope in force says about the request: the categories it falls under and why, and what could not be checked.</summary>
    private sealed class ScopeFindings(ScopeOfSupport scope)
    {
        private readonly List<string> _categories = [];

        public ScopeOfSupport Scope => scope;

        public List<EntitlementReason> Reasons { get; } = [];

        public bool NeedsReview { get; private set; }

        public bool OutOfScope => _categories.Count > 0;

        public OutOfScopeClause? ClauseOf(string category) =>
            scope.OutOfScope.FirstOrDefault(c => string.Equals(c.Category, category, StringComparison.OrdinalIgnoreCase));

        public void Review(EntitlementReason reason)
        {
            NeedsReview = true;
            Reasons.Add(reason);
        }

        /// <summary>Matches a category with the reason found, then cites the category's out-of-scope clause once, when the scope lists it.</summary>
        public void Add(string category, EntitlementReason? reason)
        {
            if (reason is not null)
            {
                Reasons.Add(reason);
            }

            if (_categories.Contains(category))
            {
                return;
            }

            _categories.Add(category);
            if (ClauseOf(category) is { } clause)
            {
                var explanation = clause.Explanation.Trim();
                var text = explanation.Length == 0
                    ? $"{RequestCategories.LabelOf(category)} is outside the Scope of Support."
                    : $"{RequestCategories.LabelOf(category)} is outside the Scope of Support: {explanation}";
                Reasons.Add(new(text, ScopeClauses.OutOfScope(category)));
            }
        }

        public List<string> OrderedCategories()
        {
            var order = RequestCategories.All.Select(c => c.Code).ToList();
            return _categories.OrderBy(c => order.IndexOf(c) is var i && i < 0 ? int.MaxValue : i).ToList();
        }
    }
}
