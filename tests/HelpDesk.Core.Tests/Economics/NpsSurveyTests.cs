using HelpDesk.Core.Economics;

namespace HelpDesk.Core.Tests.Economics;

public sealed class NpsSurveyTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static NpsAsk Ask(DateTime at, string channel = NpsChannels.Portal, string? outcome = null, DateTime? outcomeUtc = null) =>
        new(7, 3, channel, channel == NpsChannels.Mail ? 42 : null, at, outcome, outcomeUtc);

    public static TheoryData<string, NpsContact, NpsAskState> Cases() => new()
    {
        { "never asked", NpsContact.NeverAsked, NpsAskState.Due },
        { "shown 89 days ago, open", new(Ask(Now.AddDays(-89)), null), NpsAskState.Open },
        { "mailed yesterday, open", new(Ask(Now.AddDays(-1), NpsChannels.Mail), null), NpsAskState.Open },
        { "shown exactly 90 days ago, never answered", new(Ask(Now.AddDays(-90)), null), NpsAskState.Due },
        { "shown 200 days ago", new(Ask(Now.AddDays(-200)), null), NpsAskState.Due },
        { "answered 10 days ago", new(Ask(Now.AddDays(-12), outcome: NpsOutcomes.Answered, outcomeUtc: Now.AddDays(-10)), Now.AddDays(-10)), NpsAskState.Resting },
        { "dismissed 30 days ago", new(Ask(Now.AddDays(-30), outcome: NpsOutcomes.Dismissed, outcomeUtc: Now.AddDays(-30)), null), NpsAskState.Resting },
        { "asked 100 days ago, dismissed 80 days ago", new(Ask(Now.AddDays(-100), outcome: NpsOutcomes.Dismissed, outcomeUtc: Now.AddDays(-80)), null), NpsAskState.Resting },
        { "answered 91 days ago", new(Ask(Now.AddDays(-91), outcome: NpsOutcomes.Answered, outcomeUtc: Now.AddDays(-91)), Now.AddDays(-91)), NpsAskState.Due },
        { "answered without an ask 5 days ago", new(null, Now.AddDays(-5)), NpsAskState.Resting },
        { "answered 5 days ago after an older open ask", new(Ask(Now.AddDays(-20)), Now.AddDays(-5)), NpsAskState.Resting },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_AsksAtMostOncePer90Days(string because, NpsContact contact, NpsAskState expected)
    {
        var decision = NpsSurvey.Decide(contact, Now);

        decision.State.Should().Be(expected, because);
        decision.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decide_ReturnsTheOpenAsk_WhileItIsOpen()
    {
        var mailed = Ask(Now.AddDays(-3), NpsChannels.Mail);

        var decision = NpsSurvey.Decide(new NpsContact(mailed, null), Now);

        decision.OpenAsk.Should().Be(mailed);
        decision.NextAskUtc.Should().Be(mailed.AskedUtc.AddDays(90));
        decision.Reason.Should().Contain("in a resolution mail").And.Contain("not answered yet");
    }

    [Fact]
    public void Decide_RestsFromTheLatestOfAskAndDismissal_AndSaysWhen()
    {
        var dismissed = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);

        var decision = NpsSurvey.Decide(new NpsContact(Ask(dismissed.AddDays(-30), outcome: NpsOutcomes.Dismissed, outcomeUtc: dismissed), null), Now);

        decision.State.Should().Be(NpsAskState.Resting);
        decision.NextAskUtc.Should().Be(dismissed.AddDays(90));
        decision.Reason.Should().Be("Last said \"Not now\" on 1 May 2026; asked again from 30 Jul 2026.");
    }

    [Theory]
    [InlineData(null, "Choose a score from 0 to 10.")]
    [InlineData(-1, "The score must be from 0 to 10; -1 is not.")]
    [InlineData(11, "The score must be from 0 to 10; 11 is not.")]
    public void Validate_RefusesAMissingOrOutOfRangeScore(int? score, string message)
    {
        NpsSurvey.Validate(score, null).Should().ContainSingle().Which.Should().Be(new Core.Common.FieldError("Score", message));
    }

    [Fact]
    public void Validate_LimitsTheComment_AndAcceptsTheEnds()
    {
        NpsSurvey.Validate(0, new string('x', NpsSurvey.MaxCommentLength)).Should().BeEmpty();
        NpsSurvey.Validate(10, null).Should().BeEmpty();
        NpsSurvey.Validate(5, new string('x', NpsSurvey.MaxCommentLength + 1)).Should().ContainSingle(e => e.Field == "Comment");
    }

    [Theory]
    [InlineData(10, "promoter")]
    [InlineData(9, "promoter")]
    [InlineData(8, "passive")]
    [InlineData(7, "passive")]
    [InlineData(6, "detractor")]
    [InlineData(0, "detractor")]
    public void Group_FollowsTheNpsBands(int score, string group) => NpsSurvey.Group(score).Should().Be(group);

    [Fact]
    public void MailQuestion_LinksEveryScoreToThePortalPageOnThePublicSite()
    {
        var text = NpsSurvey.MailQuestion("HD-42", new HelpDesk.Core.Mail.PublicSite(new Uri("https://support.example.com/")));

        text.Should().Contain("how likely are you to recommend us to a colleague?");
        for (var score = 0; score <= 10; score++)
        {
            text.Should().Contain($"https://support.example.com/portal/nps?score={score}&ticket=HD-42");
        }
    }

    [Fact]
    public void DayOf_IsTheUtcDay() =>
        NpsSurvey.DayOf(new DateTime(2026, 3, 31, 23, 59, 0, DateTimeKind.Utc)).Should().Be("2026-03-31");
}
