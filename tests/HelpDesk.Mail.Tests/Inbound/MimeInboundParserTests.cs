using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;
using MimeKit;

namespace HelpDesk.Mail.Tests.Inbound;

public sealed class MimeInboundParserTests
{
    private readonly MimeInboundParser _parser = new();

    public static TheoryData<string> Files() => [.. Corpus.Names()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_ReadsEveryMessageOfTheCorpus_WithASender(string file)
    {
        var email = Corpus.Parse(file);

        email.FromAddress.Should().Contain("@").And.Be(email.FromAddress.ToLowerInvariant());
        email.Subject.Should().NotBeEmpty();
    }

    [Fact]
    public void Parse_RemovesNulAndBidiOverrides_FromTheSubjectAndTheSendersName()
    {
        var message = new MimeMessage { Subject = "Your invoice \u202Efdp.exe\u202C\0 is ready" };
        message.From.Add(new MailboxAddress("Support\u2066 Team\u2069\u0007", "someone@example.com"));
        message.To.Add(new MailboxAddress("", "support@helpdesk.example"));
        message.Body = new TextPart("plain") { Text = "Hello" };
        using var raw = new MemoryStream();
        message.WriteTo(raw);

        var email = _parser.Parse(raw.ToArray()).Email!;

        email.Subject.Should().Be("Your invoice fdp.exe is ready");
        email.FromName.Should().Be("Support Team");
    }

    [Fact]
    public void Corpus_HoldsTheMessagesTheTestsNeed() => Corpus.Names().Should().HaveCountGreaterThanOrEqualTo(25);

    [Theory]
    [InlineData("utf8-base64.eml", "Skrivaren på plan 3 skriver ut tomma sidor", "brådskande — vi har revision")]
    [InlineData("utf8-quoted-printable.eml", "Café app: “Zahlungsfehler” on checkout", "shows “Zahlungsfehler” and a € sign")]
    [InlineData("iso-8859-1.eml", "Problème de connexion réseau", "Le poste de Gérard n'arrive plus à se connecter")]
    [InlineData("windows-1252.eml", "Invoice total – “€ 1.250”?", "the contract says €1,100 – could you check? It’s urgent.")]
    [InlineData("koi8-r.eml", "Не работает вход в личный кабинет", "после ввода пароля страница просто перезагружается")]
    [InlineData("iso-2022-jp.eml", "プロジェクターが映りません", "会議室のプロジェクターが映りません")]
    [InlineData("shift-jis.eml", "パスワードリセットのメールが届かない", "パスワードをリセットしてもメールが届きません")]
    [InlineData("gb2312.eml", "打印机无法连接网络", "我们的打印机无法连接到网络")]
    public void Parse_DecodesCharsetsAndTransferEncodings(string file, string subject, string inBody)
    {
        var email = Corpus.Parse(file);

        email.Subject.Should().Be(subject);
        email.Text.Should().Contain(inBody);
        email.Html.Should().BeNull();
        email.Attachments.Should().BeEmpty();
    }

    [Theory]
    [InlineData("iso-8859-1.eml", "Hélène Dubois", "helene.dubois@contoso.example")]
    [InlineData("koi8-r.eml", "Иван Петров", "ivan.petrov@contoso.example")]
    [InlineData("iso-2022-jp.eml", "山田太郎", "taro.yamada@fabrikam.example")]
    [InlineData("gb2312.eml", "李伟", "li.wei@contoso.example")]
    public void Parse_DecodesEncodedSenderNames(string file, string name, string address)
    {
        var email = Corpus.Parse(file);

        email.FromName.Should().Be(name);
        email.FromAddress.Should().Be(address);
    }

    [Fact]
    public void Parse_MapsEnvelopeFields()
    {
        var email = Corpus.Parse("utf8-base64.eml");

        email.MessageId.Should().Be("utf8-base64.20260303091422@mail.northwind.example");
        email.FromName.Should().Be("Anna Lindqvist");
        email.FromAddress.Should().Be("anna.lindqvist@northwind.example");
        email.To.Should().Equal("support@helpdesk.example");
        email.Cc.Should().BeEmpty();
        email.DateUtc.Should().Be(new DateTime(2026, 3, 3, 8, 14, 22, DateTimeKind.Utc));
        email.DateUtc!.Value.Kind.Should().Be(DateTimeKind.Utc);
        email.Robot.ReturnPath.Should().Be("anna.lindqvist@northwind.example");
        email.Robot.ContentType.Should().Be("text/plain");
        email.Report.Should().BeNull();
    }

    [Fact]
    public void Parse_DerivesTextFromHtml_WhenThereIsOnlyHtml()
    {
        var email = Corpus.Parse("html-only.eml");

        email.Html.Should().Contain("<b>VPN client</b>");
        email.Text.Should().Contain("The VPN client disconnects every 10 minutes.").And.NotContain("<");
        email.Text.Should().NotContain("margin");
    }

    [Fact]
    public void Parse_ReadsTextFromTheStartOfAHugeHtmlOnlyBody_AndSaysTheRestIsInTheOriginal()
    {
        var message = new MimeMessage { Subject = "Huge", Body = new TextPart("html") { Text = "<p>First words.</p>" + string.Concat(Enumerable.Repeat("<div>", 2_000_000)) + "<p>Last words.</p>" } };
        message.From.Add(new MailboxAddress("Ann", "ann@contoso.example"));
        using var stream = new MemoryStream();
        message.WriteTo(stream);

        var email = new MimeInboundParser().Parse(stream.ToArray()).Email!;

        email.Text.Should().StartWith("First words.").And.EndWith("[The rest of this message is in the original mail.]").And.NotContain("Last words.");
    }

    [Fact]
    public void Parse_ReadsTheAuthenticationResultsTopmostFirst_AndWhoHandedTheMessageOver()
    {
        var raw = Encoding.ASCII.GetBytes(
            "Received: from gateway.example (gateway.example [192.0.2.7])\r\n\tby mx.helpdesk.example with ESMTPS; Mon, 23 Nov 2026 09:00:00 +0000\r\n"
            + "Received: from laptop (unknown [10.0.0.2]) by gateway.example; Mon, 23 Nov 2026 08:59:59 +0000\r\n"
            + "Authentication-Results: mx.helpdesk.example;\r\n\tdmarc=pass header.from=contoso.example\r\n"
            + "Authentication-Results: gateway.example; dkim=none\r\n"
            + "From: Ann <ann@contoso.example>\r\nSubject: Hi\r\n\r\nHello\r\n");

        var email = new MimeInboundParser().Parse(raw).Email!;

        email.AuthenticationResults.Should().Equal("mx.helpdesk.example; dmarc=pass header.from=contoso.example", "gateway.example; dkim=none");
        email.ReceivedFrom.Should().Be("gateway.example (gateway.example [192.0.2.7])");
    }

    [Fact]
    public void Parse_KeepsBothParts_OfMultipartAlternative()
    {
        var email = Corpus.Parse("multipart-alternative.eml");

        email.Text.Should().Contain("Outlook keeps asking for my password since this morning.").And.NotContain("<b>");
        email.Html.Should().Contain("<b>password</b>");
        email.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void Parse_KeepsAnInlineForward_AsText()
    {
        var email = Corpus.Parse("forwarded-inline.eml");

        email.Text.Should().Contain("---------- Forwarded message ---------").And.Contain("access denied");
        email.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void Parse_AttachesAForwardedMessage_AsAnEmlFile()
    {
        var email = Corpus.Parse("forwarded-attached.eml");

        email.Text.Should().Contain("Forwarding Peter's message").And.NotContain("access denied");
        var forwarded = email.Attachments.Should().ContainSingle().Subject;
        forwarded.FileName.Should().Be("Cannot open shared drive.eml");
        forwarded.ContentType.Should().Be("message/rfc822");
        Encoding.UTF8.GetString(forwarded.Content).Should().Contain("Message-ID: <CAF-inner-7781@mail.contoso.example>").And.Contain("access denied");
        email.Report.Should().BeNull();
    }

    [Fact]
    public void Parse_DecodesAttachments_AndNamesOneWithoutAName()
    {
        var email = Corpus.Parse("attachments.eml");

        email.Attachments.Select(a => (a.FileName, a.ContentType, a.Inline)).Should().Equal(
            ("error-report.pdf", "application/pdf", false),
            ("licences.csv", "text/csv", false),
            ("attachment-1.bin", "application/octet-stream", false));
        Encoding.ASCII.GetString(email.Attachments[0].Content).Should().StartWith("%PDF-1.4");
        Encoding.UTF8.GetString(email.Attachments[1].Content).ReplaceLineEndings("\n").Should().Be("name,seats\nNorthwind,25\nContoso,40\n");
        email.Attachments[2].Content.Should().Equal(Enumerable.Range(0, 256).Select(i => (byte)i));
        email.Text.Should().Contain("Attached are the error report");
    }

    [Fact]
    public void Parse_KeepsInlineImages_MarkedInline_WithAMadeUpName()
    {
        var email = Corpus.Parse("inline-image.eml");

        var image = email.Attachments.Should().ContainSingle().Subject;
        image.FileName.Should().Be("image-1.png");
        image.ContentType.Should().Be("image/png");
        image.Inline.Should().BeTrue();
        image.Content.Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        email.Html.Should().Contain("cid:part1.err@northwind.example");
        email.Text.Should().Contain("The error looks like this:");
    }

    [Fact]
    public void Parse_LeavesMessageIdNull_WhenThereIsNone()
    {
        var email = Corpus.Parse("no-message-id.eml");

        email.MessageId.Should().BeNull();
        email.Text.Should().Contain("keyboard stopped working");
    }

    [Fact]
    public void Parse_ReadsWhatItCan_OfBrokenHeaders()
    {
        var email = Corpus.Parse("broken-headers.eml");

        email.FromAddress.Should().Be("j.mueller@fabrikam.example");
        email.FromName.Should().Be("Jürgen Müller");
        email.Subject.Should().Contain("Drucker");
        email.DateUtc.Should().BeNull();
        email.Text.Should().Contain("der Drucker im Büro druckt nur noch Streifen.");
        email.MessageId.Should().Be("broken-headers-5521@fabrikam.example");
    }

    [Fact]
    public void Parse_ReadsThreadHeaders_AndKeepsQuotedHistoryInTheText()
    {
        var email = Corpus.Parse("reply-quoted.eml");

        email.InReplyTo.Should().Equal("7e1d9c2b3a4f4e5d8c6b0a9f8e7d6c5b@helpdesk.example");
        email.References.Should().Equal("5d2c1a40e1b64b8e9a3c2f1d7e6b5a49@helpdesk.example", "7e1d9c2b3a4f4e5d8c6b0a9f8e7d6c5b@helpdesk.example");
        email.Subject.Should().Be("Re: [HD-1042] Printer on floor 3");
        email.Text.Should().Contain("the new driver fixed it").And.Contain("\n-- \n").And.Contain("> please install driver 5.2");
    }

    [Fact]
    public void Parse_ReadsAnOutlookReply()
    {
        var email = Corpus.Parse("reply-outlook.eml");

        email.InReplyTo.Should().Equal("a81f03c2d4e54b7f8e6a9c1b2d3e4f50@helpdesk.example");
        email.FromName.Should().Be("Mark O'Brien");
        email.Text.Should().Contain("-----Original Message-----");
    }

    [Fact]
    public void Parse_ReadsTheRobotHeaders()
    {
        Corpus.Parse("out-of-office.eml").Robot.AutoSubmitted.Should().Be("auto-replied");
        Corpus.Parse("x-autoreply.eml").Robot.XAutoreply.Should().Be("yes");
        Corpus.Parse("x-autorespond.eml").Robot.XAutorespond.Should().Be("Thank you for your email");
        Corpus.Parse("x-auto-response-suppress.eml").Robot.XAutoResponseSuppress.Should().Be("All");
        Corpus.Parse("precedence-bulk.eml").Robot.Precedence.Should().Be("bulk");
        Corpus.Parse("x-loop.eml").Robot.XLoop.Should().Equal("support@helpdesk.example");
        var list = Corpus.Parse("list-id-newsletter.eml").Robot;
        list.ListId.Should().Be("Northwind News <news.northwind.example>");
        list.ListUnsubscribe.Should().StartWith("<mailto:unsubscribe@news.northwind.example>");
        Corpus.Parse("empty-return-path.eml").Robot.ReturnPath.Should().BeEmpty();
        Corpus.Parse("utf8-base64.eml").Robot.AutoSubmitted.Should().BeNull();
    }

    [Fact]
    public void Parse_ReadsADeliveryStatusReport_OfOurMessage()
    {
        var email = Corpus.Parse("dsn-report.eml");

        email.FromAddress.Should().Be("mailer-daemon@mx.contoso.example");
        email.Robot.ContentType.Should().Be("multipart/report");
        email.Robot.ReturnPath.Should().BeEmpty();
        email.Report.Should().Be(new DeliveryReport(
            "5d2c1a40e1b64b8e9a3c2f1d7e6b5a49@helpdesk.example",
            "nobody@contoso.example",
            "failed",
            "550 5.1.1 <nobody@contoso.example>: Recipient address rejected: User unknown in local recipient table"));
        email.Text.Should().Contain("could not\nbe delivered");
    }

    [Fact]
    public void Parse_RecognisesAnExchangeBounce_WithoutAReport()
    {
        var email = Corpus.Parse("exchange-bounce.eml");

        email.Report.Should().NotBeNull();
        email.Report!.OriginalMessageId.Should().Be("a81f03c2d4e54b7f8e6a9c1b2d3e4f50@helpdesk.example");
        email.Report.Action.Should().Be("failed");
        email.Report.Recipient.Should().Be("mark.obrien@fabrikam.example");
        email.Report.Diagnostic.Should().StartWith("550 5.1.10 RESOLVER.ADR.RecipientNotFound");
    }

    [Fact]
    public void Parse_RecognisesAQmailBounce_FromItsSubjectAndSender()
    {
        var email = Corpus.Parse("qmail-bounce.eml");

        email.Report.Should().Be(new DeliveryReport(
            "c93e11d07a2f4e0b8d15f6a7b8c9d0e1@helpdesk.example", "old.user@tailspin.example", "failed", "550 5.1.1 mailbox unavailable"));
    }

    [Fact]
    public void Parse_DoesNotTakeAPersonsMail_ForABounce()
    {
        Corpus.Parse("forwarded-attached.eml").Report.Should().BeNull();
        Corpus.Parse("reply-quoted.eml").Report.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("Subject: nobody sent this\r\n\r\nbody\r\n")]
    [InlineData("From: Undisclosed\r\nTo: support@helpdesk.example\r\n\r\nno address anywhere\r\n")]
    public void Parse_Fails_WhenThereIsNothingToReadOrNoSender(string raw)
    {
        var parse = _parser.Parse(Encoding.ASCII.GetBytes(raw));

        parse.Email.Should().BeNull();
        parse.Error.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_NeverThrows_OnBinaryNoise()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 4000)];
            random.NextBytes(bytes);

            var act = () => _parser.Parse(bytes);

            act.Should().NotThrow();
        }
    }

    [Fact]
    public void Parse_TakesTheSender_FromReplyToOrReturnPath_WhenFromHasNoAddress()
    {
        var raw = "From: Undisclosed\r\nReply-To: Help <Reply@Example.test>\r\nSubject: x\r\n\r\nbody\r\n";
        _parser.Parse(Encoding.ASCII.GetBytes(raw)).Email!.FromAddress.Should().Be("reply@example.test");

        raw = "Return-Path: <Bounce@Example.test>\r\nFrom: Undisclosed\r\nSubject: x\r\n\r\nbody\r\n";
        _parser.Parse(Encoding.ASCII.GetBytes(raw)).Email!.FromAddress.Should().Be("bounce@example.test");
    }
}
