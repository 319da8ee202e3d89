using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo's services catalogue: a published offering for each of the six out-of-scope categories (some at a fixed
/// price, some priced by size with each size defined), an incident pack, and plan offerings (Standard and Premium) for
/// new contracts, renewals and upgrades. Terms use the blanks an offer fills from the ticket or the engineer types.
/// </summary>
internal static class DemoOfferings
{
    public const string Backport = "backport-fix";
    public const string Customization = "customization";
    public const string Port = "port-platform";
    public const string Integration = "third-party-integration";
    public const string UnsupportedEnvironment = "unsupported-environment";
    public const string Training = "consulting-training";
    public const string IncidentPack = "incident-pack-5";
    public const string StandardPlan = "plan-standard";
    public const string PremiumPlan = "plan-premium";

    private const string Acceptance = """

        ### Acceptance

        This offer for {{customer}} on ticket {{ticket}} is open until {{expiresOn}}. The price, {{price}}, is fixed and
        not negotiable; it is invoiced on acceptance. Work done under this offer is a services engagement and does not
        count against your support contract.
        """;

    /// <summary>The demo's offerings, each published once; <see cref="PlanCode"/> names the plan a plan offering sells.</summary>
    public static IReadOnlyList<(SaveOfferingDraftRequest Draft, string? PlanCode)> All { get; } =
    [
        (Service(Backport, "Backport a fix to an older release", "We move a fix from a current release to the release you run, build it and test it with the release's own test suite.", [RequestCategories.Backport], fixedPrice: "2400.00", days: 10, terms: """
            ## Backport of a fix to {{product}} {{fromRelease}}

            We take the fix as released in {{product}} {{toRelease}} and apply it to {{product}} {{fromRelease}}, the release
            you run. You receive a patched build of {{fromRelease}}, its source patch, and the results of the release's
            regression suite, within {{deliveryDays}} working days of acceptance.

            The backport covers this one fix only. {{fromRelease}} stays outside the supported releases: later problems on it
            are not covered by support.
            """), null),
        (Service(Customization, "Customization of the product", "A change made for you alone: a hook, an option or a new behaviour, delivered as a patch with its tests.", [RequestCategories.Customization], sizes: ("3500.00", "One small change in one module, up to 3 engineer-days", "9000.00", "Changes across several modules, up to 2 engineer-weeks", "24000.00", "A new subsystem or connector, up to 6 engineer-weeks"), days: 20, terms: """
            ## Customization of {{product}}

            We build the following for {{customer}}: {{description}}

            Size of the work: {{size}}. We deliver the change as a patch against {{product}} {{release}} with its tests, within
            {{deliveryDays}} working days of acceptance. The customization is yours; it is not part of the product, and
            support for it is limited to the 90 days after delivery.
            """), null),
        (Service(Port, "Port to another platform", "We port the product, its drivers or board support to a platform the product does not support.", [RequestCategories.Port], sizes: ("6000.00", "A new board on a supported architecture", "15000.00", "A new architecture variant of a supported family", "38000.00", "A new architecture family"), days: 30, terms: """
            ## Port of {{product}} to {{platform}}

            We port {{product}} {{release}} to {{platform}}: build, board bring-up and the product's test suite passing on
            your hardware. Size of the work: {{size}}. Delivery within {{deliveryDays}} working days of acceptance and of
            receiving two boards.

            The port is delivered as source. {{platform}} does not become a supported platform by this work.
            """), null),
        (Service(Integration, "Integration with a third-party product", "We connect the product to a third-party system you use, configure both sides and hand over a tested set-up.", [RequestCategories.ThirdPartyIntegration], fixedPrice: "6500.00", days: 15, terms: """
            ## Integration of {{product}} with {{thirdParty}}

            We configure {{product}} and {{thirdParty}} to work together for {{customer}}, test the connection end to end in
            your environment, and document the set-up, within {{deliveryDays}} working days of acceptance.

            {{thirdParty}} remains its vendor's product: its defects and its own configuration are not part of this work.
            """), null),
        (Service(UnsupportedEnvironment, "Assistance on an unsupported environment", "A block of eight engineer-hours of best-effort help where the product is not supported.", [RequestCategories.UnsupportedEnvironment], fixedPrice: "1800.00", days: 5, terms: """
            ## Assistance with {{product}} on {{environment}}

            {{environment}} is not an environment the Scope of Support covers. We give up to eight engineer-hours of
            best-effort assistance with {{product}} {{release}} on it, within {{deliveryDays}} working days of acceptance.

            Best effort means we investigate and advise; we cannot promise a fix on an unsupported environment.
            """), null),
        (Service(Training, "Consulting or training", "Two days of training or consulting with one of our engineers, remote or on site.", [RequestCategories.ConsultingTraining], fixedPrice: "7200.00", days: 20, terms: """
            ## Two days with a {{product}} engineer

            One of our engineers spends two days with {{customer}}, remotely or on site: {{description}}

            We agree the dates within {{deliveryDays}} working days of acceptance. Travel within your region is included.
            """), null),
        (new SaveOfferingDraftRequest
        {
            Code = IncidentPack,
            Kind = OfferingKind.IncidentPack,
            Name = "Five more incidents",
            Summary = "Tops up a contract whose incident allowance is used, at once and for the rest of its term.",
            PricingKind = PricingKind.Fixed,
            Price = "1250.00",
            Incidents = 5,
            Terms = """
                ## {{incidents}} more incidents on {{contract}}

                {{incidents}} incidents are added to the allowance of {{contract}} as soon as you accept, for the rest of its
                term, for {{price}}. Unused incidents lapse when the term ends. Open until {{expiresOn}}.
                """,
        }, null),
        (Plan(StandardPlan, "Standard support plan", "Extended business hours, portal, email and API, 24 incidents a year.", """
            ## The Standard plan for {{customer}}

            {{contract}}: the {{plan}} plan from {{startsOn}} to {{endsOn}}, for {{price}} (the yearly list price for the days
            of the term). The plan's hours, channels, incident allowance and SLA targets are those published for it.
            The contract starts once our contracts team has activated it. Open until {{expiresOn}}.
            """), DemoContracts.Standard),
        (Plan(PremiumPlan, "Premium support plan", "Around the clock, every channel, unlimited incidents.", """
            ## The Premium plan for {{customer}}

            {{contract}}: the {{plan}} plan from {{startsOn}} to {{endsOn}}, for {{price}}. For an upgrade, the price is the
            difference between the two plans' list prices for the days left of the term. The contract starts once our
            contracts team has activated it. Open until {{expiresOn}}.
            """), DemoContracts.Premium),
    ];

    private static SaveOfferingDraftRequest Service(
        string code,
        string name,
        string summary,
        IReadOnlyList<string> categories,
        int days,
        string terms,
        string? fixedPrice = null,
        (string Small, string SmallDefinition, string Medium, string MediumDefinition, string Large, string LargeDefinition)? sizes = null) => new()
        {
            Code = code,
            Kind = OfferingKind.Service,
            Name = name,
            Summary = summary,
            PricingKind = sizes is null ? PricingKind.Fixed : PricingKind.BySize,
            Price = fixedPrice,
            SmallPrice = sizes?.Small,
            SmallDefinition = sizes?.SmallDefinition,
            MediumPrice = sizes?.Medium,
            MediumDefinition = sizes?.MediumDefinition,
            LargePrice = sizes?.Large,
            LargeDefinition = sizes?.LargeDefinition,
            DeliveryDays = days,
            Categories = categories,
            Terms = terms + Acceptance,
        };

    private static SaveOfferingDraftRequest Plan(string code, string name, string summary, string terms) => new()
    {
        Code = code,
        Kind = OfferingKind.Plan,
        Name = name,
        Summary = summary,
        PricingKind = PricingKind.Fixed,
        Terms = terms,
    };
}
