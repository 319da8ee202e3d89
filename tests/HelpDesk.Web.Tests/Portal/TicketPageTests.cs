using System.Net;
using System.Text;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Portal.PortalApp;

namespace HelpDesk.Web.Tests.Portal;

public sealed class TicketPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Page_ShowsTheTicket_ByNumberWithOrWithoutThePrefix()
    {
        var filed = await app.FileTicketAsync(Nora, "Page check: stock levels are wrong", "Warehouse 3 shows minus seven pallets.");
        var colleague = await app.SignInAsync(Pat);

        foreach (var address in new[] { $"/portal/tickets/{filed.Number}", $"/portal/tickets/{filed.Id}", $"/portal/tickets/hd-{filed.Id}" })
        {
            var response = await colleague.GetAsync(address);

            response.StatusCode.Should().Be(HttpStatusCode.OK, address);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain("Page check: stock levels are wrong").And.Contain(filed.Number)
                .And.Contain("Warehouse 3 shows minus seven pallets.").And.Contain("Mark as resolved").And.Contain("Send reply");
        }
    }

    [Fact]
    public async Task Page_SendsAnonymousVisitorsToSignIn_AndRefusesStaffWith403()
    {
        var filed = await app.FileTicketAsync(Nora, "Guard check: the ticket page is the portal's");
        var engineer = await app.SignInAsync(Engineer);

        var anonymous = await app.CreateAnonymousClient().GetAsync($"/portal/tickets/{filed.Number}");
        var staff = await engineer.GetAsync($"/portal/tickets/{filed.Number}");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.Should().Contain("/account/signin");
        staff.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("HD-abc")]
    [InlineData("0")]
    [InlineData("HD-99999999")]
    [InlineData("42x")]
    public async Task Page_Answers404_ForANumberThatIsMalformedOrUnknown(string number)
    {
        var customer = await app.SignInAsync(Nora);

        var response = await customer.GetAsync($"/portal/tickets/{number}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Not found");
    }

    [Fact]
    public async Task Page_Answers404ToAnotherOrganisation_AndItsPostsChangeNothing()
    {
        var filed = await app.FileTicketAsync(Nora, "Other org check: VAT is rounded wrongly");
        var outsider = await app.SignInAsync(ContosoCustomer);
        var own = await app.FileTicketAsync(ContosoCustomer, "Contoso's own ticket");

        var response = await outsider.GetAsync($"/portal/tickets/{filed.Number}");
        // The outsider's own page supplies a valid anti-forgery token; the post goes to the other ticket.
        var reply = await PostToAsync(outsider, $"/portal/tickets/{own.Number}", $"/portal/tickets/{filed.Number}?handler=Reply", new() { ["Reply.Body"] = "Let me in" });
        var resolve = await PostToAsync(outsider, $"/portal/tickets/{own.Number}", $"/portal/tickets/{filed.Number}?handler=Resolve", []);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("VAT is rounded wrongly");
        reply.StatusCode.Should().Be(HttpStatusCode.NotFound);
        resolve.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.CountAsync("TicketMessages", filed.Id)).Should().Be(1);
        (await app.TicketBySubjectAsync(filed.Subject))!.Status.Should().Be("New");
    }

    [Fact]
    public async Task Reply_WithAnAttachment_IsAddedToTheConversation()
    {
        var filed = await app.FileTicketAsync(Nora, "Reply check: login is slow");
        var customer = await app.SignInAsync(Nora);
        var address = $"/portal/tickets/{filed.Number}";

        var response = await customer.PostMultipartAsync(
            address,
            new Dictionary<string, string> { ["Reply.Body"] = "Here is the trace." },
            [new FormFile("Reply.Attachments", "trace.har", Encoding.UTF8.GetBytes("{\"log\":{}}"))],
            handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await customer.GetStringAsync(response.Headers.Location);
        html.Should().Contain("Reply added.").And.Contain("Here is the trace.").And.Contain("trace.har");
        (await app.CountAsync("TicketMessages", filed.Id)).Should().Be(2);
        (await app.AttachmentsOfAsync(filed.Id)).Should().ContainSingle().Which.ContentType.Should().Be("application/json");
    }

    [Fact]
    public async Task Reply_ShowsTheErrorBesideTheField_AndSavesNothing_WhenEmpty()
    {
        var filed = await app.FileTicketAsync(Nora, "Empty reply check");
        var customer = await app.SignInAsync(Nora);

        var response = await customer.PostMultipartAsync($"/portal/tickets/{filed.Number}", new Dictionary<string, string> { ["Reply.Body"] = " " }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Be("Write a message.", "no other field has a problem");
        (await app.CountAsync("TicketMessages", filed.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Reply_ReopensAResolvedTicket_AndSaysSo()
    {
        var filed = await app.FileTicketAsync(Nora, "Reopen check: backups fail at night");
        await app.ChangeStatusAsStaffAsync(filed.Id, TicketStatus.Resolved);
        var customer = await app.SignInAsync(Nora);
        var address = $"/portal/tickets/{filed.Number}";
        (await customer.GetStringAsync(address)).Should().Contain("reply and it opens again");

        var response = await customer.PostMultipartAsync(address, new Dictionary<string, string> { ["Reply.Body"] = "It failed again last night." }, handler: "Reply");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.TicketBySubjectAsync(filed.Subject))!.Status.Should().Be("Open");
        var html = await customer.GetStringAsync(response.Headers.Location);
        html.Should().Contain($"{filed.Number} was resolved; your reply has reopened it.").And.Contain("It failed again last night.");
    }

    [Fact]
    public async Task Rate_SavesOnce_ThenShowsTheRating_AndASecondAttemptSaysItWasRated()
    {
        var filed = await app.FileTicketAsync(Nora, "Rating check: PDF export fixed");
        await app.ChangeStatusAsStaffAsync(filed.Id, TicketStatus.Resolved);
        var customer = await app.SignInAsync(Nora);
        var address = $"/portal/tickets/{filed.Number}";
        (await customer.GetStringAsync(address)).Should().Contain("How satisfied are you");

        var first = await customer.PostFormAsync(address, new Dictionary<string, string> { ["Rate.Score"] = "4", ["Rate.Comment"] = "Quick fix." }, handler: "Rate");
        var page = await customer.GetStringAsync(address);
        var second = await customer.PostFormAsync(address, new Dictionary<string, string> { ["Rate.Score"] = "1" }, handler: "Rate");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Should().Contain("You rated this 4/5.").And.Contain("Quick fix.").And.NotContain("How satisfied are you");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var secondHtml = await second.Content.ReadAsStringAsync();
        PageText.ErrorsOf(secondHtml).Should().Contain($"You already rated this resolution of {filed.Number}.");
        secondHtml.Should().Contain("You rated this 4/5.");
        (await app.CountAsync("TicketRatings", filed.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Rate_ShowsTheErrorBesideTheScore_WhenNoneIsChosen()
    {
        var filed = await app.FileTicketAsync(Nora, "Rating check: no score");
        await app.ChangeStatusAsStaffAsync(filed.Id, TicketStatus.Resolved);
        var customer = await app.SignInAsync(Nora);

        var response = await customer.PostFormAsync($"/portal/tickets/{filed.Number}", new Dictionary<string, string> { ["Rate.Comment"] = "Meh" }, handler: "Rate");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Be("Choose a rating from 1 (very dissatisfied) to 5 (very satisfied).");
        (await app.CountAsync("TicketRatings", filed.Id)).Should().Be(0);
    }

    [Fact]
    public async Task MarkAsResolved_ResolvesTheTicket_AndOffersTheRating()
    {
        var filed = await app.FileTicketAsync(Nora, "Self-resolve check: found the setting");
        var customer = await app.SignInAsync(Nora);
        var address = $"/portal/tickets/{filed.Number}";

        var response = await customer.PostFormAsync(address, new Dictionary<string, string> { ["Version"] = filed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Resolve");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.TicketBySubjectAsync(filed.Subject))!.Status.Should().Be("Resolved");
        var html = await customer.GetStringAsync(address);
        html.Should().Contain($"{filed.Number} is marked as resolved").And.Contain("How satisfied are you").And.NotContain("Mark as resolved");
    }

    [Fact]
    public async Task ClosedTicket_HasNoReplyForm_AndSaysToFileANewTicket()
    {
        var filed = await app.FileTicketAsync(Nora, "Closed check: old question");
        await app.ChangeStatusAsStaffAsync(filed.Id, TicketStatus.Closed);
        var customer = await app.SignInAsync(Nora);

        var html = await customer.GetStringAsync($"/portal/tickets/{filed.Number}");

        html.Should().NotContain("Send reply").And.NotContain("Mark as resolved");
        html.Should().Contain($"file a new ticket</a> and mention {filed.Number}");
    }

    private static async Task<HttpResponseMessage> PostToAsync(HttpClient client, string formPage, string target, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(formPage);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }
}
