namespace HelpDesk.Core.Mail;

/// <summary>A message waiting in the outbox. It is written with the change that causes it and sent later.</summary>
/// <param name="TicketId">The ticket the message is about, if any.</param>
public sealed record OutboundMail(string Kind, string ToAddress, string Subject, string TextBody, string? HtmlBody = null, int? TicketId = null)
{
    public const string AccountConfirmation = "account-confirmation";
    public const string PasswordReset = "password-reset";
}
