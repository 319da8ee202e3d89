using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Offers;

/// <summary>
/// An offering version as a manager types it. <see cref="OfferingId"/> 0 creates the offering (with its
/// <see cref="Code"/> and <see cref="Kind"/>, fixed from then on); otherwise <see cref="Version"/> is the draft's
/// version the form was opened with, 0 when it started from a copy of the published version. Prices are typed in
/// currency units (1250.00).
/// </summary>
public sealed record SaveOfferingDraftRequest
{
    public int OfferingId { get; init; }
    public int Version { get; init; }
    public string? Code { get; init; }
    public OfferingKind Kind { get; init; }
    public string? Name { get; init; }
    public string? Summary { get; init; }
    public PricingKind PricingKind { get; init; }
    public string? Price { get; init; }
    public string? SmallPrice { get; init; }
    public string? SmallDefinition { get; init; }
    public string? MediumPrice { get; init; }
    public string? MediumDefinition { get; init; }
    public string? LargePrice { get; init; }
    public string? LargeDefinition { get; init; }
    public int? DeliveryDays { get; init; }
    public int? Incidents { get; init; }
    public int? PlanId { get; init; }
    public string? Terms { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<int> ProductIds { get; init; } = [];
}

/// <summary>
/// Creates an offering with its first draft, or saves the draft of an existing one. A published version is never
/// changed: editing a published offering saves a new draft (a copy, see <see cref="OpenAsync"/>), and a form opened
/// on a draft that was published meanwhile is refused with what to do instead.
/// </summary>
public sealed class SaveOfferingDraft(IOfferingStore store, IContractStore contracts, IScopeStore scope, TimeProvider clock)
{
    /// <summary>The offering's draft, or (Id 0, not saved) a copy of its newest version to start the next one from.</summary>
    public async Task<OfferingVersion?> OpenAsync(int offeringId, CancellationToken cancellationToken = default)
    {
        var entry = await store.GetAsync(offeringId, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        return entry.Draft ?? entry.Latest! with
        {
            Id = 0,
            Number = entry.Latest!.Number + 1,
            Status = OfferingVersionStatus.Draft,
            PublishedUtc = null,
            PublishedById = null,
            Version = 0,
        };
    }

    public async Task<Result<OfferingVersion>> HandleAsync(SaveOfferingDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow();
        var errors = new List<FieldError>();
        CatalogueEntry? entry = null;
        var code = (request.Code ?? "").Trim();
        var kind = request.Kind;
        if (request.OfferingId != 0)
        {
            entry = await store.GetAsync(request.OfferingId, cancellationToken);
            if (entry is null)
            {
                return Result<OfferingVersion>.NotFound("That offering is no longer in the catalogue.");
            }

            kind = entry.Offering.Kind;
            if (Stale(entry, request.Version) is { } stale)
            {
                return stale;
            }
        }
        else
        {
            if (!OfferingRules.IsCode(code))
            {
                errors.Add(new("code", "Use lower-case letters, digits and hyphens, starting with a letter or digit, such as backport-fix (at most 40)."));
            }

            if (!Enum.IsDefined(kind))
            {
                errors.Add(new("kind", "Choose what the offering sells."));
            }
        }

        var unreadable = new List<FieldError>();
        var draft = Parse(request, kind, unreadable) with
        {
            Id = entry?.Draft?.Id ?? 0,
            OfferingId = request.OfferingId,
            Number = entry?.Draft?.Number ?? ((entry?.Latest?.Number ?? 0) + 1),
            Status = OfferingVersionStatus.Draft,
            CreatedUtc = entry?.Draft?.CreatedUtc ?? now,
            Version = entry?.Draft?.Version ?? 0,
        };
        errors.AddRange(unreadable);
        var broken = OfferingRules.Check(kind, draft, await contracts.ListPlansAsync(cancellationToken), await scope.ListProductsAsync(cancellationToken));
        errors.AddRange(broken.Where(e => unreadable.All(u => u.Field != e.Field)));
        if (errors.Count > 0)
        {
            return Result<OfferingVersion>.Invalid(errors);
        }

        if (entry is null)
        {
            var created = await store.CreateAsync(new Offering { Code = code, Kind = kind, Status = OfferingStatus.Active, CreatedUtc = now }, draft, cancellationToken);
            return created is null
                ? Result<OfferingVersion>.Invalid("code", $"Another offering already has the code '{code}'.")
                : Result<OfferingVersion>.Ok(created.Draft!);
        }

        var saved = await store.SaveDraftAsync(draft, cancellationToken);
        if (saved is not null)
        {
            return Result<OfferingVersion>.Ok(saved);
        }

        return Stale(await store.GetAsync(entry.Offering.Id, cancellationToken) ?? entry, request.Version)
            ?? Result<OfferingVersion>.Conflict(StaleMessage(entry));
    }

    /// <summary>The refusal when the draft the form was opened on changed, went, or was published meanwhile; null when it is current.</summary>
    private static Result<OfferingVersion>? Stale(CatalogueEntry entry, int version)
    {
        var draft = entry.Draft;
        if (draft is null && version != 0)
        {
            var latest = entry.Latest;
            return latest is not null && latest.Status != OfferingVersionStatus.Draft
                ? Result<OfferingVersion>.Invalid("terms", $"Version {latest.Number} of {entry.Offering.Code} was published while you edited it; a published version's price and terms never change. Open the offering again to make your changes in a new version.")
                : Result<OfferingVersion>.Conflict(StaleMessage(entry));
        }

        return draft is not null && draft.Version != version ? Result<OfferingVersion>.Conflict(StaleMessage(entry)) : null;
    }

    private static string StaleMessage(CatalogueEntry entry) =>
        $"Someone else changed the draft of {entry.Offering.Code} since you opened it; reload to see their changes, then make yours again.";

    private static OfferingVersion Parse(SaveOfferingDraftRequest request, OfferingKind kind, List<FieldError> errors)
    {
        var bySize = kind == OfferingKind.Service && request.PricingKind == PricingKind.BySize;
        var fixedPrice = kind != OfferingKind.Plan && !bySize;
        return new OfferingVersion
        {
            Name = (request.Name ?? "").Trim(),
            Summary = (request.Summary ?? "").Trim(),
            PricingKind = kind == OfferingKind.Service ? request.PricingKind : PricingKind.Fixed,
            PriceCents = fixedPrice ? Cents(request.Price, "price", errors) : null,
            SmallCents = bySize ? Cents(request.SmallPrice, "smallPrice", errors) : null,
            SmallDefinition = bySize ? Clean(request.SmallDefinition) : null,
            MediumCents = bySize ? Cents(request.MediumPrice, "mediumPrice", errors) : null,
            MediumDefinition = bySize ? Clean(request.MediumDefinition) : null,
            LargeCents = bySize ? Cents(request.LargePrice, "largePrice", errors) : null,
            LargeDefinition = bySize ? Clean(request.LargeDefinition) : null,
            DeliveryDays = kind == OfferingKind.Service ? request.DeliveryDays : null,
            Incidents = kind == OfferingKind.IncidentPack ? request.Incidents : null,
            PlanId = kind == OfferingKind.Plan ? request.PlanId : null,
            TermsMarkdown = (request.Terms ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            Categories = kind == OfferingKind.Service ? [.. request.Categories.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct()] : [],
            ProductIds = [.. request.ProductIds.Distinct().Order()],
        };
    }

    // A blank or unreadable price is reported here, and the rules' word on the same field is dropped: one message each.
    private static long? Cents(string? text, string field, List<FieldError> errors)
    {
        var cents = Money.ParseCents(text, out var error);
        if (cents is null)
        {
            errors.Add(new(field, error!));
            return -1;
        }

        return cents;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
