using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary>Another organisation's ticket must be indistinguishable from one that does not exist, on every route.</summary>
public sealed class TicketApiAccessTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const int MissingId = 987_654;

    private static readonly Func<HttpClient, string, int, Task<HttpResponseMessage>>[] Routes =
    [
        (client, number, _) => client.GetAsync($"/api/tickets/{number}"),
        (client, number, _) => client.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Let me in." }),
        (client, number, _) => client.PostAsJsonAsync($"/api/tickets/{number}/status", new { status = "Resolved", version = 1 }),
        (client, number, _) => client.PostAsJsonAsync($"/api/tickets/{number}/assignee", new { assigneeId = (int?)null, version = 1 }),
        (client, number, _) => client.PostAsJsonAsync($"/api/tickets/{number}/time", new { minutes = 5, workDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        (client, number, _) => client.PostAsJsonAsync($"/api/tickets/{number}/rating", new { score = 5 }),
        (client, number, _) => client.PostAsync($"/api/tickets/{number}/attachments", TicketAttachmentTests.Files(("note.txt", "hello"u8.ToArray()))),
        (client, number, attachmentId) => client.GetAsync($"/api/tickets/{number}/attachments/{attachmentId}"),
    ];

    [Fact]
    public async Task AnotherOrganisationsTicket_Answers404IdenticalToAMissingOne_OnEveryRoute()
    {
        var owner = await app.SignInWithTokenAsync(NorthwindCustomer);
        var stranger = await app.SignInWithTokenAsync(ContosoCustomer);
        var number = (await owner.FileAsync("Northwind only")).Text("number");
        var upload = await owner.PostAsync($"/api/tickets/{number}/attachments", TicketAttachmentTests.Files(("secret.txt", "northwind data"u8.ToArray())));
        upload.StatusCode.Should().Be(HttpStatusCode.Created);
        var attachmentId = (await upload.JsonAsync())[0].Number("id");
        var counts = await CountsAsync();

        for (var route = 0; route < Routes.Length; route++)
        {
            var theirs = await Routes[route](stranger, number, attachmentId);
            var missing = await Routes[route](stranger, $"HD-{MissingId}", attachmentId);

            theirs.StatusCode.Should().Be(HttpStatusCode.NotFound, "route {0} on another organisation's ticket", route);
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound, "route {0} on a missing ticket", route);
            (await ShapeAsync(theirs, number)).Should().Be(await ShapeAsync(missing, $"HD-{MissingId}"), "route {0}", route);
        }

        (await CountsAsync()).Should().Equal(counts);
        (await stranger.GetStringAsync("/api/tickets?limit=100")).Should().NotContain(number);
        (await stranger.GetStringAsync($"/api/tickets?q={number}")).Should().NotContain(number);
    }

    [Fact]
    public async Task StaffOnlyRoutes_Answer404ToTheTicketsOwnCustomer_LikeAMissingTicket()
    {
        var owner = await app.SignInWithTokenAsync(NorthwindCustomer);
        var number = (await owner.FileAsync("Own ticket")).Text("number");
        var counts = await CountsAsync();

        foreach (var route in new[] { Routes[3], Routes[4] })
        {
            var own = await route(owner, number, 0);
            var missing = await route(owner, $"HD-{MissingId}", 0);

            own.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ShapeAsync(own, number)).Should().Be(await ShapeAsync(missing, $"HD-{MissingId}"));
        }

        (await CountsAsync()).Should().Equal(counts);
    }

    [Fact]
    public async Task ACustomer_OnlyListsTheirOrganisationsTickets()
    {
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        await northwind.FileAsync("Northwind list check");
        await contoso.FileAsync("Contoso list check");
        var contosoId = await app.OrganisationIdAsync("Contoso Manufacturing");

        // organisationId is a staff filter: a customer cannot widen their scope with it.
        var list = await contoso.GetJsonAsync($"/api/tickets?limit=100&organisationId={await app.OrganisationIdAsync("Northwind Traders")}");

        list.GetProperty("items").EnumerateArray().Should().NotBeEmpty()
            .And.OnlyContain(i => i.Number("organisationId") == contosoId);
    }

    private async Task<long[]> CountsAsync() =>
    [
        await app.CountAsync("Tickets"), await app.CountAsync("TicketMessages"), await app.CountAsync("TicketAttachments"),
        await app.CountAsync("TicketAudit"), await app.CountAsync("TimeEntries"), await app.CountAsync("TicketRatings"),
        await app.CountAsync("OutboxMessages"),
    ];

    /// <summary>The response as a caller sees it, less the request's trace id, with the ticket's number made neutral.</summary>
    private static async Task<string> ShapeAsync(HttpResponseMessage response, string number)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body.ToJsonString().Replace(number, "HD-N", StringComparison.Ordinal)}";
    }
}
