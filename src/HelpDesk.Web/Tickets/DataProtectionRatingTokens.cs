using System.Globalization;
using System.Security.Cryptography;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Tickets;

/// <summary>
/// Rating links signed and encrypted with this installation's data-protection keys (kept in the database, shared by
/// every node), valid for <see cref="Lifetime"/>: a token names one resolution of one ticket, its requester and the
/// score, and cannot be changed to name another.
/// </summary>
public sealed class DataProtectionRatingTokens(IDataProtectionProvider provider, TimeProvider clock) : IRatingTokens
{
    public const string Purpose = "HelpDesk.Tickets.Rating.v1";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Issue(RatingGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{grant.TicketId}.{grant.Resolution}.{grant.RaterId}.{grant.Score}");
        return _protector.Protect(payload, clock.GetUtcNow() + Lifetime);
    }

    public RatingGrant? Read(string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token, out var expires);
            if (expires < clock.GetUtcNow())
            {
                return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = payload.Split('.');
        return parts.Length == 4
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticket)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var resolution)
               && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rater)
               && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            ? new RatingGrant(ticket, resolution, rater, score)
            : null;
    }
}
