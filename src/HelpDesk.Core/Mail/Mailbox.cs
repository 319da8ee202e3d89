namespace HelpDesk.Core.Mail;

/// <summary>How the IMAP connection is secured, as MailKit's SecureSocketOptions names it.</summary>
public enum MailTlsMode
{
    /// <summary>Plain text: only for a server on the same machine or a test server.</summary>
    None,

    /// <summary>TLS from the first byte (IMAPS, usually port 993).</summary>
    SslOnConnect,

    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (usually port 143).</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it.</summary>
    StartTlsWhenAvailable,
}

/// <summary>
/// An IMAP mailbox the help desk reads. The password is stored protected (ASP.NET Core data protection) and only
/// the poller unprotects it. <see cref="UidValidity"/> and <see cref="LastUid"/> say where the last poll ended.
/// </summary>
public sealed record Mailbox
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public required string Host { get; init; }
    public int Port { get; init; } = 993;
    public MailTlsMode TlsMode { get; init; } = MailTlsMode.SslOnConnect;
    public required string UserName { get; init; }
    public string ProtectedPassword { get; init; } = "";
    public string Folder { get; init; } = "INBOX";
    public string ProcessedFolder { get; init; } = "HelpDesk/Processed";
    public string FailedFolder { get; init; } = "HelpDesk/Failed";
    public bool Enabled { get; init; } = true;
    public long? UidValidity { get; init; }
    public long LastUid { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTime? LastPollUtc { get; init; }
    public DateTime? LastSuccessUtc { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }

    /// <summary>Failing this many polls in a row makes the mailbox, and /health, degraded.</summary>
    public const int DegradedAfterFailures = 3;

    public bool IsDegraded => Enabled && ConsecutiveFailures >= DegradedAfterFailures;
}

/// <summary>One poll of a mailbox: what it fetched, what became of it, and the error that stopped it, if any.</summary>
public sealed record MailboxPoll
{
    public int Id { get; init; }
    public int MailboxId { get; init; }
    public string MailboxName { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public DateTime? FinishedUtc { get; init; }
    public int Fetched { get; init; }
    public int Tickets { get; init; }
    public int Replies { get; init; }
    public int Held { get; init; }
    public int Bounces { get; init; }
    public int Quarantined { get; init; }
    public int Duplicates { get; init; }
    public string? Error { get; init; }
}

public interface IMailboxStore
{
    Task<IReadOnlyList<Mailbox>> ListAsync(CancellationToken cancellationToken = default);

    Task<Mailbox?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The new id; null when the name is taken.</summary>
    Task<int?> CreateAsync(Mailbox mailbox, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the settings (name, host, port, TLS, user, folders, enabled, and the protected password when not empty)
    /// if the stored version is still <see cref="Mailbox.Version"/>. Changing host, user or folder starts the mailbox
    /// over (UIDVALIDITY and last UID cleared). False when stale or the name is taken.
    /// </summary>
    Task<bool> UpdateAsync(Mailbox mailbox, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Where the poll got to: called after each batch is moved, so a crash re-reads at most one batch.</summary>
    Task SaveProgressAsync(int mailboxId, long uidValidity, long lastUid, CancellationToken cancellationToken = default);

    Task<int> StartPollAsync(int mailboxId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Writes the poll's counts and error, and the mailbox's health: failures in a row, last success, last error.</summary>
    Task FinishPollAsync(MailboxPoll poll, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The latest polls of every mailbox (or one), newest first.</summary>
    Task<IReadOnlyList<MailboxPoll>> ListPollsAsync(int? mailboxId, int take, CancellationToken cancellationToken = default);
}

/// <summary>Keeps secrets (mailbox passwords) unreadable at rest. The web host implements it with data protection.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Throws when the text was not protected by this installation's keys.</summary>
    string Unprotect(string protectedText);
}
