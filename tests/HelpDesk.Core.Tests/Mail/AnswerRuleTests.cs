using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class AnswerRuleTests
{
    private static readonly MailSettings Settings = new() { SupportAddress = "support@helpdesk.example" };

    private static InboundEmail Mail(string from = "ann@contoso.example", IReadOnlyList<string>? loops = null, params (string Name, string Value)[] headers) => new()
    {
        FromAddress = from,
        Robot = new RobotHeaders { XLoop = loops ?? [] },
        Headers = [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))],
    };

    [Fact]
    public void Decide_Answers_APersonsOrdinaryMail()
    {
        var decision = AnswerRule.Decide(Mail(headers: ("X-Spam-Flag", "NO")), Settings);

        decision.Answer.Should().BeTrue();
        decision.Reasons.Should().BeEmpty();
    }

    [Fact]
    public void Decide_DoesNotAnswer_WhenAnotherSystemsXLoopIsPresent_AndSaysWhich()
    {
        var decision = AnswerRule.Decide(Mail(loops: ["tickets@other-desk.example"]), Settings);

        decision.Answer.Should().BeFalse();
        decision.Summary.Should().Be("X-Loop: tickets@other-desk.example says another system already handles this mail; an answer could loop with it");
    }

    [Fact]
    public void Decide_LeavesOurOwnXLoop_ToTheClassifier()
    {
        AnswerRule.Decide(Mail(loops: ["support@helpdesk.example"]), Settings).Answer.Should().BeTrue();
    }

    [Theory]
    [InlineData("YES", false)]
    [InlineData(" yes ", false)]
    [InlineData("NO", true)]
    public void Decide_DoesNotAnswer_MailASpamFilterFlagged(string flag, bool answered)
    {
        var decision = AnswerRule.Decide(Mail(headers: ("X-Spam-Flag", flag)), Settings);

        decision.Answer.Should().Be(answered);
        if (!answered)
        {
            decision.Summary.Should().StartWith("X-Spam-Flag: YES: a spam filter flagged it");
        }
    }

    [Theory]
    [InlineData("Yes, score=8.2 required=5.0", false)]
    [InlineData("No, score=0.1 required=5.0", true)]
    public void Decide_ReadsTheConfiguredSpamHeader(string status, bool answered)
    {
        var settings = Settings with { SpamHeader = "X-Spam-Status", SpamHeaderValue = "Yes" };

        var decision = AnswerRule.Decide(Mail(headers: ("x-spam-status", status)), settings);

        decision.Answer.Should().Be(answered);
        AnswerRule.Decide(Mail(headers: ("x-spam-status", status)), Settings).Answer.Should().BeTrue("unconfigured, only X-Spam-Flag counts");
    }

    [Theory]
    [InlineData("noreply@shop.example", "noreply")]
    [InlineData("No-Reply@shop.example", "no-reply")]
    [InlineData("noreply+orders@shop.example", "noreply")]
    [InlineData("no-reply-billing@shop.example", "no-reply")]
    [InlineData("abuse@isp.example", "abuse")]
    [InlineData("postmaster@isp.example", "postmaster")]
    [InlineData("mailer-daemon@isp.example", "mailer-daemon")]
    public void Decide_DoesNotAnswer_AddressesThatTakeNoReplies(string from, string local)
    {
        var decision = AnswerRule.Decide(Mail(from), Settings);

        decision.Answer.Should().BeFalse();
        decision.Reasons.Should().ContainSingle().Which.Should().Be($"{from} is a {local}@ address, which takes no replies");
    }

    [Theory]
    [InlineData("noreplyatall@shop.example")]
    [InlineData("abusement@park.example")]
    [InlineData("ann.postmaster@contoso.example")]
    public void Decide_Answers_AddressesThatOnlyLookSimilar(string from)
    {
        AnswerRule.Decide(Mail(from), Settings).Answer.Should().BeTrue();
    }

    [Fact]
    public void Decide_GivesEveryReason_WhenSeveralApply()
    {
        var decision = AnswerRule.Decide(Mail("noreply@shop.example", ["list@elsewhere.example"], ("X-Spam-Flag", "YES")), Settings);

        decision.Reasons.Should().HaveCount(3);
    }
}
