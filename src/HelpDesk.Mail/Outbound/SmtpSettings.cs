using HelpDesk.Core.Mail;

namespace HelpDesk.Mail.Outbound;

/// <summary>The "Mail:Smtp" settings. An empty <see cref="Host"/> means no server: mail is written to the pickup folder.</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "";

    public int Port { get; init; } = 587;

    public MailTlsMode TlsMode { get; init; } = MailTlsMode.StartTls;

    /// <summary>Empty for a server that takes mail without logging in.</summary>
    public string UserName { get; init; } = "";

    public string Password { get; init; } = "";
}
