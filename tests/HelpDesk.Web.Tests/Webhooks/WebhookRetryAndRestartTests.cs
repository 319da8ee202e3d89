using System.Net;
using Dapper;
using HelpDesk.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Webhooks;

public sealed class WebhookRetryAndRestartTests
{
    [Fact]
    public async Task ReceiverAnswering500ThreeTimes_GetsTheEvent_OnTheFourthAttempt_AfterTheBackoff()
    {
        using var app = new DrivenWebhookApp();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500, 500, 500);
        var admin = await app.SignInWithTokenAsync(WebhookDeliveryTests.Admin);
        var secret = await WebhookDeliveryTests.SubscribeAsync(admin, receiver.Url, ["*"]);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var filed = await customer.FileAsync("Webhook retry: printer jam");

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = app.Sender(clock);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await sender.DeliverAsync()).Delivered.Should().Be(attempt == 4 ? 1 : 0);
            receiver.Requests.Should().HaveCount(attempt);

            // Nothing more before the backoff has passed.
            clock.Advance(TimeSpan.FromSeconds(20));
            await sender.DeliverAsync();
            receiver.Requests.Should().HaveCount(attempt);
            clock.Advance(WebhookRetry.Delay(attempt) * 1.2);
        }

        var requests = receiver.Requests.ToList();
        requests.Select(r => r.EventId).Distinct().Should().ContainSingle("every attempt carries the same event id");
        requests.Should().OnlyContain(r => r.SignedWith(secret) && r.Event == WebhookEvents.TicketCreated);
        await using var connection = await app.Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Status, int Attempts, int LastStatusCode, string LastResponse)>(
            "SELECT Status, Attempts, LastStatusCode, LastResponse FROM WebhookDeliveries WHERE TicketId = @Id", new { Id = filed.Number("id") });
        row.Should().Be(("Delivered", 4, 200, "thanks"));
    }

    [Fact]
    public async Task ChangeSaved_AppGoneBeforeDelivery_IsDeliveredByTheNextApp_OnTheSameDatabase()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string databaseFile, secret, number;
        using (var first = new DrivenWebhookApp { KeepDatabaseFile = true })
        {
            databaseFile = first.DatabaseFile;
            secret = await WebhookDeliveryTests.SubscribeAsync(await first.SignInWithTokenAsync(WebhookDeliveryTests.Admin), receiver.Url, ["*"]);
            var customer = await first.SignInWithTokenAsync(NorthwindCustomer);
            number = (await customer.FileAsync("Webhook restart: lost power")).Text("number");
            (await first.CountAsync("WebhookDeliveries")).Should().Be(1);
        }

        receiver.Requests.Should().BeEmpty();
        using var second = new DrivenWebhookApp(databaseFile) { SharedDatabaseFile = databaseFile };
        var sender = second.Sender(TimeProvider.System);

        var received = await receiver.WaitForAsync(all => all.Count > 0, drive: () => sender.DeliverAsync());

        received.Should().ContainSingle().Which.Ticket.Should().Be(number);
        received[0].SignedWith(secret).Should().BeTrue("the secret is read with the keys kept in the database");
    }

    [Fact]
    public async Task ReceiverWhoseNameResolvesToLoopback_IsRefusedAtConnectTime_WhenTheSettingIsOff()
    {
        using var app = new Infrastructure.HelpDeskAppFactory();
        await using var receiver = await WebhookReceiver.StartAsync();

        // Saved around the URL check, as a name that resolved elsewhere when subscribed and inward now would be.
        var store = app.Services.GetRequiredService<IWebhookStore>();
        var secrets = app.Services.GetRequiredService<IWebhookSecrets>();
        var subscription = await store.CreateAsync(new WebhookSubscription
        {
            Url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
            Events = [WebhookEvents.Everything],
            ProtectedSecret = secrets.Protect("s"),
            CreatedUtc = DateTime.UtcNow,
        });
        var deliveryId = await store.QueueForAsync(subscription.Id, WebhookPayloads.Ping(subscription, DateTime.UtcNow));

        var delivery = await app.Services.CreateScope().ServiceProvider.GetRequiredService<WebhookSender>().SendNowAsync(deliveryId);

        receiver.Requests.Should().BeEmpty();
        delivery!.Status.Should().Be(WebhookDeliveryStatus.Pending);
        delivery.LastStatusCode.Should().BeNull();
        delivery.LastResponse.Should().Contain("private or local");
    }
}
