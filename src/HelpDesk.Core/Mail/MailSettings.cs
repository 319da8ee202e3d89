namespace HelpDesk.Core.Mail;

/// <summary>The "Mail" settings intake and the outbox share. Validated at start-up by the host.</summary>
public sealed record MailSettings
{
    /// <summary>The support address: mail is sent from it, and mail from it is our own coming back.</summary>
    public string SupportAddress { get; init; } = "support@helpdesk.example";

    public string SupportName { get; init; } = "HelpDesk Support";

    /// <summary>The domain of the Message-IDs we make.</summary>
    public string MessageIdDomain => SupportAddress[(SupportAddress.LastIndexOf('@') + 1)..];

    /// <summary>What we put in X-Loop, and recognise in mail coming back.</summary>
    public string LoopToken => SupportAddress;

    /// <summary>A sender sending more than this many messages in <see cref="ThrottleMinutes"/> has the excess held.</summary>
    public int ThrottleMessages { get; init; } = 20;

    public int ThrottleMinutes { get; init; } = 10;

    /// <summary>
    /// A spam filter's header whose mark means the mail is not answered, besides <c>X-Spam-Flag: YES</c> which always
    /// does (for example <c>X-Spam-Status</c> with <see cref="SpamHeaderValue"/> "Yes"). Unset, only X-Spam-Flag counts.
    /// </summary>
    public string? SpamHeader { get; init; }

    /// <summary>What <see cref="SpamHeader"/>'s value starts with (ignoring case) when the filter judged the mail spam.</summary>
    public string SpamHeaderValue { get; init; } = "yes";

    /// <summary>How many acknowledgements intake sends per address, per domain and in all; past them a ticket is not answered.</summary>
    public AcknowledgementLimits Acknowledgements { get; init; } = new();

    /// <summary>Where mail from senders no organisation owns is filed, flagged for triage. Made when first needed.</summary>
    public string UnknownSendersOrganisation { get; init; } = "Unknown senders";

    /// <summary>A raw message larger than this is quarantined rather than read.</summary>
    public int MaxMessageBytes { get; init; } = 40 * 1024 * 1024;

    /// <summary>
    /// The authserv-id of the receiving server whose <c>Authentication-Results</c> header is believed (for example
    /// mx.google.com, or the organisation's own inbound gateway); unset, no such header is believed.
    /// </summary>
    public string? TrustedAuthServId { get; init; }

    /// <summary>Host names or addresses of relays whose hand-over vouches for the sender (an inbound gateway that checks mail itself).</summary>
    public IReadOnlyList<string> TrustedRelays { get; init; } = [];

    /// <summary>How much of a mail's HTML is made safe and shown; past these its text is shown and the HTML attached.</summary>
    public MailHtmlLimits Html { get; init; } = new();

    /// <summary>Outbox: attempts before a message is failed for good, and the first retry's wait (doubled each time).</summary>
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: FirstRetry × 2^(attempts − 1), at most MaxRetry.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var delay = FirstRetry * Math.Pow(2, doublings);
        return delay > MaxRetry ? MaxRetry : delay;
    }
}
