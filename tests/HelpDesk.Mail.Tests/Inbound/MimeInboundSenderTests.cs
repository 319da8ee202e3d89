using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;

namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>How the parser reads the sender of mail whose From is broken, or that a mail system sent without one.</summary>
public sealed class MimeInboundSenderTests
{
    private readonly MimeInboundParser _parser = new();

    [Fact]
    public void Parse_ReadsAFromWithoutAngleBrackets_AndSaysSo()
    {
        var email = Corpus.Parse("from-without-brackets.eml");

        email.FromAddress.Should().Be("nora@northwind.example");
        email.FromName.Should().Be("Nora Northwind");
        email.Repairs.Should().ContainSingle().Which.Should().Contain("without angle brackets").And.Contain("nora@northwind.example");
    }

    [Fact]
    public void Parse_ReadsAFromWithSpacesInItsAddress_AndSaysSo()
    {
        var email = Corpus.Parse("from-spaces-in-address.eml");

        email.FromAddress.Should().Be("samfabrikam@fabrikam.example");
        email.FromName.Should().Be("Sam Fabrikam");
        email.Repairs.Should().ContainSingle().Which.Should().Contain("has spaces in its address");
    }

    [Fact]
    public void Parse_SkipsALineBeforeTheHeaders_AndSaysSo()
    {
        var email = Corpus.Parse("line-before-headers.eml");

        email.FromAddress.Should().Be("lee@contoso.example");
        email.Subject.Should().Be("Badge reader at gate 3 is dead");
        email.Text.Should().Contain("badge reader at gate 3");
        email.Repairs.Should().ContainSingle().Which.Should().Be("A line before the headers was skipped: \"Scanned by the night-shift mail script\".");
    }

    [Fact]
    public void Parse_SkipsAnMboxSeparator_WithoutANote()
    {
        var raw = Encoding.ASCII.GetBytes("From ann@contoso.example Mon Nov 23 09:00:00 2026\r\nFrom: Ann <ann@contoso.example>\r\nSubject: x\r\n\r\nbody\r\n");

        var email = _parser.Parse(raw).Email!;

        email.FromAddress.Should().Be("ann@contoso.example");
        email.Repairs.Should().BeEmpty();
    }

    [Fact]
    public void Parse_LeavesAWellFormedFrom_Unmended()
    {
        Corpus.Parse("reply-quoted.eml").Repairs.Should().BeEmpty();
    }

    [Theory]
    [InlineData("mailer-daemon-no-domain.eml")]
    [InlineData("report-without-from-address.eml")]
    public void Parse_ReadsAMailSystemsMessageWithoutASender_AsABounce(string file)
    {
        var parse = _parser.Parse(Corpus.Read(Path.Combine("no-sender", file)));

        parse.Error.Should().BeNull();
        var email = parse.Email!;
        email.FromAddress.Should().BeEmpty();
        email.Report.Should().NotBeNull();
        MailClassifier.Classify(email, "support@helpdesk.example", "support@helpdesk.example").Kind.Should().Be(MailKind.Bounce);
    }

    [Fact]
    public void Parse_KeepsEveryHeader_ForRulesASettingNames()
    {
        var email = Corpus.Parse("spam-flagged.eml");

        email.Headers.Should().Contain(KeyValuePair.Create("X-Spam-Flag", "YES"))
            .And.Contain(h => h.Key == "X-Spam-Status" && h.Value.StartsWith("Yes, score=11.4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("spam-flagged.eml")]
    [InlineData("noreply-sender.eml")]
    [InlineData("foreign-x-loop.eml")]
    public void AnswerRule_DoesNotAnswer_TheseMessages_ThoughTheyAreAPersonsKind(string file)
    {
        var email = Corpus.Parse(file);

        MailClassifier.Classify(email, "support@helpdesk.example", "support@helpdesk.example").Kind.Should().Be(MailKind.Person);
        AnswerRule.Decide(email, new MailSettings()).Answer.Should().BeFalse();
    }
}
