using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Offers.OfferSamples;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferingRulesTests
{
    private static readonly IReadOnlyList<Product> Products = [new() { Id = 1, Code = "orders", Name = "Orders API" }];

    private static List<Common.FieldError> Check(OfferingKind kind, OfferingVersion version) =>
        OfferingRules.Check(kind, version, [Silver, Gold], Products);

    [Fact]
    public void APublishedSampleOfEachKind_Passes()
    {
        Check(OfferingKind.Service, Backport.Published!).Should().BeEmpty();
        Check(OfferingKind.Service, Porting.Published!).Should().BeEmpty();
        Check(OfferingKind.IncidentPack, Pack.Published!).Should().BeEmpty();
        Check(OfferingKind.Plan, GoldPlan.Published!).Should().BeEmpty();
    }

    public static TheoryData<string, OfferingKind, OfferingVersion, string, string> Broken() => new()
    {
        { "a price of zero", OfferingKind.Service, Backport.Published! with { PriceCents = 0 }, "price", "The price must be more than zero." },
        { "a negative price", OfferingKind.Service, Backport.Published! with { PriceCents = -5 }, "price", "The price must be more than zero." },
        { "no category", OfferingKind.Service, Backport.Published! with { Categories = [] }, "categories", "Choose at least one out-of-scope category the service answers; without one it is never proposed." },
        { "a category that is in scope", OfferingKind.Service, Backport.Published! with { Categories = [RequestCategories.Problem] }, "categories", "Choose only among the out-of-scope categories." },
        { "no delivery time", OfferingKind.Service, Backport.Published! with { DeliveryDays = 0 }, "deliveryDays", "Enter the delivery time in working days, from 1 to 250." },
        { "a size without a price", OfferingKind.Service, Porting.Published! with { MediumCents = 0 }, "mediumPrice", "The medium price must be more than zero." },
        { "a size without a definition", OfferingKind.Service, Porting.Published! with { LargeDefinition = " " }, "largeDefinition", "Say in a few words what large work is, such as \"up to 3 days of engineering\"." },
        { "a pack priced by size", OfferingKind.IncidentPack, Pack.Published! with { PricingKind = PricingKind.BySize }, "pricingKind", "An incident pack has one fixed price, not a price by size." },
        { "a pack of no incidents", OfferingKind.IncidentPack, Pack.Published! with { Incidents = 0 }, "incidents", "Enter how many incidents the pack adds, from 1 to 1000." },
        { "a plan offering without a plan", OfferingKind.Plan, GoldPlan.Published! with { PlanId = null }, "planId", "Choose the plan this offering sells; its price comes from the plan's list price." },
        { "a plan that is gone", OfferingKind.Plan, GoldPlan.Published! with { PlanId = 99 }, "planId", "That plan no longer exists; choose another." },
        { "a product that is gone", OfferingKind.Service, Backport.Published! with { ProductIds = [1, 9] }, "productIds", "One of the chosen products no longer exists; choose from the list again." },
        { "no name", OfferingKind.Service, Backport.Published! with { Name = " " }, "name", "Enter the name customers see, such as \"Backport a fix to an older release\"." },
        { "an unknown blank", OfferingKind.Service, Backport.Published! with { TermsMarkdown = "For {{customer}} at {{discount}}." }, "terms", "{{discount}} is not a blank a service offering can fill; use {{fromRelease}}, {{toRelease}}, {{release}}, {{platform}}, {{environment}}, {{product}}, {{thirdParty}}, {{description}}, {{size}}, {{customer}}, {{ticket}}, {{price}}, {{deliveryDays}} and {{expiresOn}}." },
        { "no terms", OfferingKind.Service, Backport.Published! with { TermsMarkdown = "" }, "terms", "Write the terms the customer accepts." },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Check_NamesTheFieldAndWhatToDo(string because, OfferingKind kind, OfferingVersion version, string field, string message)
    {
        Check(kind, version).Should().ContainSingle(because).Which.Should().Be(new Common.FieldError(field, message));
    }

    [Theory]
    [InlineData("backport-fix", true)]
    [InlineData("pack5", true)]
    [InlineData("Backport", false)]
    [InlineData("-backport", false)]
    [InlineData("back port", false)]
    [InlineData("", false)]
    public void IsCode_IsLowerCaseLettersDigitsAndHyphens(string code, bool valid)
    {
        OfferingRules.IsCode(code).Should().Be(valid);
    }

    [Theory]
    [InlineData("2026-11-30", 5, "2026-12-07")]
    [InlineData("2026-12-04", 1, "2026-12-07")]
    [InlineData("2026-12-05", 1, "2026-12-07")]
    [InlineData("2026-11-30", 0, "2026-11-30")]
    public void AddWorkingDays_SkipsWeekends(string from, int days, string expected)
    {
        OfferingRules.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days)
            .Should().Be(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }
}
