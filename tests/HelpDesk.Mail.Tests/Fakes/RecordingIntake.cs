using System.Collections.Concurrent;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;

namespace HelpDesk.Mail.Tests.Fakes;

/// <summary>
/// Intake that keeps what it saved by message key, as the real one does, and answers Duplicate for a key it has. It can
/// be told to fail right after a save, like a process killed between saving the ticket and moving the message.
/// </summary>
public sealed class RecordingIntake : IEmailIntake
{
    private readonly MimeInboundParser _parser = new();
    private readonly Lock _gate = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The keys saved, in order.</summary>
    public List<string> Saved { get; } = [];

    /// <summary>Throws after this many saves, once.</summary>
    public int? FailAfterSaves { get; set; }

    public List<string> Sources { get; } = [];

    public Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Sources.Add(source);
            var parse = _parser.Parse(raw);
            var key = parse.Email is null ? ReceivedMail.QuarantineKeyFor(raw) : ReceivedMail.KeyFor(parse.Email.MessageId, raw);
            Calls.Enqueue(key);
            if (Saved.Contains(key))
            {
                return Task.FromResult(new IntakeOutcome(IntakeResult.Duplicate, null, null, "received before"));
            }

            Saved.Add(key);
            if (FailAfterSaves is { } limit && Saved.Count >= limit)
            {
                FailAfterSaves = null;
                throw new InvalidOperationException("The process stopped right after saving.");
            }

            return Task.FromResult(parse.Email is null
                ? new IntakeOutcome(IntakeResult.Quarantined, null, Saved.Count, parse.Error!)
                : new IntakeOutcome(IntakeResult.Ticket, Saved.Count, Saved.Count, "filed"));
        }
    }
}

/// <summary>Keeps the text as it is, marked, so tests can tell protected from plain.</summary>
public sealed class MarkedSecretProtector : ISecretProtector
{
    public string Protect(string plaintext) => "protected:" + plaintext;

    public string Unprotect(string protectedText) =>
        protectedText is not null && protectedText.StartsWith("protected:", StringComparison.Ordinal)
            ? protectedText["protected:".Length..]
            : throw new System.Security.Cryptography.CryptographicException("Not protected by this installation.");
}
