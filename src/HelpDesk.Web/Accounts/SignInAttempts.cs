using HelpDesk.Core.Accounts;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// The wrong passwords each key has sent lately, for <see cref="SignInThrottle"/>: per account and client address,
/// per client address and per account. Kept in this node's memory; an account that does not exist is counted like
/// one that does, so the throttle tells nothing about which accounts exist.
/// </summary>
public sealed class SignInAttempts(TimeProvider clock)
{
    /// <summary>Past this many keys, forgotten ones are swept out before another is added.</summary>
    private const int SweepAbove = 50_000;

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How long <paramref name="account"/> from <paramref name="address"/> must wait; zero when it may try now.</summary>
    public TimeSpan WaitFor(string account, string address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            return Keys(account, address).Max(k => Remaining(k.Key, k.Limit, now));
        }
    }

    public void Failed(string account, string address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            if (_failures.Count > SweepAbove)
            {
                foreach (var stale in _failures.Where(f => SignInThrottle.IsForgotten(f.Value.LastUtc, now)).Select(f => f.Key).ToList())
                {
                    _failures.Remove(stale);
                }
            }

            foreach (var (key, _) in Keys(account, address))
            {
                var count = _failures.TryGetValue(key, out var seen) && !SignInThrottle.IsForgotten(seen.LastUtc, now) ? seen.Count : 0;
                _failures[key] = new Failures(count + 1, now);
            }
        }
    }

    /// <summary>The right password from this address: its own count for the account starts again; the others stay.</summary>
    public void Succeeded(string account, string address)
    {
        lock (_gate)
        {
            _failures.Remove(PairKey(account, address));
        }
    }

    private TimeSpan Remaining(string key, ThrottleLimit limit, DateTime now) =>
        _failures.TryGetValue(key, out var seen) && !SignInThrottle.IsForgotten(seen.LastUtc, now)
            ? SignInThrottle.Remaining(seen.Count, seen.LastUtc, now, limit)
            : TimeSpan.Zero;

    private static (string Key, ThrottleLimit Limit)[] Keys(string account, string address) =>
    [
        (PairKey(account, address), SignInThrottle.AccountAndAddress),
        ($"address\n{address}", SignInThrottle.Address),
        ($"account\n{Normalize(account)}", SignInThrottle.Account),
    ];

    private static string PairKey(string account, string address) => $"pair\n{Normalize(account)}\n{address}";

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();

    private sealed record Failures(int Count, DateTime LastUtc);
}
