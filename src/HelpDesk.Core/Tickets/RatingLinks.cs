namespace HelpDesk.Core.Tickets;

/// <summary>
/// What a one-click rating link in a resolution mail allows: the person who asked rates that resolution of that ticket
/// with that score, without signing in.
/// </summary>
public sealed record RatingGrant(int TicketId, int Resolution, int RaterId, int Score);

/// <summary>
/// Turns a <see cref="RatingGrant"/> into a token for a link and back. Tokens are signed and expire, so a link cannot
/// be altered to rate another ticket, another resolution or another score, nor used forever.
/// </summary>
public interface IRatingTokens
{
    string Issue(RatingGrant grant);

    /// <summary>The grant of <paramref name="token"/>, or null when it was altered, expired or is not a rating token.</summary>
    RatingGrant? Read(string token);
}

/// <summary>The satisfaction scale a resolution is rated on (CSAT), 1 to 5, in the words the mail and pages use.</summary>
public static class RatingScale
{
    public const int Min = 1;
    public const int Max = 5;

    /// <summary>How many scores there are: one link each in a resolution mail.</summary>
    public const int Count = Max - Min + 1;

    public static string Describe(int score) => score switch
    {
        1 => "very dissatisfied",
        2 => "dissatisfied",
        3 => "neither",
        4 => "satisfied",
        5 => "very satisfied",
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "A rating is from 1 to 5."),
    };
}
