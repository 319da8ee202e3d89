using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>An offering version's kind, price, delivery, categories and products as the catalogue pages write them.</summary>
public static class OfferingText
{
    public static string Kind(OfferingKind kind) => kind switch
    {
        OfferingKind.IncidentPack => "Incident pack",
        OfferingKind.Plan => "Plan",
        _ => "Service",
    };

    public static string Price(OfferingVersion version, IReadOnlyDictionary<int, Plan> plans, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(plans);
        if (version.PlanId is int planId)
        {
            return plans.TryGetValue(planId, out var plan)
                ? $"{plan.Name} list price {Money.Format(plan.ListPriceCents, currency)} a year, pro rata"
                : "(plan removed)";
        }

        if (version.PricingKind == PricingKind.BySize)
        {
            return string.Join(" · ", version.Sizes.Select(s => $"{s.Size.ToString().ToLowerInvariant()} {(s.Cents is long c ? Money.Format(c, currency) : "—")}"));
        }

        return version.PriceCents is long cents ? Money.Format(cents, currency) : "—";
    }

    public static string Delivery(OfferingVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version switch
        {
            { DeliveryDays: int days } => string.Create(CultureInfo.InvariantCulture, $"{days} working day{(days == 1 ? "" : "s")}"),
            { Incidents: int incidents } => string.Create(CultureInfo.InvariantCulture, $"{incidents} incidents at once"),
            _ => "—",
        };
    }

    public static string Categories(OfferingVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Categories.Count == 0 ? "—" : string.Join(", ", version.Categories.Select(RequestCategories.LabelOf));
    }

    public static string Products(OfferingVersion version, IReadOnlyDictionary<int, string> products)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(products);
        return version.ProductIds.Count == 0 ? "any product" : string.Join(", ", version.ProductIds.Select(id => products.GetValueOrDefault(id, "(removed)")));
    }

    public static string Status(OfferingVersionStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>"v2 published · v3 draft", or "v1 draft" before anything is published.</summary>
    public static string Versions(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = new List<string>();
        if (entry.Published is { } published)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"v{published.Number} published"));
        }

        if (entry.Draft is { } draft)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"v{draft.Number} draft"));
        }

        return string.Join(" · ", parts);
    }
}
