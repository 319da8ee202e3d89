using System.Net;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Desk;

public sealed class DeskTicketTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Page_ShowsTheTicketsFactsAndConversation_ByEitherFormOfItsNumber()
    {
        var ticket = await app.FileAsync("Scanner jams on page two", Severity.High, product: "Scanbox");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var byNumber = await engineer.GetStringAsync($"/desk/tickets/{ticket.Number}");
        var byId = await engineer.GetAsync($"/desk/tickets/{ticket.Id}");

        byNumber.Should().Contain("Scanner jams on page two").And.Contain("Scanbox").And.Contain("Northwind")
            .And.Contain("Nora Northwind").And.Contain("It stopped working this morning.").And.Contain("2 high");
        byId.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("HD-999999")]
    [InlineData("HD-x")]
    [InlineData("-3")]
    public async Task Page_AnswersNotFound_ForAMissingOrMalformedNumber(string number)
    {
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        (await engineer.GetAsync($"/desk/tickets/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_AnswersForbidden_ToACustomer()
    {
        var ticket = await app.FileAsync("Customer peeks at the desk");
        var customer = await app.SignInAsync(DeskFixture.Customer);

        (await customer.GetAsync($"/desk/tickets/{ticket.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await customer.GetAsync("/desk/tickets/1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reply_SavesAPublicMessage_SetsTheFirstResponse_AndMailsTheRequester()
    {
        var ticket = await app.FileAsync("Reply please");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var version = await VersionAsync(engineer, ticket);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{version}",
            ["Reply.Body"] = "Please restart the spooler and tell me what happens.",
            ["Reply.Kind"] = "Reply",
            ["Reply.Status"] = "PendingCustomer",
        }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = await app.TicketRowAsync(ticket.Id);
        row.FirstResponseUtc.Should().NotBeNull();
        row.Status.Should().Be("PendingCustomer");
        (await app.MessagesAsync(ticket.Id)).Should().ContainSingle(m => m.Kind == "Reply" && m.BodyText == "Please restart the spooler and tell me what happens.");
        (await app.OutboxForAsync(DeskFixture.Customer)).Should().Contain(m => m.Kind == TicketMail.Reply && m.Subject.Contains(ticket.Number) && m.TextBody.Contains("restart the spooler"));
    }

    [Fact]
    public async Task Note_IsSavedAsAnInternalNote_AndMailsNoOne()
    {
        var ticket = await app.FileAsync("Note to self");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var mailBefore = (await app.OutboxForAsync(DeskFixture.Customer)).Count;
        var version = await VersionAsync(engineer, ticket);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{version}",
            ["Reply.Body"] = "Customer is on the old firmware; check with Kenji.",
            ["Reply.Kind"] = "Note",
        }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.MessagesAsync(ticket.Id)).Should().ContainSingle(m => m.Kind == "Note" && m.BodyText.Contains("old firmware"));
        (await app.OutboxForAsync(DeskFixture.Customer)).Should().HaveCount(mailBefore);
        (await app.TicketRowAsync(ticket.Id)).FirstResponseUtc.Should().BeNull();
        var page = await engineer.GetStringAsync(Url(ticket));
        page.Should().Contain("class=\"message note\"").And.Contain("internal note");
    }

    [Fact]
    public async Task Reply_ShowsAFieldErrorAndSavesNothing_WhenTheBodyIsEmpty()
    {
        var ticket = await app.FileAsync("Empty reply");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var version = await VersionAsync(engineer, ticket);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{version}",
            ["Reply.Body"] = "   ",
            ["Reply.Kind"] = "Reply",
        }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().NotBeEmpty();
        (await app.MessagesAsync(ticket.Id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task LogTime_SavesTheEntry_AndThePageShowsTheTotal()
    {
        var ticket = await app.FileAsync("Time sink");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var first = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Time.Minutes"] = "45",
            ["Time.WorkDate"] = day,
            ["Time.Note"] = "Remote session",
            ["Time.Billable"] = "true",
        }, handler: "Time");
        await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Time.Minutes"] = "30",
            ["Time.WorkDate"] = yesterday,
            ["Time.Billable"] = "false",
        }, handler: "Time");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var engineerId = await app.UserIdAsync(DeskFixture.Engineer);
        var saved = await app.TimeAsync(ticket.Id);
        saved.Should().HaveCount(2);
        saved[0].Should().BeEquivalentTo(new TimeRow { EngineerId = engineerId!.Value, Minutes = 45, WorkDate = day, Note = "Remote session", Billable = true });
        saved[1].Billable.Should().BeFalse();
        (await engineer.GetStringAsync(Url(ticket))).Should().Contain("<th class=\"total-minutes\">75</th>");
    }

    [Fact]
    public async Task LogTime_ShowsAFieldErrorBesideMinutes_WhenThereAreNone()
    {
        var ticket = await app.FileAsync("No minutes");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Time.Minutes"] = "0",
            ["Time.WorkDate"] = "2024-03-05",
        }, handler: "Time");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-valmsg-for=\"Time.Minutes\"");
        PageText.ErrorsOf(html).Should().Contain("Enter between 1 and 1440 minutes");
        (await app.TimeAsync(ticket.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task StatusChange_IsRecordedInTheAuditTrail_AndShownOnThePage()
    {
        var ticket = await app.FileAsync("Hold it");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var version = await VersionAsync(engineer, ticket);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{version}",
            ["StatusChange.Status"] = "OnHold",
        }, handler: "Status");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.TicketRowAsync(ticket.Id)).Status.Should().Be("OnHold");
        (await app.AuditAsync(ticket.Id)).Should().ContainSingle(a => a.Field == "status" && a.OldValue == "New" && a.NewValue == "OnHold"
            && a.ActorId != null);
        var page = await engineer.GetStringAsync(Url(ticket));
        page.Should().Contain("New → OnHold").And.Contain("Erin Engineer");
    }

    [Fact]
    public async Task StatusChange_ShowsAFieldError_WhenTheWorkflowForbidsIt()
    {
        var ticket = await app.FileAsync("Forbidden move");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var version = await VersionAsync(engineer, ticket);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{version}",
            ["StatusChange.Status"] = "New",
        }, handler: "Status");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("already new");
        (await app.TicketRowAsync(ticket.Id)).Version.Should().Be(version);
    }

    [Fact]
    public async Task AssignAndReturn_MoveTheTicketBetweenAnEngineerAndTheQueue()
    {
        var ticket = await app.FileAsync("Pass it on");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var kenji = await app.UserIdAsync(DeskFixture.OtherEngineer);

        await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{await VersionAsync(engineer, ticket)}",
            ["Assign.AssigneeId"] = $"{kenji}",
        }, handler: "Assign");
        (await app.TicketRowAsync(ticket.Id)).AssigneeId.Should().Be(kenji);

        await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{await VersionAsync(engineer, ticket)}",
        }, handler: "Return");
        (await app.TicketRowAsync(ticket.Id)).AssigneeId.Should().BeNull();
        (await app.AuditAsync(ticket.Id)).Where(a => a.Field == "assignee").Select(a => a.NewValue)
            .Should().Equal("Kenji Sato", null);
    }

    [Fact]
    public async Task Reply_IsAdded_WhenTheTicketChangedAfterThePageWasShown()
    {
        var ticket = await app.FileAsync("Changed under the reply");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var renderedVersion = await VersionAsync(engineer, ticket);
        await app.AssignAsync(ticket.Id, DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{renderedVersion}",
            ["Reply.Body"] = "Adding to the conversation whatever happened meanwhile.",
            ["Reply.Kind"] = "Reply",
        }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a reply is an append: only a status set with it needs the version shown");
        (await app.MessagesAsync(ticket.Id)).Should().Contain(m => m.BodyText == "Adding to the conversation whatever happened meanwhile.");
        (await app.TicketRowAsync(ticket.Id)).AssigneeId.Should().Be(await app.UserIdAsync(DeskFixture.OtherEngineer), "the change made meanwhile stands");
    }

    [Fact]
    public async Task StaleReplyWithAStatus_ShowsTheCurrentTicketAndKeepsTheTypedText_AndSavesNothing()
    {
        var ticket = await app.FileAsync("Two engineers at once");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var renderedVersion = await VersionAsync(engineer, ticket);
        await app.AssignAsync(ticket.Id, DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{renderedVersion}",
            ["Reply.Body"] = "A long careful answer about the spooler settings",
            ["Reply.Kind"] = "Reply",
            ["Reply.Status"] = "PendingCustomer",
        }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Someone else changed this ticket");
        html.Should().MatchRegex("<textarea[^>]*>\\s*A long careful answer about the spooler settings</textarea>");
        html.Should().Contain("Kenji Sato", "the page shows the ticket as it is now");
        html.Should().MatchRegex("name=\"Time.WorkDate\" value=\"\\d{4}-\\d{2}-\\d{2}\"", "the other forms are still ready to use");
        DeskFixture.VersionOn(html).Should().Be((int)(await app.TicketRowAsync(ticket.Id)).Version, "a second try posts the current version");
        (await app.MessagesAsync(ticket.Id)).Should().ContainSingle("only the customer's first message is saved");
        (await app.OutboxForAsync(DeskFixture.Customer)).Should().NotContain(m => m.TextBody.Contains("spooler settings"));
    }

    [Fact]
    public async Task StaleStatusChange_ShowsTheMessage_AndChangesNothing()
    {
        var ticket = await app.FileAsync("Stale status");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var renderedVersion = await VersionAsync(engineer, ticket);
        await app.AssignAsync(ticket.Id, DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string>
        {
            ["Version"] = $"{renderedVersion}",
            ["StatusChange.Status"] = "Resolved",
        }, handler: "Status");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this ticket");
        (await app.TicketRowAsync(ticket.Id)).Status.Should().Be("New");
    }

    private static string Url(Ticket ticket) => $"/desk/tickets/{ticket.Number}";

    private static async Task<int> VersionAsync(HttpClient client, Ticket ticket) =>
        DeskFixture.VersionOn(await client.GetStringAsync(Url(ticket)));
}
