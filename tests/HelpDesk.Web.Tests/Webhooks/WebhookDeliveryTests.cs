using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Webhooks;

public sealed class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    public const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task ScriptedTicketLife_ReachesARealReceiver_EachEventOnce_Signed_InOrder_WithoutTheInternalNote()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await SubscribeAsync(await app.SignInWithTokenAsync(Admin), receiver.Url, ["*"]);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var engineerId = (await app.UserIdAsync(Engineer))!.Value;

        var filed = await customer.FileAsync("Webhook life: export stops", extra: new { subject = "Webhook life: export stops", body = "It stops.", severity = 3, product = "Ledger", language = "zh" });
        var number = filed.Text("number");
        var (status, taken) = await engineer.PostJsonAsync($"/api/tickets/{number}/assignee", new { assigneeId = engineerId, version = filed.Number("version") });
        status.Should().Be(HttpStatusCode.OK, taken.ToString());
        (status, var replied) = await engineer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Fixed in 4.2.1; please update.", kind = "reply" });
        status.Should().Be(HttpStatusCode.OK, replied.ToString());
        (status, var noted) = await engineer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Secret internal remark", kind = "note" });
        status.Should().Be(HttpStatusCode.OK, noted.ToString());
        (status, var held) = await engineer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "OnHold", version = noted.Number("version") });
        status.Should().Be(HttpStatusCode.OK, held.ToString());
        (status, var resolved) = await engineer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "Resolved", version = held.Number("version") });
        status.Should().Be(HttpStatusCode.OK, resolved.ToString());

        var received = await app.SentAsync(receiver, all => all.Any(r => r.Ticket == number && r.Event == WebhookEvents.TicketStatusChanged && r.Body.Contains("\"to\":\"Resolved\"", StringComparison.Ordinal)));
        var life = received.Where(r => r.Ticket == number).ToList();

        life.Select(r => r.Event).Should().Equal(
            WebhookEvents.TicketCreated,
            WebhookEvents.TicketAssigned,
            WebhookEvents.MessageAdded,
            WebhookEvents.TicketStatusChanged,
            WebhookEvents.TicketStatusChanged,
            WebhookEvents.TicketStatusChanged);
        life.Select(r => r.EventId).Should().OnlyHaveUniqueItems();
        life.Should().OnlyContain(r => r.SignedWith(secret));
        life.Should().NotContain(r => r.Body.Contains("Secret internal remark", StringComparison.Ordinal));
        life[2].Json.GetProperty("data").GetProperty("message").GetProperty("text").GetString().Should().Contain("Fixed in 4.2.1");
        life[^1].Json.GetProperty("data").GetProperty("ticket").GetProperty("status").GetString().Should().Be("Resolved");

        // In the order of the outbox, and each delivered once (after a retry, should a busy machine have made an attempt
        // miss the sender's timeout).
        await using var connection = await app.Connections.OpenAsync();
        var queued = (await connection.QueryAsync<(string EventId, string Status)>(
            "SELECT EventId, Status FROM WebhookDeliveries WHERE TicketId = @Id ORDER BY Id", new { Id = filed.Number("id") })).AsList();
        life.Select(r => r.EventId).Should().Equal(queued.Select(q => q.EventId));
        queued.Should().OnlyContain(q => q.Status == "Delivered");
    }

    [Fact]
    public async Task LoopbackUrl_IsRefused_WhenTheSettingIsOff()
    {
        using var strict = new Infrastructure.HelpDeskAppFactory();
        var admin = await strict.SignInWithTokenAsync(Admin);

        var (status, problem) = await admin.PostJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:5000/hook" });

        status.Should().Be(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.Errors().Should().ContainKey("url");
        (await strict.CountAsync("WebhookSubscriptions")).Should().Be(0);
    }

    [Fact]
    public async Task NonAdmin_CannotSubscribe()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var response = await manager.PostAsJsonAsync("/api/webhooks", new { url = "https://hooks.example.com/x" });
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SlaBreach_FoundByTheMonitor_ReachesTheReceiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await SubscribeAsync(await app.SignInWithTokenAsync(Admin), receiver.Url, [WebhookEvents.SlaBreached]);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var filed = await customer.FileAsync("Webhook SLA: everything is down", extra: new { subject = "Webhook SLA: everything is down", body = "Down.", severity = 1, product = "Ledger", language = "zh" });
        var number = filed.Text("number");
        var due = filed.GetProperty("sla").GetProperty("firstResponseDue").GetDateTime().ToUniversalTime();

        var clock = new FakeTimeProvider(due.AddMinutes(1));
        var monitor = app.SlaMonitor(clock);

        // The sender on the monitor's clock: the breach is due to be sent from the moment it was found.
        var sender = app.Sender(clock);
        var received = await receiver.WaitForAsync(all => all.Any(r => r.Ticket == number), drive: async () =>
        {
            await monitor.CheckAsync();
            await sender.DeliverAsync();
        });

        var breach = received.Single(r => r.Ticket == number);
        breach.Event.Should().Be(WebhookEvents.SlaBreached);
        breach.SignedWith(secret).Should().BeTrue();
        breach.Json.GetProperty("data").GetProperty("ticket").GetProperty("slaState").GetString().Should().Be("Breached");
    }

    /// <summary>Subscribes through the API as an admin; returns the secret shown once.</summary>
    public static async Task<string> SubscribeAsync(HttpClient admin, string url, string[] events)
    {
        var (status, created) = await admin.PostJsonAsync("/api/webhooks", new { url, events, description = "test receiver" });
        status.Should().Be(HttpStatusCode.Created, created.ToString());
        return created.Text("secret");
    }
}
