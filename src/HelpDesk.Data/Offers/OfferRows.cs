using System.Globalization;
using System.Text.Json;
using HelpDesk.Core.Offers;

namespace HelpDesk.Data.Offers;

/// <summary>The columns of offerings, versions and offers as stored, and their conversion to the Core records.</summary>
internal static class OfferRows
{
    public const string OfferingColumns = "o.Id, o.Code, o.Kind, o.Status, o.CreatedUtc, o.Version";

    public const string VersionColumns = """
        v.Id, v.OfferingId, v.Number, v.Status, v.Name, v.Summary, v.PricingKind, v.PriceCents, v.SmallCents, v.SmallDefinition,
        v.MediumCents, v.MediumDefinition, v.LargeCents, v.LargeDefinition, v.DeliveryDays, v.Incidents, v.PlanId,
        v.TermsMarkdown, v.CreatedUtc, v.PublishedUtc, v.PublishedById, v.Version
        """;

    public const string OfferColumns = """
        f.Id, f.TicketId, f.OrganisationId, f.Kind, f.OfferingVersionId, f.ProductId, f.PlanId, f.ContractId, f.Size,
        f.Incidents, f.TermStartsOn, f.TermEndsOn, f.PriceCents, f.Currency, f.Title, f.TermsMarkdown, f.TermsHtml,
        f.BlanksJson, f.Reason, f.ExpiresUtc, f.Status, f.SentById, f.SentUtc, f.DecidedById, f.DecidedUtc,
        f.DeclineReason, f.WithdrawReason, f.Version
        """;

    public const string QuoteColumns = """
        q.Id, q.TicketId, q.OrganisationId, q.RequestedById, q.FromCustomer, q.Note, q.Status, q.OfferId, q.CreatedUtc,
        q.ClosedUtc, q.Version
        """;

    public static string? FormatSize(OfferSize? size) => size?.ToString().ToLowerInvariant();

    public static string FormatBlanks(IReadOnlyDictionary<string, string> blanks) => JsonSerializer.Serialize(blanks);

    /// <summary>The parameters of an offer's row; enums as their names, the size lower-case.</summary>
    public static object Parameters(Offer offer) => new
    {
        offer.Id,
        offer.TicketId,
        offer.OrganisationId,
        Kind = offer.Kind.ToString(),
        offer.OfferingVersionId,
        offer.ProductId,
        offer.PlanId,
        offer.ContractId,
        Size = FormatSize(offer.Size),
        offer.Incidents,
        offer.TermStartsOn,
        offer.TermEndsOn,
        offer.PriceCents,
        offer.Currency,
        offer.Title,
        offer.TermsMarkdown,
        offer.TermsHtml,
        BlanksJson = FormatBlanks(offer.Blanks),
        offer.Reason,
        offer.ExpiresUtc,
        Status = offer.Status.ToString(),
        offer.SentById,
        offer.SentUtc,
        offer.DecidedById,
        offer.DecidedUtc,
        offer.DeclineReason,
        offer.WithdrawReason,
        offer.Version,
    };

    internal sealed record OfferRow
    {
        public int Id { get; init; }
        public int TicketId { get; init; }
        public int OrganisationId { get; init; }
        public string Kind { get; init; } = "";
        public int OfferingVersionId { get; init; }
        public int? ProductId { get; init; }
        public int? PlanId { get; init; }
        public int? ContractId { get; init; }
        public string? Size { get; init; }
        public int? Incidents { get; init; }
        public DateOnly? TermStartsOn { get; init; }
        public DateOnly? TermEndsOn { get; init; }
        public long PriceCents { get; init; }
        public string Currency { get; init; } = "";
        public string Title { get; init; } = "";
        public string TermsMarkdown { get; init; } = "";
        public string TermsHtml { get; init; } = "";
        public string BlanksJson { get; init; } = "{}";
        public string? Reason { get; init; }
        public DateTime ExpiresUtc { get; init; }
        public string Status { get; init; } = "";
        public int SentById { get; init; }
        public DateTime SentUtc { get; init; }
        public int? DecidedById { get; init; }
        public DateTime? DecidedUtc { get; init; }
        public string? DeclineReason { get; init; }
        public string? WithdrawReason { get; init; }
        public int Version { get; init; }

        public Offer ToOffer() => new()
        {
            Id = Id,
            TicketId = TicketId,
            OrganisationId = OrganisationId,
            Kind = Enum.Parse<OfferingKind>(Kind),
            OfferingVersionId = OfferingVersionId,
            ProductId = ProductId,
            PlanId = PlanId,
            ContractId = ContractId,
            Size = Size is null ? null : Enum.Parse<OfferSize>(Size, ignoreCase: true),
            Incidents = Incidents,
            TermStartsOn = TermStartsOn,
            TermEndsOn = TermEndsOn,
            PriceCents = PriceCents,
            Currency = Currency,
            Title = Title,
            TermsMarkdown = TermsMarkdown,
            TermsHtml = TermsHtml,
            Blanks = JsonSerializer.Deserialize<Dictionary<string, string>>(BlanksJson) ?? [],
            Reason = Reason,
            ExpiresUtc = ExpiresUtc,
            Status = Enum.Parse<OfferStatus>(Status),
            SentById = SentById,
            SentUtc = SentUtc,
            DecidedById = DecidedById,
            DecidedUtc = DecidedUtc,
            DeclineReason = DeclineReason,
            WithdrawReason = WithdrawReason,
            Version = Version,
        };
    }

    internal sealed record VersionCategoryRow
    {
        public int VersionId { get; init; }
        public string Category { get; init; } = "";
    }

    internal sealed record VersionProductRow
    {
        public int VersionId { get; init; }
        public int ProductId { get; init; }
    }

    internal sealed record OffersPerVersionRow
    {
        public int OfferingVersionId { get; init; }
        public int Offers { get; init; }
    }

    internal sealed record QuoteRow
    {
        public int Id { get; init; }
        public int TicketId { get; init; }
        public int OrganisationId { get; init; }
        public int RequestedById { get; init; }
        public bool FromCustomer { get; init; }
        public string Note { get; init; } = "";
        public string Status { get; init; } = "";
        public int? OfferId { get; init; }
        public DateTime CreatedUtc { get; init; }
        public DateTime? ClosedUtc { get; init; }
        public int Version { get; init; }

        public QuoteRequest ToQuote() => new()
        {
            Id = Id,
            TicketId = TicketId,
            OrganisationId = OrganisationId,
            RequestedById = RequestedById,
            FromCustomer = FromCustomer,
            Note = Note,
            Status = Enum.Parse<QuoteRequestStatus>(Status),
            OfferId = OfferId,
            CreatedUtc = CreatedUtc,
            ClosedUtc = ClosedUtc,
            Version = Version,
        };
    }

    public static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
