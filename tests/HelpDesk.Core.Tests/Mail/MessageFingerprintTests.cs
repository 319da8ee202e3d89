using System.Text;
using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class MessageFingerprintTests
{
    private const string Original =
        "Received: from mx1.example by mx.helpdesk.example; Mon, 23 Nov 2026 09:01:00 +0000\r\n"
        + "From: Ann <ann@contoso.example>\r\nSubject: Printer\r\n on fire\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
        + "Message-ID: <one@contoso.example>\r\n\r\nIt is on fire.\r\n\r\n";

    private static string Of(string raw) => MessageFingerprint.Of(Encoding.UTF8.GetBytes(raw));

    [Fact]
    public void Of_IsTheSame_WhenRelaysRewriteTraceHeadersLineEndingsAndTrailingSpace()
    {
        var relayed = "Received: from mx2.example by mx.helpdesk.example; Mon, 23 Nov 2026 09:05:00 +0000\n"
            + "Delivered-To: support@helpdesk.example\nReturn-Path: <ann@contoso.example>\n"
            + "From: Ann <ann@contoso.example>\nSubject: Printer on fire\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n"
            + "Message-ID: <one@contoso.example>\n\nIt is on fire.  \n";

        Of(relayed).Should().Be(Of(Original));
    }

    [Theory]
    [InlineData("From: Ann <ann@contoso.example>", "From: Bob <bob@contoso.example>")]
    [InlineData("Subject: Printer", "Subject: Scanner")]
    [InlineData("09:00:00 +0000", "10:00:00 +0000")]
    [InlineData("It is on fire.", "It is fine now.")]
    public void Of_Differs_WhenFromSubjectDateOrBodyDiffer(string part, string other)
    {
        Of(Original.Replace(part, other, StringComparison.Ordinal)).Should().NotBe(Of(Original));
    }

    [Fact]
    public void Of_ReadsBytesWithoutHeaders_AsAllBody()
    {
        Of("not a message at all").Should().NotBe(Of("not a message either"));
    }
}
