namespace HelpDesk.Mail;

/// <summary>Marks the mail adapter's assembly: MIME mapping, the IMAP poller and the SMTP outbox sender.</summary>
public static class MailAssembly;
