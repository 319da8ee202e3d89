using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Offers;

/// <summary>
/// What an offering version must say before it is saved or published, each broken rule an error beside its field.
/// A service answers at least one out-of-scope category, takes at least a working day and has a price above zero —
/// one, or one per size with what each size means; an incident pack has a fixed price and at least one incident; a
/// plan offering names the plan it sells (its price comes from the plan). The terms use only the blanks of their kind.
/// </summary>
public static partial class OfferingRules
{
    public const int NameMaxLength = 200;
    public const int SummaryMaxLength = 2000;
    public const int DefinitionMaxLength = 200;
    public const int MaxDeliveryDays = 250;
    public const int MaxIncidents = 1000;

    public static bool IsCode(string code) => CodePattern().IsMatch(code);

    public static List<FieldError> Check(OfferingKind kind, OfferingVersion version, IReadOnlyList<Plan> plans, IReadOnlyList<Product> products)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(products);
        var errors = new List<FieldError>();
        if (version.Name.Trim().Length == 0)
        {
            errors.Add(new("name", "Enter the name customers see, such as \"Backport a fix to an older release\"."));
        }
        else if (version.Name.Length > NameMaxLength)
        {
            errors.Add(new("name", $"Keep the name under {NameMaxLength} characters."));
        }

        if (version.Summary.Length > SummaryMaxLength)
        {
            errors.Add(new("summary", $"Keep the summary under {SummaryMaxLength} characters."));
        }

        switch (kind)
        {
            case OfferingKind.Service:
                CheckCategories(version, errors);
                CheckPrices(version, errors);
                if (version.DeliveryDays is not (>= 1 and <= MaxDeliveryDays))
                {
                    errors.Add(new("deliveryDays", $"Enter the delivery time in working days, from 1 to {MaxDeliveryDays}."));
                }

                break;
            case OfferingKind.IncidentPack:
                if (version.PricingKind != PricingKind.Fixed)
                {
                    errors.Add(new("pricingKind", "An incident pack has one fixed price, not a price by size."));
                }

                CheckPrices(version with { PricingKind = PricingKind.Fixed }, errors);
                if (version.Incidents is not (>= 1 and <= MaxIncidents))
                {
                    errors.Add(new("incidents", $"Enter how many incidents the pack adds, from 1 to {MaxIncidents}."));
                }

                break;
            default:
                if (version.PlanId is not int planId || plans.All(p => p.Id != planId))
                {
                    errors.Add(new("planId", version.PlanId is null ? "Choose the plan this offering sells; its price comes from the plan's list price." : "That plan no longer exists; choose another."));
                }

                break;
        }

        if (version.ProductIds.Any(id => products.All(p => p.Id != id)))
        {
            errors.Add(new("productIds", "One of the chosen products no longer exists; choose from the list again."));
        }

        errors.AddRange(OfferTerms.Check(version.TermsMarkdown, kind));
        return errors;
    }

    /// <summary>A day <paramref name="workingDays"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        var left = workingDays;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }

        return day;
    }

    private static void CheckCategories(OfferingVersion version, List<FieldError> errors)
    {
        if (version.Categories.Count == 0)
        {
            errors.Add(new("categories", "Choose at least one out-of-scope category the service answers; without one it is never proposed."));
        }
        else if (version.Categories.Any(c => RequestCategories.OutOfScope.All(o => !string.Equals(o.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add(new("categories", "Choose only among the out-of-scope categories."));
        }
    }

    private static void CheckPrices(OfferingVersion version, List<FieldError> errors)
    {
        if (version.PricingKind == PricingKind.Fixed)
        {
            if (version.PriceCents is not > 0)
            {
                errors.Add(new("price", "The price must be more than zero."));
            }

            return;
        }

        foreach (var size in version.Sizes)
        {
            var name = size.Size.ToString().ToLowerInvariant();
            if (size.Cents is not > 0)
            {
                errors.Add(new($"{name}Price", $"The {name} price must be more than zero."));
            }

            if (string.IsNullOrWhiteSpace(size.Definition))
            {
                errors.Add(new($"{name}Definition", $"Say in a few words what {name} work is, such as \"up to 3 days of engineering\"."));
            }
            else if (size.Definition.Length > DefinitionMaxLength)
            {
                errors.Add(new($"{name}Definition", $"Keep it under {DefinitionMaxLength} characters."));
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();
}
