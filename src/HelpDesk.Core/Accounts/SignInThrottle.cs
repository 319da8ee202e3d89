namespace HelpDesk.Core.Accounts;

/// <summary>How many wrong passwords a key may send before it must wait, and the longest wait.</summary>
/// <param name="FreeFailures">Failures answered at once; the next one starts the waits.</param>
/// <param name="MaxWait">The waits double from one second up to this.</param>
public sealed record ThrottleLimit(int FreeFailures, TimeSpan MaxWait);

/// <summary>
/// The sign-in throttle's rule. Wrong passwords are counted per account and client address, per client address and per
/// account; past a key's free failures each further one makes that key wait 1 s, 2 s, 4 s … up to its cap before the
/// next attempt is heard. There is no lock: an account's own limit is high and its wait short (a minute at most), so
/// someone guessing from many addresses slows the account's owner down without shutting them out, while one address
/// guessing at one account or at many is held off for up to 15 minutes at a time. Failures are forgotten after an
/// hour without one.
/// </summary>
public static class SignInThrottle
{
    public static readonly ThrottleLimit AccountAndAddress = new(5, TimeSpan.FromMinutes(15));

    public static readonly ThrottleLimit Address = new(20, TimeSpan.FromMinutes(15));

    public static readonly ThrottleLimit Account = new(50, TimeSpan.FromMinutes(1));

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>The wait that <paramref name="failures"/> wrong passwords in a row impose after the latest of them.</summary>
    public static TimeSpan WaitAfter(int failures, ThrottleLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var over = failures - limit.FreeFailures;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^20 seconds is far past any cap; stopping there keeps the arithmetic in range.
        var wait = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(over - 1, 20)));
        return wait > limit.MaxWait ? limit.MaxWait : wait;
    }

    /// <summary>How long a key must still wait at <paramref name="nowUtc"/>; zero when it may try.</summary>
    public static TimeSpan Remaining(int failures, DateTime lastFailureUtc, DateTime nowUtc, ThrottleLimit limit)
    {
        var left = lastFailureUtc + WaitAfter(failures, limit) - nowUtc;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Whether failures last counted at <paramref name="lastFailureUtc"/> are forgotten by now.</summary>
    public static bool IsForgotten(DateTime lastFailureUtc, DateTime nowUtc) => nowUtc - lastFailureUtc >= ForgetAfter;
}
