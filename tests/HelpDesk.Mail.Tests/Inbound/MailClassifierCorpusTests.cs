using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;

namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>The Core classifier over real-looking mail, as the parser maps it.</summary>
public sealed class MailClassifierCorpusTests
{
    private const string OurAddress = "support@helpdesk.example";

    private static readonly Dictionary<string, MailKind> Robots = new(StringComparer.Ordinal)
    {
        ["out-of-office.eml"] = MailKind.AutoReply,
        ["x-autoreply.eml"] = MailKind.AutoReply,
        ["x-autorespond.eml"] = MailKind.AutoReply,
        ["x-auto-response-suppress.eml"] = MailKind.AutoReply,
        ["precedence-bulk.eml"] = MailKind.List,
        ["precedence-junk.eml"] = MailKind.List,
        ["precedence-list.eml"] = MailKind.List,
        ["list-id-newsletter.eml"] = MailKind.List,
        ["empty-return-path.eml"] = MailKind.Bounce,
        ["dsn-report.eml"] = MailKind.Bounce,
        ["exchange-bounce.eml"] = MailKind.Bounce,
        ["qmail-bounce.eml"] = MailKind.Bounce,
        ["x-loop.eml"] = MailKind.Loop,
    };

    public static TheoryData<string, MailKind> Expected()
    {
        var data = new TheoryData<string, MailKind>();
        foreach (var name in Corpus.Names())
        {
            data.Add(name, Robots.GetValueOrDefault(name, MailKind.Person));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Classify_NamesTheKindOfEveryCorpusMessage(string file, MailKind kind)
    {
        var email = new MimeInboundParser().Parse(Corpus.Read(file)).Email!;

        var classification = MailClassifier.Classify(email, OurAddress, OurAddress);

        classification.Kind.Should().Be(kind, classification.Summary);
        classification.IsRobot.Should().Be(kind != MailKind.Person);
        if (classification.IsRobot)
        {
            classification.Reasons.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Corpus_HasAtLeastOneMessageOfEveryKind() =>
        Expected().Select(row => (MailKind)row[1]).Distinct().Should().BeEquivalentTo(Enum.GetValues<MailKind>());
}
