using HelpDesk.Core.Common;

namespace HelpDesk.Core.Accounts;

/// <summary>What a new token may be, whether a presented one still works, and which scope a route misses.</summary>
public static class ApiTokenRules
{
    /// <summary>No token lives longer than a year: a forgotten token in a script ends by itself.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>The lifetimes offered where a token is created, in days; a date of one's own is the other choice.</summary>
    public static IReadOnlyList<int> OfferedDays { get; } = [30, 90, 365];

    /// <summary>How often, at most, a token's last use is written: a busy script costs one write a minute, not one a request.</summary>
    public static readonly TimeSpan UseInterval = TimeSpan.FromMinutes(1);

    public const int MaxNameLength = 100;

    public static IReadOnlyList<FieldError> CheckNew(string? name, IReadOnlyCollection<string> scopes, DateTime? expiresUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "Name the token after what will use it, such as \"CRM sync\"."));
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"Keep the name to {MaxNameLength} characters."));
        }

        if (scopes.Count == 0)
        {
            errors.Add(new FieldError("scopes", "Choose at least one scope: a token without one can reach nothing."));
        }
        else if (scopes.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
        {
            errors.Add(new FieldError("scopes", $"'{unknown}' is not a scope; choose from {string.Join(", ", ApiScopes.All)}."));
        }

        if (expiresUtc is not { } expires)
        {
            errors.Add(new FieldError("expires", "Choose when the token expires: every token has an end."));
        }
        else if (expires <= nowUtc)
        {
            errors.Add(new FieldError("expires", "Choose an expiry in the future."));
        }
        else if (expires > nowUtc + MaxLifetime)
        {
            errors.Add(new FieldError("expires", "Choose an expiry within a year; make a new token when this one ends."));
        }

        return errors;
    }

    /// <summary>The expiry for a lifetime in days, or for a chosen date (the end of that day, UTC).</summary>
    public static DateTime? ExpiryFor(int? days, DateOnly? date, DateTime nowUtc) =>
        days is > 0 ? nowUtc.AddDays(days.Value)
        : date is { } day ? day.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc).AddTicks(-(TimeSpan.TicksPerMillisecond - 1))
        : null;

    /// <summary>Whether a token found by its key may sign in now; the owner is checked apart.</summary>
    public static ApiTokenState StateOf(ApiToken token, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.RevokedUtc is not null ? ApiTokenState.Revoked
            : token.ExpiresUtc <= nowUtc ? ApiTokenState.Expired
            : ApiTokenState.Active;
    }

    /// <summary>Whether this request should write the token's last use (see <see cref="UseInterval"/>).</summary>
    public static bool ShouldRecordUse(DateTime? lastUsedUtc, DateTime nowUtc) =>
        lastUsedUtc is not { } last || nowUtc - last >= UseInterval;

    /// <summary>
    /// Why a token may not reach a route: null when it may. A route with no scope (pages, sign-in, token management)
    /// takes no token at all.
    /// </summary>
    public static string? Refusal(IReadOnlyCollection<string> held, string? required)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (required is null)
        {
            return "API tokens cannot be used here: sign in, or use a route of the API.";
        }

        return held.Contains(required, StringComparer.Ordinal)
            ? null
            : $"This token lacks the scope '{required}' ({ApiScopes.Descriptions[required]}). Make a token with that scope.";
    }

    /// <summary>Scopes as stored: the known ones, in the order of <see cref="ApiScopes.All"/>, separated by spaces.</summary>
    public static string Join(IEnumerable<string> scopes)
    {
        var set = scopes.ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', ApiScopes.All.Where(set.Contains));
    }

    public static IReadOnlyList<string> Split(string scopes) =>
        (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public enum ApiTokenState
{
    Active,
    Revoked,
    Expired,
}
