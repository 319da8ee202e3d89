using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Offers;

/// <summary>How long an offer stays open unless the engineer chooses another expiry, and the currency prices are in.</summary>
public sealed record OfferSettings
{
    public const int DefaultExpiryDays = 30;

    public int ExpiryDays { get; init; } = DefaultExpiryDays;

    /// <summary>The installation's currency, an ISO 4217 code, recorded on every offer when it is sent.</summary>
    public Currency Currency { get; init; } = Currency.Default;
}
