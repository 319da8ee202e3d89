using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary><c>POST /api/tickets/{number}/messages</c>: a message is an append; a status set with it needs the version read.</summary>
public sealed class TicketMessageApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Message_WithoutAVersion_IsAdded_AfterTheTicketChanged()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var filed = await customer.FileAsync("Changed before the reply");
        var number = filed.Text("number");
        (await engineer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "OnHold", version = filed.Number("version") })).Status.Should().Be(HttpStatusCode.OK);

        var (status, replied) = await engineer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Still looking into it." });
        var (customerStatus, _) = await customer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Thanks, we wait." });

        status.Should().Be(HttpStatusCode.OK, replied.ToString());
        customerStatus.Should().Be(HttpStatusCode.OK);
        replied.Text("status").Should().Be("OnHold", "a reply without a status leaves the status to the workflow");
        var messages = (await engineer.GetJsonAsync($"/api/tickets/{number}")).GetProperty("messages").EnumerateArray().Select(m => m.Text("bodyText"));
        messages.Should().Contain(["Still looking into it.", "Thanks, we wait."]);
    }

    [Fact]
    public async Task Message_WithAStatus_NeedsTheVersion_AndIsRefusedWhenItIsStale()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var filed = await customer.FileAsync("Status with a reply");
        var number = filed.Text("number");
        var read = filed.Number("version");
        (await customer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "One more detail." })).Status.Should().Be(HttpStatusCode.OK);
        var messages = await app.CountAsync("TicketMessages");

        var (missing, missingProblem) = await engineer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Please send logs.", status = "PendingCustomer" });
        var (stale, staleProblem) = await engineer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Please send logs.", status = "PendingCustomer", version = read });

        missing.Should().Be(HttpStatusCode.UnprocessableEntity);
        missingProblem.Errors().Should().ContainKey("version");
        stale.Should().Be(HttpStatusCode.Conflict);
        staleProblem.Text("detail").Should().Contain("Someone else changed this ticket");
        (await app.CountAsync("TicketMessages")).Should().Be(messages);
        (await engineer.GetJsonAsync($"/api/tickets/{number}")).GetProperty("ticket").Text("status").Should().Be("New");
    }
}
