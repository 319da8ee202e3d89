using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>What an offer does for the customer.</summary>
public enum OfferPurpose
{
    /// <summary>Engineering work on an out-of-scope request.</summary>
    Service,

    /// <summary>More incidents on a contract whose allowance is used.</summary>
    TopUp,

    /// <summary>A first contract that covers the request.</summary>
    NewContract,

    /// <summary>A new term for a contract that has ended.</summary>
    Renewal,

    /// <summary>A plan that includes what the current one does not, for the rest of the term.</summary>
    Upgrade,
}

/// <summary>
/// The ticket as proposals see it: the verdict in force, the out-of-scope categories, the product (when the catalogue
/// knows it), the channel, the contract the decision named, the organisation's contracts, and today's date.
/// </summary>
public sealed record ProposalRequest
{
    public Verdict? Verdict { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public int? ProductId { get; init; }
    public TicketChannel Channel { get; init; }
    public int? ContractId { get; init; }
    public IReadOnlyList<Contract> Contracts { get; init; } = [];
    public IReadOnlyList<Plan> Plans { get; init; } = [];
    public DateOnly Today { get; init; }

    /// <summary>The installation's currency, which prices are quoted in.</summary>
    public Currency Currency { get; init; } = Currency.Default;
}

/// <summary>
/// One offering proposed for a ticket, shaped for it: the contract it concerns, the plan and term it quotes, the
/// products a new contract would cover, and its price (null while a size must be chosen), with why it fits.
/// </summary>
public sealed record OfferProposal(CatalogueEntry Entry, OfferingVersion Version, OfferPurpose Purpose, string Why)
{
    public int? ContractId { get; init; }
    public Plan? Plan { get; init; }
    public DateOnly? TermStartsOn { get; init; }
    public DateOnly? TermEndsOn { get; init; }
    public IReadOnlyList<int> ContractProductIds { get; init; } = [];
    public PriceQuote? Price { get; init; }
}

/// <summary>The offerings that answer a ticket, and in words why nothing (more) does.</summary>
public sealed record Proposals(IReadOnlyList<OfferProposal> Items, IReadOnlyList<string> Reasons);

/// <summary>
/// Which published, active offerings answer the way a ticket falls outside its cover. OutOfScope: the services whose
/// categories meet the decision's and that apply to the product. AllowanceUsed: the incident packs. NoContract,
/// Expired, ChannelNotIncluded: the plans that would cover it (a new contract, a renewal, an upgrade to a plan that
/// includes the channel). Entitled: nothing; an offer may still be made with a reason.
/// </summary>
public static class OfferProposals
{
    public static Proposals For(ProposalRequest request, IReadOnlyList<CatalogueEntry> catalogue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (request.Verdict is null or Verdict.Entitled)
        {
            return new([], ["The request is entitled to support, so nothing is proposed. An offer can still be made with a reason (goodwill)."]);
        }

        var wanted = request.Verdict switch
        {
            Verdict.OutOfScope => OfferingKind.Service,
            Verdict.AllowanceUsed => OfferingKind.IncidentPack,
            _ => OfferingKind.Plan,
        };
        var items = new List<OfferProposal>();
        var reasons = new List<string>();
        foreach (var entry in catalogue.Where(e => e.Offerable && e.Offering.Kind == wanted).OrderBy(e => e.Published!.Name, StringComparer.OrdinalIgnoreCase))
        {
            var version = entry.Published!;
            if (!version.AppliesTo(request.ProductId))
            {
                continue;
            }

            if (wanted == OfferingKind.Service && !version.Categories.Intersect(request.Categories, StringComparer.OrdinalIgnoreCase).Any())
            {
                continue;
            }

            var shaped = Shape(entry, request);
            if (shaped.Succeeded)
            {
                items.Add(shaped.Value!);
            }
            else
            {
                reasons.Add($"{version.Name}: {shaped.Errors[0].Message}");
            }
        }

        if (items.Count == 0)
        {
            reasons.Insert(0, wanted switch
            {
                OfferingKind.Service => $"No published service answers {Scope.EntitlementWording.List([.. request.Categories.Select(RequestCategories.LabelOf)])} for this product. Send a quote request to the managers instead.",
                OfferingKind.IncidentPack => "No published incident pack applies to this product. Send a quote request to the managers instead.",
                _ => "No published plan offering would cover this request. Send a quote request to the managers instead.",
            });
        }

        return new(items, reasons);
    }

    /// <summary>
    /// The offering shaped for the ticket, whatever the verdict: what it concerns, its term and its price. Refused,
    /// with the reason, when it cannot apply (a pack with no contract to top up, a plan that does not include the
    /// channel or is no upgrade, a contract with no product to cover).
    /// </summary>
    public static Result<OfferProposal> Shape(CatalogueEntry entry, ProposalRequest request)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(request);
        var version = entry.Published;
        if (version is null || !entry.Offerable)
        {
            return Result<OfferProposal>.Invalid("offeringVersionId", $"{entry.Offering.Code} is {(entry.Offering.Status == OfferingStatus.Retired ? "retired" : "not published")}; no new offers can be made from it.");
        }

        var decided = request.ContractId is int id ? request.Contracts.FirstOrDefault(c => c.Id == id) : null;
        switch (entry.Offering.Kind)
        {
            case OfferingKind.Service:
                var categories = version.Categories.Intersect(request.Categories, StringComparer.OrdinalIgnoreCase).Select(RequestCategories.LabelOf).ToList();
                var service = new OfferProposal(entry, version, OfferPurpose.Service, categories.Count > 0
                    ? $"Answers {Scope.EntitlementWording.List(categories)}, which the Scope of Support excludes."
                    : "A service offered as goodwill.")
                { ContractId = decided?.Id };
                var quote = version.PricingKind == PricingKind.Fixed ? OfferPricing.Quote(version, null, request.Currency) : null;
                return Result<OfferProposal>.Ok(service with { Price = quote is { Succeeded: true } ? quote.Value : null });

            case OfferingKind.IncidentPack:
                var topped = decided ?? Covering(request);
                if (topped is null)
                {
                    return Result<OfferProposal>.Invalid("contractId", "An incident pack tops up a contract, and the organisation has no contract in term for this request.");
                }

                return OfferPricing.Quote(version, null, request.Currency) is { Succeeded: true } pack
                    ? Result<OfferProposal>.Ok(new OfferProposal(entry, version, OfferPurpose.TopUp, $"Adds {version.Incidents} incidents to {topped.Number}, whose allowance is used.") { ContractId = topped.Id, Price = pack.Value })
                    : Result<OfferProposal>.Invalid("price", $"{version.Name} has no price.");

            default:
                return ShapePlan(entry, version, request, decided);
        }
    }

    private static Result<OfferProposal> ShapePlan(CatalogueEntry entry, OfferingVersion version, ProposalRequest request, Contract? decided)
    {
        var plan = request.Plans.FirstOrDefault(p => p.Id == version.PlanId);
        if (plan is null)
        {
            return Result<OfferProposal>.Invalid("planId", "The plan it sells no longer exists.");
        }

        var channel = Scope.EntitlementWording.ToSupportChannel(request.Channel);
        if (channel != SupportChannels.None && !plan.Includes(channel))
        {
            return Result<OfferProposal>.Invalid("planId", $"The {plan.Name} plan does not include requests by {Scope.EntitlementWording.Channel(request.Channel)} either.");
        }

        var currentPlan = decided is null ? null : request.Plans.FirstOrDefault(p => p.Id == decided.PlanId);
        var renew = request.Verdict == Verdict.Expired || (decided is not null && request.Today > decided.EndsOn);
        if (decided is not null && renew)
        {
            var length = decided.EndsOn.DayNumber - decided.StartsOn.DayNumber;
            var starts = request.Today > decided.EndsOn ? request.Today : decided.EndsOn.AddDays(1);
            var ends = starts.AddDays(length);
            return Result<OfferProposal>.Ok(new OfferProposal(entry, version, OfferPurpose.Renewal, $"Renews {decided.Number}, which ended on {Scope.EntitlementWording.Date(decided.EndsOn)}, on the {plan.Name} plan.")
            {
                ContractId = decided.Id,
                Plan = plan,
                TermStartsOn = starts,
                TermEndsOn = ends,
                ContractProductIds = decided.ProductIds,
                Price = OfferPricing.ProRata(plan, starts, ends, request.Currency),
            });
        }

        if (decided is not null && currentPlan is not null)
        {
            var upgrade = OfferPricing.Upgrade(plan, currentPlan, decided, request.Today, request.Currency);
            if (!upgrade.Succeeded)
            {
                return upgrade.As<OfferProposal>();
            }

            var from = request.Today < decided.StartsOn ? decided.StartsOn : request.Today;
            return Result<OfferProposal>.Ok(new OfferProposal(entry, version, OfferPurpose.Upgrade, $"Moves {decided.Number} from the {currentPlan.Name} plan to {plan.Name} for the rest of its term.")
            {
                ContractId = decided.Id,
                Plan = plan,
                TermStartsOn = from,
                TermEndsOn = decided.EndsOn,
                ContractProductIds = decided.ProductIds,
                Price = upgrade.Value,
            });
        }

        IReadOnlyList<int> products = request.ProductId is int product ? [product] : version.ProductIds;
        if (products.Count == 0)
        {
            return Result<OfferProposal>.Invalid("productId", "A new contract must cover a product, and neither the ticket nor the offering names one.");
        }

        var startsOn = request.Today;
        var endsOn = startsOn.AddDays(OfferPricing.DaysPerYear - 1);
        return Result<OfferProposal>.Ok(new OfferProposal(entry, version, OfferPurpose.NewContract, $"A new one-year contract on the {plan.Name} plan covers the request.")
        {
            Plan = plan,
            TermStartsOn = startsOn,
            TermEndsOn = endsOn,
            ContractProductIds = products,
            Price = OfferPricing.ProRata(plan, startsOn, endsOn, request.Currency),
        });
    }

    // The contract in term that covers the product, when the decision named none.
    private static Contract? Covering(ProposalRequest request) =>
        request.Contracts.FirstOrDefault(c => c.Status == ContractStatus.Active
            && c.StartsOn <= request.Today && c.EndsOn >= request.Today
            && (request.ProductId is not int product || c.ProductIds.Contains(product)));
}
