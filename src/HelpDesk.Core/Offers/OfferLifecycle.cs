using static HelpDesk.Core.Scope.EntitlementWording;

namespace HelpDesk.Core.Offers;

/// <summary>What someone does to an offer.</summary>
public enum OfferAction
{
    Accept,
    Decline,
    Withdraw,
    Expire,
}

/// <summary>Whether an action may move an offer, where to, and, when it may not, why in words.</summary>
public sealed record OfferMove(bool Allowed, OfferStatus To, string Why);

/// <summary>
/// The one place that says how an offer moves: Sent → Accepted | Declined | Expired | Withdrawn, and nothing leaves
/// a final state. An offer past its expiry can no longer be accepted, declined or withdrawn even before the expiry job
/// has marked it: the time decides, not the job.
/// </summary>
public static class OfferLifecycle
{
    public static OfferStatus Target(OfferAction action) => action switch
    {
        OfferAction.Accept => OfferStatus.Accepted,
        OfferAction.Decline => OfferStatus.Declined,
        OfferAction.Withdraw => OfferStatus.Withdrawn,
        _ => OfferStatus.Expired,
    };

    public static bool IsFinal(OfferStatus status) => status != OfferStatus.Sent;

    /// <summary>Whether a status may follow another: only from Sent, and only to a final status.</summary>
    public static bool CanMove(OfferStatus from, OfferStatus to) => from == OfferStatus.Sent && to != OfferStatus.Sent;

    /// <summary>Whether the offer has passed its expiry at <paramref name="nowUtc"/>.</summary>
    public static bool HasExpired(Offer offer, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return nowUtc >= offer.ExpiresUtc;
    }

    public static OfferMove Check(Offer offer, OfferAction action, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var to = Target(action);
        if (offer.Status != OfferStatus.Sent)
        {
            return new(false, to, AlreadyDecided(offer, action));
        }

        var expired = HasExpired(offer, nowUtc);
        return action switch
        {
            OfferAction.Expire when !expired => new(false, to, $"Offer {offer.Number} runs until {Describe(offer.ExpiresUtc)}; it has not expired."),
            OfferAction.Expire => new(true, to, $"Offer {offer.Number} expired on {Describe(offer.ExpiresUtc)} without an answer."),
            _ when expired => new(false, to, $"Offer {offer.Number} expired on {Describe(offer.ExpiresUtc)}; it can no longer be {Done(action)}. Ask for a new offer if you still want the work."),
            OfferAction.Accept => new(true, to, $"Offer {offer.Number} is open until {Describe(offer.ExpiresUtc)}."),
            OfferAction.Decline => new(true, to, $"Offer {offer.Number} is open until {Describe(offer.ExpiresUtc)}."),
            _ => new(true, to, $"Offer {offer.Number} has not been answered yet."),
        };
    }

    /// <summary>An expiry as pages and messages write it: 3 Apr 2026 17:00 UTC.</summary>
    public static string Describe(DateTime utc) =>
        $"{Date(DateOnly.FromDateTime(utc))} {utc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC";

    private static string AlreadyDecided(Offer offer, OfferAction action)
    {
        var when = offer.DecidedUtc is DateTime decided ? $" on {Describe(decided)}" : "";
        var state = offer.Status switch
        {
            OfferStatus.Accepted => $"was already accepted{when}",
            OfferStatus.Declined => $"was declined{when}",
            OfferStatus.Withdrawn => $"was withdrawn{when}",
            _ => $"expired on {Describe(offer.ExpiresUtc)}",
        };
        return $"Offer {offer.Number} {state}; it can no longer be {Done(action)}.";
    }

    private static string Done(OfferAction action) => action switch
    {
        OfferAction.Accept => "accepted",
        OfferAction.Decline => "declined",
        OfferAction.Withdraw => "withdrawn",
        _ => "expired",
    };
}
