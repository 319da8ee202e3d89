using HelpDesk.Core.Mail;

namespace HelpDesk.Web.Mail;

/// <summary>A mail's bytes as a page shows them: its header block, and what the parser read or why it could not.</summary>
public sealed record MailContent(string Headers, InboundEmail? Email, string? ParseError)
{
    public static MailContent Read(byte[] raw, IInboundMailParser parser)
    {
        var parse = parser.Parse(raw);
        return new MailContent(MailText.Headers(raw), parse.Email, parse.Error);
    }
}
