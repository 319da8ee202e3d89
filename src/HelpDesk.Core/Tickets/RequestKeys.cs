using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// The key a client sends with a request that files a ticket or adds a message (a form's hidden field, the API's
/// <c>Idempotency-Key</c> header), and who sent it. A key is one user's: the same key from another user is another key.
/// </summary>
public sealed record RequestKey(int UserId, string Value);

/// <summary>A key as stored with what its first request made: the ticket (and the message, for a reply).</summary>
public sealed record KeyedRequest(int UserId, string Key, string Fingerprint, int TicketId, int? MessageId, DateTime CreatedUtc);

/// <summary>A key written with the ticket or message its request made, so that a repeat can find what it made.</summary>
public sealed record NewKeyedRequest(RequestKey Key, string Fingerprint);

/// <summary>The keys that make filing and replying safe to repeat, kept for <see cref="RequestKeys.Lifetime"/>.</summary>
public interface IRequestKeyStore
{
    Task<KeyedRequest?> FindAsync(RequestKey key, CancellationToken cancellationToken = default);

    /// <summary>Forgets the keys first used before <paramref name="cutoffUtc"/>; how many.</summary>
    Task<int> DeleteBeforeAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default);
}

/// <summary>
/// Thrown by the ticket store, which saved nothing, when the request's key was stored meanwhile by another request
/// (two at once with one key): the unique index lets one through.
/// </summary>
public sealed class DuplicateRequestKeyException(RequestKey key)
    : Exception($"The request key {key?.Value} of user {key?.UserId} was already used.")
{
    public RequestKey Key { get; } = key!;
}

/// <summary>
/// A request sent twice with one key (a double-clicked form, a client retrying after a timeout) makes one ticket or one
/// message: the repeat is answered with what the first made. The key is stored in the transaction that saves the ticket
/// or message, so it is there exactly when they are. A key used again for a different request is refused, naming the
/// ticket the first made.
/// </summary>
public static class RequestKeys
{
    public const int MaxLength = 100;

    /// <summary>How long a key is kept, so that a late repeat still finds the first result.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string Field = "idempotencyKey";

    public static void Validate(List<FieldError> errors, RequestKey? key)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (key is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(key.Value) || key.Value.Length > MaxLength || key.Value.Any(c => c < '!' || c > '~'))
        {
            errors.Add(new(Field, $"The idempotency key must be 1 to {MaxLength} visible ASCII characters, for example a new GUID for each new request."));
        }
    }

    /// <summary>A digest of everything the request asks for, so a repeat can be told from a different request under the same key.</summary>
    public static string Fingerprint(string what, object fields, IReadOnlyList<NewAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(what));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(fields));
        foreach (var attachment in attachments)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{attachment.FileName}\n{attachment.ContentType}\n"));
            hash.AppendData(SHA256.HashData(attachment.Content));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>
    /// What an earlier request under the key says about this one: null when there was none (go ahead), the ticket it
    /// made when it asked the same, or a refusal when it asked something else.
    /// </summary>
    public static async Task<Result<Ticket>?> RepeatAsync(
        IRequestKeyStore keys, ITicketStore tickets, NewKeyedRequest request, TicketScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(request);
        var earlier = await keys.FindAsync(request.Key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        var number = TicketNumber.Format(earlier.TicketId);
        if (!string.Equals(earlier.Fingerprint, request.Fingerprint, StringComparison.Ordinal))
        {
            return Result<Ticket>.Invalid(
                Field,
                $"This idempotency key was already used for a different request (it went to {number}). Nothing was saved; send a new request with a new key.");
        }

        var ticket = await tickets.GetAsync(earlier.TicketId, scope, cancellationToken);
        return ticket is null ? Result<Ticket>.NotFound($"There is no ticket {number}.") : Result<Ticket>.Ok(ticket);
    }
}

/// <summary>The recurring job that forgets request keys older than <see cref="RequestKeys.Lifetime"/>.</summary>
public sealed class ForgetRequestKeys(IRequestKeyStore keys, TimeProvider clock)
{
    /// <returns>How many keys were forgotten.</returns>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        keys.DeleteBeforeAsync(clock.UtcNow() - RequestKeys.Lifetime, cancellationToken);
}
