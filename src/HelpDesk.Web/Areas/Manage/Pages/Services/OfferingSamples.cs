using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>Sample values for every blank, so a manager reads the terms as a customer will, before publishing them.</summary>
public static class OfferingSamples
{
    public static IReadOnlyDictionary<string, string> For(OfferingKind kind, OfferingVersion version, IReadOnlyDictionary<int, Plan> plans, IReadOnlyList<Product> products, Currency currency, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(products);
        var product = products.FirstOrDefault(p => version.ProductIds.Contains(p.Id)) ?? (products.Count > 0 ? products[0] : null);
        var plan = version.PlanId is int planId ? plans.GetValueOrDefault(planId) : null;
        var medium = version.Sizes.First(s => s.Size == OfferSize.Medium);
        var cents = kind switch
        {
            OfferingKind.Plan => plan?.ListPriceCents ?? 0,
            _ when version.PricingKind == PricingKind.BySize => medium.Cents ?? 0,
            _ => version.PriceCents ?? 0,
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fromRelease"] = "4.0",
            ["release"] = "4.0",
            ["toRelease"] = "5.2",
            ["platform"] = "Linux x64",
            ["environment"] = "Linux x64",
            ["product"] = product?.Name ?? "the product",
            ["thirdParty"] = "the customer's ERP system",
            ["description"] = "the work the ticket asks for",
            ["size"] = $"Medium ({medium.Definition ?? "as defined"})",
            ["customer"] = "Example Customer Ltd",
            ["ticket"] = "HD-0042",
            ["price"] = Money.Format(cents, currency),
            ["deliveryDays"] = (version.DeliveryDays ?? 0).ToString(CultureInfo.InvariantCulture),
            ["expiresOn"] = EntitlementWording.Date(today.AddDays(OfferSettings.DefaultExpiryDays)),
            ["plan"] = plan?.Name ?? "the plan",
            ["startsOn"] = EntitlementWording.Date(today),
            ["endsOn"] = EntitlementWording.Date(today.AddDays(OfferPricing.DaysPerYear - 1)),
            ["contract"] = "C-0001",
            ["incidents"] = (version.Incidents ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        return values;
    }
}
