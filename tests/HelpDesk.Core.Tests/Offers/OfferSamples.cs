using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Offers;

/// <summary>A small catalogue on 30 Nov 2026: two services, an incident pack and two plan offerings, over Orders API (product 1) and Billing (product 2).</summary>
internal static class OfferSamples
{
    public static readonly DateOnly Today = new(2026, 11, 30);
    public static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public static readonly Plan Silver = new() { Id = 1, Code = "silver", Name = "Silver", ListPriceCents = 12_000_00, IncidentAllowance = 10, Channels = SupportChannels.Web };
    public static readonly Plan Gold = new() { Id = 2, Code = "gold", Name = "Gold", ListPriceCents = 24_000_00, Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api };
    public static readonly Plan Bronze = new() { Id = 3, Code = "bronze", Name = "Bronze", ListPriceCents = 6_000_00, Channels = SupportChannels.Web | SupportChannels.Email };

    public static OfferingVersion Version(int id, string name, params string[] categories) => new()
    {
        Id = id,
        OfferingId = id,
        Number = 1,
        Status = OfferingVersionStatus.Published,
        Name = name,
        PricingKind = PricingKind.Fixed,
        PriceCents = 1_500_00,
        DeliveryDays = 5,
        Categories = categories,
        TermsMarkdown = "We do {{description}} for {{customer}} on ticket {{ticket}} for {{price}}.",
    };

    public static CatalogueEntry Entry(OfferingKind kind, OfferingVersion version, OfferingStatus status = OfferingStatus.Active) =>
        new(new Offering { Id = version.OfferingId, Code = $"o-{version.OfferingId}", Kind = kind, Status = status }, [version]);

    public const string PlanTerms = "The {{plan}} plan for {{customer}} from {{startsOn}} to {{endsOn}} ({{contract}}) for {{price}}.";

    public static readonly CatalogueEntry Backport = Entry(OfferingKind.Service, Version(1, "Backport a fix", RequestCategories.Backport) with { ProductIds = [1] });
    public static readonly CatalogueEntry Porting = Entry(OfferingKind.Service, Version(2, "Port to a platform", RequestCategories.Port, RequestCategories.UnsupportedEnvironment) with
    {
        PricingKind = PricingKind.BySize,
        PriceCents = null,
        SmallCents = 2_000_00,
        SmallDefinition = "up to 3 days",
        MediumCents = 5_000_00,
        MediumDefinition = "up to 10 days",
        LargeCents = 12_000_00,
        LargeDefinition = "up to 25 days",
    });

    public static readonly CatalogueEntry Pack = Entry(OfferingKind.IncidentPack, Version(3, "Five more incidents") with { Incidents = 5, PriceCents = 2_500_00, DeliveryDays = null, TermsMarkdown = "{{incidents}} more incidents on {{contract}} for {{price}}." });
    public static readonly CatalogueEntry GoldPlan = Entry(OfferingKind.Plan, Version(4, "Gold support") with { PlanId = Gold.Id, PriceCents = null, DeliveryDays = null, TermsMarkdown = PlanTerms });
    public static readonly CatalogueEntry BronzePlan = Entry(OfferingKind.Plan, Version(5, "Bronze support") with { PlanId = Bronze.Id, PriceCents = null, DeliveryDays = null, TermsMarkdown = PlanTerms });
    public static readonly CatalogueEntry RetiredBackport = Entry(OfferingKind.Service, Version(6, "Old backport", RequestCategories.Backport), OfferingStatus.Retired);

    public static IReadOnlyList<CatalogueEntry> Catalogue { get; } = [Backport, Porting, Pack, GoldPlan, BronzePlan, RetiredBackport];

    /// <summary>C-0007 on Silver for Orders API over 2026.</summary>
    public static readonly Contract Current = new()
    {
        Id = 7,
        OrganisationId = 42,
        PlanId = Silver.Id,
        ProductIds = [1],
        StartsOn = new(2026, 1, 1),
        EndsOn = new(2026, 12, 31),
        Status = ContractStatus.Active,
    };

    /// <summary>C-0003, which ended on 31 Oct 2026.</summary>
    public static readonly Contract Ended = Current with { Id = 3, StartsOn = new(2025, 11, 1), EndsOn = new(2026, 10, 31) };

    public static ProposalRequest Request(Verdict? verdict, params string[] categories) => new()
    {
        Verdict = verdict,
        Categories = categories,
        ProductId = 1,
        Channel = TicketChannel.Web,
        ContractId = verdict is Verdict.NoContract ? null : verdict == Verdict.Expired ? Ended.Id : Current.Id,
        Contracts = [Current, Ended],
        Plans = [Silver, Gold, Bronze],
        Today = Today,
    };
}
