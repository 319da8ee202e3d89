namespace HelpDesk.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 30 seconds after the first attempt, doubling each time up to an hour, with up
/// to a fifth more at random so that many receivers failing at once do not all come back at the same moment. After
/// <see cref="MaxAttempts"/> (about a day of trying) the delivery is given up.
/// </summary>
public static class WebhookRetry
{
    public const int MaxAttempts = 30;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>A subscription whose deliveries have failed this long without one success is paused.</summary>
    public static readonly TimeSpan PauseAfter = TimeSpan.FromHours(24);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts, before jitter.</summary>
    public static TimeSpan Delay(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var doublings = Math.Min(attempts - 1, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }

    /// <summary>
    /// The next attempt after <paramref name="attempts"/> failed ones, or null to give up. <paramref name="jitter"/> is a
    /// number in [0, 1) (random in the sender, fixed in tests).
    /// </summary>
    public static DateTime? NextAttempt(int attempts, DateTime nowUtc, double jitter)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var delay = Delay(attempts);
        return nowUtc + delay + (delay * 0.2 * Math.Clamp(jitter, 0, 1));
    }

    /// <summary>Whether a subscription failing since <paramref name="failingSinceUtc"/> is to be paused now.</summary>
    public static bool ShouldPause(DateTime? failingSinceUtc, DateTime nowUtc) =>
        failingSinceUtc is DateTime since && nowUtc - since >= PauseAfter;
}
