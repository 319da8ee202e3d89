using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;
using MimeKit;

namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>Every part of a message is kept: extra text, named parts, attached mails, winmail.dat, odd encodings.</summary>
public sealed class MimeInboundParserContentTests
{
    private readonly MimeInboundParser _parser = new();

    [Fact]
    public void Parse_AppendsEveryTextPart_OfAnAppleMailMessage_InOrder()
    {
        var email = Corpus.Parse("apple-interleaved.eml");

        email.Text.Should().Contain("Here is what it looks like:").And.Contain("The lower half stays blank.");
        email.Text.IndexOf("Here is what", StringComparison.Ordinal).Should().BeLessThan(email.Text.IndexOf("The lower half", StringComparison.Ordinal));
        email.Html.Should().BeNull();
        var image = email.Attachments.Should().ContainSingle().Subject;
        image.FileName.Should().Be("label.png");
        image.Content.Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
    }

    [Fact]
    public void Parse_KeepsNamedInlineParts_AsAttachments_WithRfc2231Names()
    {
        var email = Corpus.Parse("inline-named-parts.eml");

        email.Text.Should().Be("Please find the meeting notes and the quotation below.\n");
        email.Html.Should().BeNull();
        email.Attachments.Select(a => a.FileName).Should().Equal("document.html.txt", "見積書.txt", "会議場.csv");
        Encoding.UTF8.GetString(email.Attachments[0].Content).Should().Contain("<h1>Meeting notes</h1>");
        Encoding.UTF8.GetString(email.Attachments[1].Content).Should().Be("見積書: 40 ライセンス\n");
    }

    [Fact]
    public void Parse_AppendsAFurtherHtmlPart_ToTheHtmlAndTheText()
    {
        var message = new MimeMessage { Subject = "Two halves" };
        message.From.Add(new MailboxAddress("Ann", "ann@contoso.example"));
        message.Body = new Multipart("mixed")
        {
            new TextPart("html") { Text = "<p>First half.</p>" },
            new MimePart("image", "png") { Content = new MimeContent(new MemoryStream([0x89, 0x50])), ContentId = "img1@contoso.example" },
            new TextPart("html") { Text = "<p>Second half.</p>" },
        };

        var email = _parser.Parse(Write(message)).Email!;

        email.Html.Should().Contain("First half.").And.Contain("Second half.");
        email.Text.Should().Contain("First half.").And.Contain("Second half.");
        email.Attachments.Should().ContainSingle().Which.Inline.Should().BeTrue();
    }

    [Fact]
    public void Parse_ReadsOneRendering_OfAnAlternative_AndAppendsTheTextAfterIt()
    {
        var message = new MimeMessage { Subject = "Alternative then text" };
        message.From.Add(new MailboxAddress("Ann", "ann@contoso.example"));
        message.Body = new Multipart("mixed")
        {
            new MultipartAlternative { new TextPart("plain") { Text = "Plain words." }, new TextPart("html") { Text = "<p>Html words.</p>" } },
            new TextPart("plain") { Text = "A footer the list server added." },
        };

        var email = _parser.Parse(Write(message)).Email!;

        email.Text.Should().Be("Plain words.\n\nA footer the list server added.");
        email.Html.Should().Contain("<p>Html words.</p>").And.Contain("<pre>A footer the list server added.</pre>").And.NotContain("Plain words.");
        email.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void Parse_KeepsAnAttachedMail_WithTheNameItWasSentWith()
    {
        var email = Corpus.Parse("forwarded-attached.eml");

        var forwarded = email.Attachments.Should().ContainSingle().Subject;
        forwarded.FileName.Should().Be("Cannot open shared drive.eml");
        forwarded.ContentType.Should().Be("message/rfc822");
    }

    [Fact]
    public void Parse_NamesAnAttachedMailAfterItsSubject_AndTurnsADigestIntoItsMails()
    {
        var email = Corpus.Parse("forwarded-unnamed.eml");

        email.Text.Should().Contain("Two mails from our staff").And.NotContain("drops every day");
        email.Attachments.Select(a => (a.FileName, a.ContentType)).Should().Equal(
            ("VPN drops at 17 00 every day.eml", "message/rfc822"),
            ("VPN slow from home.eml", "message/rfc822"),
            ("VPN certificate warning.eml", "message/rfc822"));
        var inner = MimeMessage.Load(new MemoryStream(email.Attachments[2].Content));
        inner.MessageId.Should().Be("vpn-cert-1@northwind.example");
        inner.TextBody.Should().Contain("certificate expires in 3 days");
    }

    [Fact]
    public void Parse_UnpacksWinmailDat_IntoItsFilesAndItsText_WhenTheMessageHasNoOtherText()
    {
        var email = Corpus.Parse("winmail-only.eml");

        email.Text.Should().Contain("The scanner driver fails to install on the new laptops.");
        email.Attachments.Select(a => a.FileName).Should().Equal("setup.log", "scan.pdf");
        Encoding.ASCII.GetString(email.Attachments[0].Content).Should().Be("2026-11-18 09:14 ERROR 1603 driver package rejected\r\n");
        Encoding.ASCII.GetString(email.Attachments[1].Content).Should().StartWith("%PDF-1.4");
    }

    [Fact]
    public void Parse_UnpacksAWinmailDatSentAsOctetStream_AndKeepsTheMessagesOwnText()
    {
        var email = Corpus.Parse("winmail-octet-stream.eml");

        email.Text.Should().Contain("the figures are attached").And.NotContain("See the spreadsheet");
        email.Attachments.Should().ContainSingle().Which.FileName.Should().Be("figures.xlsx");
    }

    [Theory]
    [InlineData("undeclared-koi8-r.eml", "Принтер не печатает после обновления", "Ольга Смирнова", "задания висят в очереди", "журнал печати.txt")]
    [InlineData("undeclared-gb2312.eml", "邮件服务器无法发送附件", "王芳", "系统提示附件太大", "错误截图说明.txt")]
    [InlineData("undeclared-shift-jis.eml", "ログインできません", "鈴木一郎", "パスワードを変更しても同じエラーが表示されます", "エラー画面.txt")]
    [InlineData("undeclared-latin-1.eml", "Problème d'accès à la messagerie", "François Lefèvre", "je ne reçois plus aucun message", "journal d'événements.txt")]
    public void Parse_DetectsTheCharset_OfUndeclared8BitText(string file, string subject, string name, string inBody, string fileName)
    {
        var email = Corpus.Parse(file);

        email.Subject.Should().Be(subject);
        email.FromName.Should().Be(name);
        email.Text.Should().Contain(inBody);
        email.Attachments.Should().ContainSingle().Which.FileName.Should().Be(fileName);
    }

    [Fact]
    public void Parse_TakesUuencodedFilesOutOfTheText()
    {
        var email = Corpus.Parse("lotus-notes-uuencode.eml");

        email.Text.Should().Contain("The server log is below.").And.Contain("Tom Becker").And.NotContain("begin 644").And.NotContain("\nM");
        var log = email.Attachments.Should().ContainSingle().Subject;
        log.FileName.Should().Be("server-log.txt");
        log.ContentType.Should().Be("text/plain");
        Encoding.ASCII.GetString(log.Content).Should().Be("Server: notes01.tailspin.example\nError: Database is corrupt -- Cannot allocate space\nTime: 18.11.2026 08:55\n");
    }

    [Fact]
    public void Parse_DecodesAUuencodedPart_WithoutABeginLine()
    {
        var email = Corpus.Parse("uuencode-without-begin.eml");

        var dump = email.Attachments.Should().ContainSingle().Subject;
        dump.FileName.Should().Be("kiosk.dmp");
        dump.Content.Should().Equal(Enumerable.Range(0, 512).Select(i => (byte)(i % 256)));
    }

    [Fact]
    public void Parse_KeepsEveryWholeByte_OfBase64WithADamagedTail()
    {
        var email = Corpus.Parse("base64-damaged-tail.eml");

        Encoding.ASCII.GetString(email.Attachments.Should().ContainSingle().Subject.Content)
            .Should().Be("ticket,minutes\nHD-1,15\nHD-2,40\nHD-3,5\n");
    }

    private static byte[] Write(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
