using HelpDesk.Core.Offers;

namespace HelpDesk.Web.Offers;

/// <summary>How the desk and the portal word an offer's state, price and dates.</summary>
public static class OfferText
{
    public static string Status(OfferStatus status) => status switch
    {
        OfferStatus.Sent => "waiting for an answer",
        OfferStatus.Accepted => "accepted",
        OfferStatus.Declined => "declined",
        OfferStatus.Expired => "expired",
        _ => "withdrawn",
    };

    /// <summary>The badge's tone, as the verdict badges use them.</summary>
    public static string Tone(OfferStatus status) => status switch
    {
        OfferStatus.Accepted => "good",
        OfferStatus.Sent => "warn",
        _ => "bad",
    };

    /// <summary>The price in the currency the offer was sent in.</summary>
    public static string Price(Offer offer) => OfferMail.Price(offer);

    public static string When(DateTime utc) => OfferLifecycle.Describe(utc);

    /// <summary>What happened to the offer after it was sent, in one line; empty while it waits.</summary>
    public static string Outcome(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var when = offer.DecidedUtc is DateTime decided ? $" on {When(decided)}" : "";
        return offer.Status switch
        {
            OfferStatus.Accepted => $"Accepted{when}.",
            OfferStatus.Declined => $"Declined{when}{(offer.DeclineReason is { Length: > 0 } reason ? $": {reason}" : ".")}",
            OfferStatus.Withdrawn => $"Withdrawn{when}: {offer.WithdrawReason}",
            OfferStatus.Expired => $"Expired on {When(offer.ExpiresUtc)} without an answer.",
            _ => "",
        };
    }

    /// <summary>The blanks no one types: the offer fills them from its price, expiry, size, plan, term and contract.</summary>
    public static bool FilledByOffer(string blank, OfferingVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return blank switch
        {
            "price" or "expiresOn" or "plan" or "startsOn" or "endsOn" or "contract" => true,
            "deliveryDays" => version.DeliveryDays is not null,
            "incidents" => version.Incidents is not null,
            "size" => version.PricingKind == PricingKind.BySize,
            _ => false,
        };
    }
}
