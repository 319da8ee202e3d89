using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>
/// The NPS question as a customer meets it: on the portal home when due, on /portal/nps from a resolution mail's score
/// links, answered only by a POST, at most once per 90 days. Each test uses its own demo contact, cleared of asks first.
/// </summary>
public sealed partial class NpsTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Question = "How likely are you to recommend us to a colleague?";

    [Fact]
    public async Task PortalHome_AsksOnce_WithAnAccessibleScale()
    {
        const string customer = "customer@fabrikam.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);

        var first = await client.GetStringAsync("/portal");
        var second = await client.GetStringAsync("/portal");

        first.Should().Contain($"<legend>{Question}</legend>").And.Contain("<fieldset");
        for (var score = 0; score <= 10; score++)
        {
            first.Should().MatchRegex($"<label class=\"nps-score\"><input type=\"radio\" name=\"Answer.Score\" value=\"{score}\"[^>]*/> {score}</label>");
        }

        first.Should().Contain("Not now").And.Contain("<label for=\"nps-comment\"");
        second.Should().NotContain(Question, "being shown the question starts the 90 days");
        (await AsksAsync(customer)).Should().ContainSingle().Which.Channel.Should().Be(NpsChannels.Portal);
    }

    [Fact]
    public async Task Answer_IsSavedWithItsDayAndChannel_AndReachesDailyFactsAfterARollup()
    {
        const string customer = "customer@contoso.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);
        (await client.GetStringAsync("/portal")).Should().Contain(Question);

        var response = await client.PostFormAsync("/portal/nps", new Dictionary<string, string> { ["Answer.Score"] = "9", ["Answer.Comment"] = "Quick and clear." });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/portal");
        var answer = (await AnswersAsync(customer)).Should().ContainSingle().Subject;
        answer.Score.Should().Be(9);
        answer.Comment.Should().Be("Quick and clear.");
        answer.Channel.Should().Be(NpsChannels.Portal);
        answer.Day.Should().Be(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        (await AsksAsync(customer)).Should().ContainSingle().Which.Outcome.Should().Be(NpsOutcomes.Answered);

        using (var scope = app.Services.CreateScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<MetricsRollup>().RunIncrementalAsync();
            run.AlreadyRunning.Should().BeFalse();
        }

        await using var connection = await app.Connections.OpenAsync();
        var counted = await connection.QuerySingleAsync<(long Promoters, long Answers)>(
            "SELECT SUM(NpsPromoters), SUM(NpsPromoters + NpsPassives + NpsDetractors) FROM DailyFacts WHERE OrganisationId = @Org AND Day = @Day",
            new { Org = answer.OrganisationId, answer.Day });
        var raw = await connection.QuerySingleAsync<(long Promoters, long Answers)>(
            "SELECT SUM(CASE WHEN Score >= 9 THEN 1 ELSE 0 END), COUNT(*) FROM NpsAnswers WHERE OrganisationId = @Org AND Day = @Day",
            new { Org = answer.OrganisationId, answer.Day });
        counted.Should().Be(raw);
        counted.Promoters.Should().BeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [InlineData("11", "", "The score must be from 0 to 10; 11 is not.")]
    [InlineData("-1", "", "The score must be from 0 to 10; -1 is not.")]
    [InlineData("", "", "Choose a score from 0 to 10.")]
    [InlineData("8", "LONG", "Keep the comment to 2000 characters; it has 2001.")]
    public async Task Answer_OutsideTheRules_ShowsAFieldError_AndSavesNothing(string score, string comment, string error)
    {
        const string customer = "customer@tailspin.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);

        var response = await client.PostFormAsync("/portal/nps", new Dictionary<string, string>
        {
            ["Answer.Score"] = score,
            ["Answer.Comment"] = comment == "LONG" ? new string('x', NpsSurvey.MaxCommentLength + 1) : comment,
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain(error);
        (await AnswersAsync(customer)).Should().BeEmpty();
    }

    [Fact]
    public async Task Answer_IsRefused_ForNinetyDaysAfterAnAnswer()
    {
        const string customer = "customer@adatum.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);
        (await client.PostFormAsync("/portal/nps", new Dictionary<string, string> { ["Answer.Score"] = "3" })).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await client.PostFormAsync("/portal/nps", new Dictionary<string, string> { ["Answer.Score"] = "10" });

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("Thank you, we have your answer.");
        (await AnswersAsync(customer)).Should().ContainSingle().Which.Score.Should().Be(3);
        (await client.GetStringAsync("/portal")).Should().NotContain(Question);
        (await client.GetStringAsync("/portal/nps")).Should().Contain("asked again from").And.NotContain("name=\"Answer.Score\"");

        // 91 days on (the answer and its ask moved back), the contact is due again.
        await using (var connection = await app.Connections.OpenAsync())
        {
            var userId = await app.UserIdAsync(customer);
            var past = DateTime.UtcNow.AddDays(-91);
            await connection.ExecuteAsync("UPDATE NpsAnswers SET AnsweredUtc = @Past WHERE UserId = @UserId", new { Past = past, UserId = userId });
            await connection.ExecuteAsync("UPDATE NpsAsks SET AskedUtc = @Past, OutcomeUtc = @Past WHERE UserId = @UserId", new { Past = past, UserId = userId });
        }

        (await client.GetStringAsync("/portal")).Should().Contain(Question);
    }

    [Fact]
    public async Task NotNow_PutsTheQuestionAside_ForNinetyDays()
    {
        const string customer = "customer@wingtip.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);
        (await client.GetStringAsync("/portal")).Should().Contain(Question);

        var response = await client.PostFormAsync("/portal/nps", new Dictionary<string, string>(), handler: "Dismiss");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AsksAsync(customer)).Should().ContainSingle().Which.Outcome.Should().Be(NpsOutcomes.Dismissed);
        (await client.PostFormAsync("/portal/nps", new Dictionary<string, string> { ["Answer.Score"] = "6" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AnswersAsync(customer)).Should().BeEmpty();
        (await client.GetStringAsync("/portal")).Should().NotContain(Question);
    }

    [Fact]
    public async Task ResolutionMail_AsksADueContact_AndItsLinkConfirmsByPostOnly()
    {
        const string customer = "pat.buyer@northwind.example";
        await ClearAsync(customer);
        var ticket = await app.FileAsync("NPS by mail", requester: customer);

        await ResolveAsync(ticket);

        var mail = (await app.OutboxForAsync(customer)).Last(m => m.Kind == TicketMail.StatusNotice);
        mail.TextBody.Should().Contain("how likely are you to recommend us to a colleague?");
        mail.TextBody.Should().Contain($"/portal/nps?score=0&ticket={ticket.Number}").And.Contain($"/portal/nps?score=10&ticket={ticket.Number}");
        var ask = (await AsksAsync(customer)).Should().ContainSingle().Subject;
        (ask.Channel, ask.TicketId, ask.Outcome).Should().Be((NpsChannels.Mail, (long?)ticket.Id, (string?)null));

        var client = await app.SignInAsync(customer);
        var link = ScoreLink().Match(mail.TextBody.Split('\n').Single(l => l.Contains("score=7", StringComparison.Ordinal))).Value;
        var page = await client.GetStringAsync(link);

        page.Should().MatchRegex("value=\"7\" checked=\"checked\"").And.Contain(ticket.Number);
        (await AnswersAsync(customer)).Should().BeEmpty("opening a link never records an answer");
        (await AsksAsync(customer)).Should().ContainSingle("the page answers the mail's ask rather than asking again");

        var sent = await client.PostFormAsync(link, new Dictionary<string, string> { ["Answer.Score"] = "7" });

        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AnswersAsync(customer)).Should().ContainSingle().Which.Should().Match<AnswerRow>(a => a.Score == 7 && a.Channel == NpsChannels.Mail);
    }

    [Fact]
    public async Task ResolutionMail_OmitsTheQuestion_WhenTheContactWasAskedWithinNinetyDays()
    {
        const string customer = "customer@northwind.example";
        await ClearAsync(customer);
        var client = await app.SignInAsync(customer);
        (await client.GetStringAsync("/portal")).Should().Contain(Question);
        var ticket = await app.FileAsync("No NPS twice");

        await ResolveAsync(ticket);

        var mail = (await app.OutboxForAsync(customer)).Last(m => m.Kind == TicketMail.StatusNotice);
        mail.Subject.Should().Contain(ticket.Number);
        mail.TextBody.Should().Contain("resolved").And.NotContain("recommend").And.NotContain("/portal/nps");
        (await AsksAsync(customer)).Should().ContainSingle().Which.Channel.Should().Be(NpsChannels.Portal);
    }

    [Theory]
    [InlineData("engineer@helpdesk.test")]
    [InlineData("manager@helpdesk.test")]
    [InlineData("admin@helpdesk.test")]
    public async Task Staff_CannotAnswer(string email)
    {
        var client = await app.SignInAsync(email);

        (await client.GetAsync("/portal/nps?score=9")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Answer.Score"] = "9" });
        (await client.PostAsync("/portal/nps", form)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AnswersAsync(email)).Should().BeEmpty();
    }

    private async Task ResolveAsync(Ticket ticket)
    {
        var engineer = (await app.UserIdAsync(DeskFixture.Engineer))!.Value;
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChangeTicketStatus>()
            .HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(engineer), ticket.Id, TicketStatus.Resolved, null));
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    private async Task ClearAsync(string email)
    {
        var userId = await app.UserIdAsync(email);
        await using var connection = await app.Connections.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM NpsAsks WHERE UserId = @UserId", new { UserId = userId });
        await connection.ExecuteAsync("DELETE FROM NpsAnswers WHERE UserId = @UserId", new { UserId = userId });
    }

    private async Task<IReadOnlyList<AskRow>> AsksAsync(string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        return [.. await connection.QueryAsync<AskRow>(
            "SELECT a.Channel, a.TicketId, a.Outcome FROM NpsAsks a JOIN Users u ON u.Id = a.UserId WHERE u.NormalizedEmail = @Email ORDER BY a.Id",
            new { Email = email.ToUpperInvariant() })];
    }

    private async Task<IReadOnlyList<AnswerRow>> AnswersAsync(string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        return [.. await connection.QueryAsync<AnswerRow>(
            "SELECT n.OrganisationId, n.Score, n.Comment, n.Channel, n.Day FROM NpsAnswers n JOIN Users u ON u.Id = n.UserId WHERE u.NormalizedEmail = @Email ORDER BY n.Id",
            new { Email = email.ToUpperInvariant() })];
    }

    [GeneratedRegex(@"/portal/nps\?\S+")]
    private static partial Regex ScoreLink();

    private sealed record AskRow
    {
        public string Channel { get; init; } = "";
        public long? TicketId { get; init; }
        public string? Outcome { get; init; }
    }

    public sealed record AnswerRow
    {
        public long OrganisationId { get; init; }
        public long Score { get; init; }
        public string? Comment { get; init; }
        public string Channel { get; init; } = "";
        public string Day { get; init; } = "";
    }
}
