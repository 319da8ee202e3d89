using MimeKit;

namespace HelpDesk.Mail.Outbound;

/// <summary>Where outgoing mail goes: an SMTP server, or a folder of .eml files when none is set up.</summary>
public interface IMailTransport
{
    /// <summary>Opens one session (one SMTP connection) for a run of messages.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default);
}

/// <summary>A connection that sends messages one after another until it is disposed.</summary>
public interface IMailSession : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Sends the message to its To addresses. Throws <see cref="MailKit.Net.Smtp.SmtpCommandException"/> when the server
    /// refuses it (a 5xx status is permanent), and other exceptions when the connection fails.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
