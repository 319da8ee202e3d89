using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Mail;

public sealed class MailClassifierTests
{
    private const string Us = "support@helpdesk.example";

    private static MailClassification Classify(RobotHeaders robot, string from = "ann@contoso.example", DeliveryReport? report = null) =>
        MailClassifier.Classify(new InboundEmail { FromAddress = from, Robot = robot, Report = report }, Us, Us);

    [Fact]
    public void Plain_mail_from_a_person_is_a_person_with_no_reasons() =>
        Classify(new RobotHeaders()).Should().Be(new MailClassification(MailKind.Person, []));

    [Theory]
    [InlineData("auto-replied", MailKind.AutoReply)]
    [InlineData("auto-generated", MailKind.AutoReply)]
    [InlineData("no", MailKind.Person)]
    [InlineData(" No ", MailKind.Person)]
    public void Auto_submitted_other_than_no_is_a_robot(string value, MailKind kind) =>
        Classify(new RobotHeaders { AutoSubmitted = value }).Kind.Should().Be(kind);

    [Theory]
    [InlineData("bulk", MailKind.List)]
    [InlineData("junk", MailKind.List)]
    [InlineData("list", MailKind.List)]
    [InlineData("auto_reply", MailKind.AutoReply)]
    [InlineData("first-class", MailKind.Person)]
    public void Precedence_bulk_junk_and_list_are_robots(string value, MailKind kind) =>
        Classify(new RobotHeaders { Precedence = value }).Kind.Should().Be(kind);

    [Fact]
    public void Vendor_auto_reply_headers_are_robots()
    {
        Classify(new RobotHeaders { XAutoreply = "yes" }).Kind.Should().Be(MailKind.AutoReply);
        Classify(new RobotHeaders { XAutorespond = "1" }).Kind.Should().Be(MailKind.AutoReply);
        Classify(new RobotHeaders { XAutoResponseSuppress = "All" }).Kind.Should().Be(MailKind.AutoReply);
        Classify(new RobotHeaders { XAutoResponseSuppress = "None" }).Kind.Should().Be(MailKind.Person);
    }

    [Fact]
    public void List_id_is_list_mail() =>
        Classify(new RobotHeaders { ListId = "Contoso news <news.contoso.example>" }).Summary.Should().Be("List-Id: Contoso news <news.contoso.example>");

    [Fact]
    public void An_empty_return_path_or_a_report_is_a_bounce()
    {
        Classify(new RobotHeaders { ReturnPath = "" }).Kind.Should().Be(MailKind.Bounce);
        Classify(new RobotHeaders { ReturnPath = "ann@contoso.example" }).Kind.Should().Be(MailKind.Person);
        Classify(new RobotHeaders { ContentType = "multipart/report" }).Kind.Should().Be(MailKind.Bounce);
        Classify(new RobotHeaders(), report: new DeliveryReport(null, null, "failed", null)).Kind.Should().Be(MailKind.Bounce);
    }

    [Fact]
    public void Our_own_x_loop_or_address_is_a_loop_and_outranks_everything_else()
    {
        var looped = Classify(new RobotHeaders { XLoop = [Us], AutoSubmitted = "auto-replied", ReturnPath = "" });

        looped.Kind.Should().Be(MailKind.Loop);
        looped.Reasons.Should().HaveCount(3);
        Classify(new RobotHeaders(), from: Us).Kind.Should().Be(MailKind.Loop);
        Classify(new RobotHeaders { XLoop = ["other-desk@elsewhere.example"] }).Kind.Should().Be(MailKind.Person);
    }
}

public sealed class ReplyTrimmerTests
{
    [Theory]
    [InlineData("Thanks, fixed.\n\nOn Mon, 23 Nov 2026 at 10:02, HelpDesk Support <support@helpdesk.example> wrote:\n> We have your request")]
    [InlineData("Thanks, fixed.\n\nOn Mon, 23 Nov 2026 at 10:02, HelpDesk Support\n<support@helpdesk.example> wrote:\n> We have your request")]
    [InlineData("Thanks, fixed.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nWe have your request")]
    [InlineData("Thanks, fixed.\n\nFrom: HelpDesk Support <support@helpdesk.example>\nSent: Monday, 23 November 2026 10:02\nTo: Ann\n\nWe have your request")]
    [InlineData("Thanks, fixed.\n________________________________\nFrom: HelpDesk Support")]
    [InlineData("Thanks, fixed.\n\n> We have your request\n> as ticket HD-1\n")]
    [InlineData("Thanks, fixed.\n\n-- \nAnn Archer\nContoso Ltd")]
    [InlineData("Thanks, fixed.\n\nSent from my iPhone")]
    [InlineData("Thanks, fixed.\r\n\r\nLe lun. 23 nov. 2026 à 10:02, Support <support@helpdesk.example> a écrit :\r\n> Bonjour")]
    [InlineData("Thanks, fixed.\n\nAm 23.11.2026 um 10:02 schrieb Support <support@helpdesk.example>:\n> Hallo")]
    public void Quoted_history_and_signatures_are_cut(string text) =>
        ReplyTrimmer.Trim(text).Should().Be(new TrimmedReply("Thanks, fixed.", true));

    [Fact]
    public void Text_with_nothing_to_cut_is_kept_whole() =>
        ReplyTrimmer.Trim("  Line one\nLine two  ").Should().Be(new TrimmedReply("Line one\nLine two", false));

    [Fact]
    public void A_message_that_is_all_quote_is_kept_whole() =>
        ReplyTrimmer.Trim("> only a quote\n> nothing else").Should().Be(new TrimmedReply("> only a quote\n> nothing else", false));

    [Fact]
    public void Inline_answers_between_quotes_are_kept()
    {
        var trimmed = ReplyTrimmer.Trim("> Which release?\n3.2\n> Which board?\nSTM32\n\n> Thanks");

        trimmed.Text.Should().Be("> Which release?\n3.2\n> Which board?\nSTM32");
    }
}

public sealed class SubjectTagTests
{
    [Theory]
    [InlineData("Re: [HD-42] Printer", 42)]
    [InlineData("AW: Re: [hd-7] Drucker", 7)]
    [InlineData("[External] Re: [HD-1234] x", 1234)]
    [InlineData("Re: [ HD-9 ] spaced", 9)]
    public void The_tag_is_found_anywhere_in_the_subject(string subject, int id) => SubjectTag.Find(subject).Should().Be(id);

    [Theory]
    [InlineData("Re: [42] no prefix")]
    [InlineData("HD-42 without brackets")]
    [InlineData("[HD-] empty")]
    [InlineData("[HD-42 unterminated")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_tag(string? subject) => SubjectTag.Find(subject).Should().BeNull();
}

public sealed class MailSettingsTests
{
    [Fact]
    public void Retries_back_off_exponentially_up_to_the_ceiling()
    {
        var settings = new MailSettings { FirstRetry = TimeSpan.FromMinutes(1), MaxRetry = TimeSpan.FromMinutes(30) };

        Enumerable.Range(1, 7).Select(settings.RetryDelay).Select(d => d.TotalMinutes).Should().Equal(1, 2, 4, 8, 16, 30, 30);
    }

    [Fact]
    public void Keys_are_the_message_id_or_a_hash_of_the_bytes()
    {
        ReceivedMail.KeyFor("abc@x.example", [1]).Should().Be("mid:abc@x.example");
        ReceivedMail.KeyFor(null, [1]).Should().Be(ReceivedMail.KeyFor(" ", [1])).And.StartWith("sha256:");
        ReceivedMail.KeyFor(new string('a', 500), [1]).Should().StartWith("mid-sha256:");
        ReceivedMail.QuarantineKeyFor([1]).Should().NotBe(ReceivedMail.KeyFor(null, [1]));
    }

    [Fact]
    public void Only_an_engineers_reply_goes_out_without_auto_submitted()
    {
        OutboundMail.AutoSubmittedFor(TicketMail.Reply).Should().BeNull();
        OutboundMail.AutoSubmittedFor(TicketMail.Acknowledgement).Should().Be("auto-replied");
        OutboundMail.AutoSubmittedFor(TicketMail.StatusNotice).Should().Be("auto-generated");
    }
}
