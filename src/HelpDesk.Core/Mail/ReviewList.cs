namespace HelpDesk.Core.Mail;

/// <summary>
/// Why a held or quarantined message waits, as the review pages group and filter it. Held mail is grouped by its
/// <see cref="HoldKind"/> (a robot's bounce apart from the other robots); quarantined mail by the kind of failure.
/// </summary>
public static class ReviewReason
{
    public const string Robot = "robot";
    public const string Bounce = "bounce";
    public const string Throttled = HoldKind.Throttled;
    public const string NotParticipant = HoldKind.NotParticipant;
    public const string Unverified = HoldKind.Unverified;
    public const string Other = "other";
    public const string TooLarge = "too-large";
    public const string NoTicket = "no-ticket";
    public const string Unreadable = "unreadable";

    public static IReadOnlyList<string> Held { get; } = [Robot, Bounce, Throttled, NotParticipant, Unverified, Other];

    public static IReadOnlyList<string> Quarantined { get; } = [TooLarge, NoTicket, Unreadable];

    /// <summary>The reasons a list of this status is grouped by; none for statuses that are not reviewed.</summary>
    public static IReadOnlyList<string> For(InboundStatus status) => status switch
    {
        InboundStatus.Held => Held,
        InboundStatus.Quarantined => Quarantined,
        _ => [],
    };
}

/// <summary>
/// One page of the held or quarantined list, newest first. Paging is by key: <see cref="Before"/> asks for the page
/// of messages older than that id, <see cref="After"/> for the page just newer than it, so a message arriving or
/// leaving while someone pages never shifts another off the list unseen.
/// </summary>
public sealed record ReviewQuery(InboundStatus Status)
{
    /// <summary>One of <see cref="ReviewReason.For"/>, or null for every reason.</summary>
    public string? Reason { get; init; }

    /// <summary>A part of the sender's address (a whole address, a domain, any piece of either), matched without regard to case.</summary>
    public string? Sender { get; init; }

    public int? Before { get; init; }

    public int? After { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>The messages of a page, and the ids to page on from (null when there is nothing further that way).</summary>
public sealed record ReviewPage(IReadOnlyList<InboundMessageEntry> Messages, int? NewerAfter, int? OlderBefore);

/// <summary>How many messages wait for each reason; reasons with none are absent.</summary>
public sealed record ReviewCounts(IReadOnlyDictionary<string, int> ByReason)
{
    public int Total => ByReason.Values.Sum();

    public int Of(string reason) => ByReason.GetValueOrDefault(reason);
}

/// <summary>Reads the held and quarantined lists a page at a time, in the order of an index, however long they grow.</summary>
public interface IInboundReviewList
{
    Task<ReviewPage> PageAsync(ReviewQuery query, CancellationToken cancellationToken = default);

    /// <summary>The count per reason of the messages with this status whose sender matches (every sender when null).</summary>
    Task<ReviewCounts> CountAsync(InboundStatus status, string? sender, CancellationToken cancellationToken = default);
}
