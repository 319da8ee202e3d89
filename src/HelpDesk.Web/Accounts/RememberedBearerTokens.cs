using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace HelpDesk.Web.Accounts;

/// <summary>
/// Identity's bearer tokens, remembered once read. The bearer handler decrypts and deserializes the token on every
/// request (a key derivation, a decryption, a MAC and the claims): about 8% of the processor time of filing a ticket
/// through the API, measured. A script sends the same token for an hour. This keeps what a token held for <see cref="Lifetime"/> after it
/// was last decrypted, for at most <see cref="Capacity"/> tokens (past it, it starts over), and hands out a copy each
/// time, so nothing a request does to its user reaches the next. It decides nothing itself: the handler still refuses
/// a token past its expiry on every request, and <see cref="SessionChecks.RefuseRevokedBearerAsync"/> still refuses a
/// token whose account's sessions have ended. A token that does not decrypt is never remembered.
/// </summary>
public sealed class RememberedBearerTokens(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public const int Capacity = 1000;

    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Remembered> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var remembered) && now < remembered.Until)
        {
            return Copy(remembered.Ticket);
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            if (_tickets.Count >= Capacity)
            {
                _tickets.Clear();
            }

            _tickets[protectedText] = new Remembered(Copy(ticket), now + Lifetime);
        }

        return ticket;
    }

    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    private sealed record Remembered(AuthenticationTicket Ticket, DateTimeOffset Until);
}
