namespace HelpDesk.Core.Mail;

/// <summary>A message waiting in the outbox. It is written with the change that causes it and sent later.</summary>
/// <param name="TicketId">The ticket the message is about, if any.</param>
public sealed record OutboundMail(string Kind, string ToAddress, string Subject, string TextBody, string? HtmlBody = null, int? TicketId = null)
{
    public const string AccountConfirmation = "account-confirmation";
    public const string PasswordReset = "password-reset";
    public const string AccountExists = "account-exists";
    public const string AccountInvitation = "account-invitation";

    /// <summary>
    /// How the message is marked for other robots (RFC 3834 Auto-Submitted): <c>auto-replied</c> for the acknowledgement
    /// of a message, <c>auto-generated</c> for every other notice, and null for a person's words (an engineer's reply).
    /// </summary>
    public static string? AutoSubmittedFor(string kind) => kind switch
    {
        Tickets.TicketMail.Reply => null,
        Tickets.TicketMail.Acknowledgement => "auto-replied",
        _ => "auto-generated",
    };
}
