namespace HelpDesk.Core.Offers;

/// <summary>What an offering sells. Stored as its name.</summary>
public enum OfferingKind
{
    /// <summary>Fixed-price engineering work on an out-of-scope request.</summary>
    Service,

    /// <summary>A top-up of incidents on a contract whose allowance is used.</summary>
    IncidentPack,

    /// <summary>A support plan: a new contract, a renewal or an upgrade.</summary>
    Plan,
}

/// <summary>A retired offering makes no new offers; offers already sent are unaffected.</summary>
public enum OfferingStatus
{
    Active,
    Retired,
}

/// <summary>A draft is edited; a published version is frozen; a superseded one was published and replaced.</summary>
public enum OfferingVersionStatus
{
    Draft,
    Published,
    Superseded,
}

/// <summary>One price, or a table of prices by the size of the work.</summary>
public enum PricingKind
{
    Fixed,
    BySize,
}

/// <summary>The size of a piece of work priced by size. Stored lower-case.</summary>
public enum OfferSize
{
    Small,
    Medium,
    Large,
}

/// <summary>An offering of the services catalogue. <see cref="Code"/> is unique and lower-case; its content lives in versions.</summary>
public sealed record Offering
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public OfferingKind Kind { get; init; }
    public OfferingStatus Status { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }
}

/// <summary>The price and the plain-words definition of one size of work.</summary>
public sealed record SizePrice(OfferSize Size, long? Cents, string? Definition);

/// <summary>
/// One version of an offering. A draft (<see cref="Number"/> the next after the latest) is edited by managers;
/// publishing freezes its price, terms, categories and products for good, and the previous published version
/// becomes superseded. Offers point at the version they were made from.
/// </summary>
public sealed record OfferingVersion
{
    public int Id { get; init; }
    public int OfferingId { get; init; }
    public int Number { get; init; }
    public OfferingVersionStatus Status { get; init; }
    public string Name { get; init; } = "";
    public string Summary { get; init; } = "";
    public PricingKind PricingKind { get; init; }

    /// <summary>The price of a fixed-price service or of an incident pack.</summary>
    public long? PriceCents { get; init; }
    public long? SmallCents { get; init; }
    public string? SmallDefinition { get; init; }
    public long? MediumCents { get; init; }
    public string? MediumDefinition { get; init; }
    public long? LargeCents { get; init; }
    public string? LargeDefinition { get; init; }

    /// <summary>Working days from acceptance to delivery of a service.</summary>
    public int? DeliveryDays { get; init; }

    /// <summary>The incidents an incident pack adds.</summary>
    public int? Incidents { get; init; }

    /// <summary>The plan a plan offering sells.</summary>
    public int? PlanId { get; init; }

    /// <summary>Markdown with named blanks such as <c>{{fromRelease}}</c>, filled when an offer is made.</summary>
    public string TermsMarkdown { get; init; } = "";

    /// <summary>The <see cref="Scope.RequestCategories"/> out-of-scope codes a service answers.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The products it applies to; none means any product.</summary>
    public IReadOnlyList<int> ProductIds { get; init; } = [];

    public DateTime CreatedUtc { get; init; }
    public DateTime? PublishedUtc { get; init; }
    public int? PublishedById { get; init; }
    public int Version { get; init; }

    public IReadOnlyList<SizePrice> Sizes =>
    [
        new(OfferSize.Small, SmallCents, SmallDefinition),
        new(OfferSize.Medium, MediumCents, MediumDefinition),
        new(OfferSize.Large, LargeCents, LargeDefinition),
    ];

    public bool AppliesTo(int? productId) => ProductIds.Count == 0 || (productId is int id && ProductIds.Contains(id));
}

/// <summary>
/// An offering with its versions as the catalogue shows it: the one in force for new offers (published, null when
/// none yet), the draft being edited (null when none), and how many offers point at each version.
/// </summary>
public sealed record CatalogueEntry(Offering Offering, IReadOnlyList<OfferingVersion> Versions)
{
    public IReadOnlyDictionary<int, int> OffersByVersion { get; init; } = new Dictionary<int, int>();

    public OfferingVersion? Published => Versions.FirstOrDefault(v => v.Status == OfferingVersionStatus.Published);

    public OfferingVersion? Draft => Versions.FirstOrDefault(v => v.Status == OfferingVersionStatus.Draft);

    /// <summary>The newest version, draft or not: what the list shows when nothing is published yet.</summary>
    public OfferingVersion? Latest => Versions.MaxBy(v => v.Number);

    /// <summary>Whether new offers can be made from it: active and published.</summary>
    public bool Offerable => Offering.Status == OfferingStatus.Active && Published is not null;
}
