using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary>
/// A request sent twice with one key makes one ticket or one message: the API's Idempotency-Key header on
/// <c>POST /api/tickets</c> and <c>/messages</c>, and the hidden key of the portal and desk forms.
/// </summary>
public sealed class RequestKeyTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly object Filing = new { subject = "Sent twice", body = "The export hangs at 90%.", severity = 3, product = "Ledger" };

    [Fact]
    public async Task FilingTwice_WithOneKey_MakesOneTicket_AndAnswersTheRepeatWithIt()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var key = Guid.NewGuid().ToString();
        var tickets = await app.CountAsync("Tickets");

        var (firstStatus, first) = await customer.PostKeyedAsync("/api/tickets", Filing, key);
        var mail = await app.CountAsync("OutboxMessages");
        var (repeatStatus, repeat) = await customer.PostKeyedAsync("/api/tickets", Filing, key);

        firstStatus.Should().Be(HttpStatusCode.Created, first.ToString());
        repeatStatus.Should().Be(HttpStatusCode.Created, repeat.ToString());
        repeat.Text("number").Should().Be(first.Text("number"));
        (await app.CountAsync("Tickets")).Should().Be(tickets + 1);
        (await app.CountAsync("OutboxMessages")).Should().Be(mail, "the acknowledgement is mailed once");
    }

    [Fact]
    public async Task FilingTwice_WithOneKey_AtTheSameMoment_MakesOneTicket()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var key = Guid.NewGuid().ToString();
        var tickets = await app.CountAsync("Tickets");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => customer.PostKeyedAsync("/api/tickets", Filing, key)));

        answers.Select(a => a.Status).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        answers.Select(a => a.Body.Text("number")).Distinct().Should().ContainSingle();
        (await app.CountAsync("Tickets")).Should().Be(tickets + 1);
    }

    [Fact]
    public async Task TheSameKey_WithADifferentBody_IsRefused_AndFilesNothing()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var key = Guid.NewGuid().ToString();
        var (_, first) = await customer.PostKeyedAsync("/api/tickets", Filing, key);
        var tickets = await app.CountAsync("Tickets");

        var (status, problem) = await customer.PostKeyedAsync("/api/tickets", new { subject = "Something else", body = "Another problem.", product = "Ledger" }, key);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors()["idempotencyKey"].Should().ContainSingle().Which.Should().Contain($"already used for a different request (it went to {first.Text("number")})");
        (await app.CountAsync("Tickets")).Should().Be(tickets);
    }

    [Fact]
    public async Task AKey_IsEachUsersOwn()
    {
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        var key = Guid.NewGuid().ToString();

        var (_, first) = await northwind.PostKeyedAsync("/api/tickets", Filing, key);
        var (status, second) = await contoso.PostKeyedAsync("/api/tickets", Filing, key);

        status.Should().Be(HttpStatusCode.Created, second.ToString());
        second.Text("number").Should().NotBe(first.Text("number"));
    }

    [Fact]
    public async Task AMalformedKey_IsRefused()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var (status, problem) = await customer.PostKeyedAsync("/api/tickets", Filing, new string('k', 101));

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("idempotencyKey");
    }

    [Fact]
    public async Task ReplyingTwice_WithOneKey_AddsOneMessage()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var number = (await customer.FileAsync("Reply sent twice")).Text("number");
        var key = Guid.NewGuid().ToString();
        var messages = await app.CountAsync("TicketMessages");
        var reply = new { body = "We are looking into it." };

        var (firstStatus, first) = await engineer.PostKeyedAsync($"/api/tickets/{number}/messages", reply, key);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => engineer.PostKeyedAsync($"/api/tickets/{number}/messages", reply, key)));
        var (otherStatus, other) = await engineer.PostKeyedAsync($"/api/tickets/{number}/messages", new { body = "Something else." }, key);

        firstStatus.Should().Be(HttpStatusCode.OK, first.ToString());
        answers.Select(a => a.Status).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        answers.Select(a => a.Body.Text("number")).Should().AllBe(number);
        otherStatus.Should().Be(HttpStatusCode.UnprocessableEntity, other.ToString());
        (await app.CountAsync("TicketMessages")).Should().Be(messages + 1);
    }

    [Fact]
    public async Task ThePortalForm_SentTwice_FilesOneTicket_AndBothGoToIt()
    {
        var browser = await app.SignInAsync(NorthwindCustomer);
        var form = new Dictionary<string, string>
        {
            ["Input.Subject"] = "Double-clicked",
            ["Input.Body"] = "The report is empty.",
            ["Input.Severity"] = "3",
            ["Input.Product"] = "Ledger",
            ["Input.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        };
        var tickets = await app.CountAsync("Tickets");

        var first = await browser.PostFormAsync("/portal/tickets/new", form);
        var second = await browser.PostFormAsync("/portal/tickets/new", form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await first.Content.ReadAsStringAsync()));
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await second.Content.ReadAsStringAsync()));
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await app.CountAsync("Tickets")).Should().Be(tickets + 1);
    }

    [Fact]
    public async Task TheDeskReplyForm_SentTwice_AddsOneReply_AndAFormWithOtherWordsUnderItsKeyGetsANewKey()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var number = (await customer.FileAsync("Desk reply sent twice")).Text("number");
        var browser = await app.SignInAsync(Engineer);
        var url = $"/desk/tickets/{number}";
        var key = Guid.NewGuid().ToString("N");
        var messages = await app.CountAsync("TicketMessages");

        var form = new Dictionary<string, string> { ["Reply.Body"] = "Please try 4.2.1.", ["Reply.Kind"] = "Reply", ["Reply.IdempotencyKey"] = key };
        var first = await browser.PostFormAsync(url, form, handler: "Reply");
        var second = await browser.PostFormAsync(url, form, handler: "Reply");
        var other = await browser.PostFormAsync(url, new Dictionary<string, string>(form) { ["Reply.Body"] = "Something else." }, handler: "Reply");
        var html = await other.Content.ReadAsStringAsync();

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.Headers.Location.Should().Be(first.Headers.Location);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(html).Should().Contain("This form was already sent once with other content");
        html.Should().Contain("name=\"Reply.IdempotencyKey\"").And.NotContain($"value=\"{key}\"", "sending the form again must make the reply");
        (await app.CountAsync("TicketMessages")).Should().Be(messages + 1);
    }
}

internal static class RequestKeyCalls
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostKeyedAsync(this HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.JsonAsync());
    }
}
