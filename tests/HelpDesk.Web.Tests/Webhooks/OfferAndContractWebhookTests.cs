using System.Globalization;
using System.Net;
using Dapper;
using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Tests.ManageApi;
using HelpDesk.Web.Tests.Offers;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Webhooks;

/// <summary>Offers and contracts changed through the API reach a real receiver as their events, each once and signed.</summary>
public sealed class OfferAndContractWebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static string OfferNumber(WebhookReceiver.Received received) =>
        received.Json.GetProperty("data").TryGetProperty("offer", out var offer) ? offer.Text("number") : "";

    private static string ContractNumber(WebhookReceiver.Received received) =>
        received.Json.GetProperty("data").TryGetProperty("contract", out var contract) ? contract.Text("number") : "";

    [Fact]
    public async Task OffersMadeThenAcceptedOrDeclined_ReachTheReceiver_OnceEach_Signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await WebhookDeliveryTests.SubscribeAsync(
            await app.SignInWithTokenAsync(WebhookDeliveryTests.Admin), receiver.Url, [WebhookEvents.OfferSent, WebhookEvents.OfferAccepted, WebhookEvents.OfferDeclined]);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var toAccept = await engineer.OfferBackportAsync(await customer.FileBackportAsync("Webhook offer: backport to 5.2"));
        var toDecline = await engineer.OfferBackportAsync(await customer.FileBackportAsync("Webhook offer: another backport"));
        var (status, accepted) = await customer.PostJsonAsync(
            $"/api/offers/{toAccept.OfferId()}/accept", new { typedName = "Nora Northwind", termsSha256 = toAccept.Text("termsSha256") });
        status.Should().Be(HttpStatusCode.OK, accepted.ToString());
        (status, var declined) = await customer.PostJsonAsync($"/api/offers/{toDecline.OfferId()}/decline", new { reason = "We will upgrade instead." });
        status.Should().Be(HttpStatusCode.OK, declined.ToString());

        var acceptedNumber = toAccept.GetProperty("offer").Text("number");
        var declinedNumber = toDecline.GetProperty("offer").Text("number");
        var received = await app.SentAsync(receiver, all =>
            all.Any(r => r.Event == WebhookEvents.OfferAccepted && OfferNumber(r) == acceptedNumber)
            && all.Any(r => r.Event == WebhookEvents.OfferDeclined && OfferNumber(r) == declinedNumber));

        var first = received.Where(r => OfferNumber(r) == acceptedNumber).ToList();
        var second = received.Where(r => OfferNumber(r) == declinedNumber).ToList();
        first.Select(r => r.Event).Should().Equal(WebhookEvents.OfferSent, WebhookEvents.OfferAccepted);
        second.Select(r => r.Event).Should().Equal(WebhookEvents.OfferSent, WebhookEvents.OfferDeclined);
        first.Concat(second).Should().OnlyContain(r => r.SignedWith(secret));
        first.Concat(second).Select(r => r.EventId).Should().OnlyHaveUniqueItems();

        var offer = first[^1].Json.GetProperty("data").GetProperty("offer");
        offer.Text("status").Should().Be("Accepted");
        offer.GetProperty("ticket").Text("number").Should().Be(toAccept.GetProperty("offer").Text("ticket"));
        offer.GetProperty("offering").Text("code").Should().Be("backport-fix");
        offer.GetProperty("organisation").Text("name").Should().NotBeEmpty();
        offer.Text("price").Should().Be("2400.00");
        offer.Text("currency").Should().Be("USD");
        offer.Number("version").Should().Be(2);
        offer.TryGetProperty("reason", out _).Should().BeFalse("the staff's reason for an offer is not sent");
        second[^1].Json.GetProperty("data").GetProperty("offer").Text("declineReason").Should().Be("We will upgrade instead.");
    }

    [Fact]
    public async Task ContractCreatedAndCancelledThroughTheApi_ReachesTheReceiver_AsContractChanged_AndAStaleCancelQueuesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await WebhookDeliveryTests.SubscribeAsync(await app.SignInWithTokenAsync(WebhookDeliveryTests.Admin), receiver.Url, [WebhookEvents.ContractChanged]);
        using var manager = await app.SignInWithTokenAsync(Manager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var plan = (await manager.GetJsonAsync("/api/plans")).EnumerateArray().Single(p => p.Text("code") == "standard");

        var created = await manager.CreatedAsync("/api/contracts", new
        {
            organisationId = await app.OrganisationIdAsync("Fabrikam Robotics"),
            planId = plan.Number("id"),
            productIds = new[] { await app.ProductIdAsync("sextant") },
            startsOn = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = today.AddDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            value = "5000.00",
            timeZone = "Asia/Tokyo",
        });
        var id = created.Number("id");
        var (stale, conflict) = await manager.PostJsonAsync($"/api/contracts/{id}/cancel", new { version = created.Number("version") + 1, reason = "Stale" });
        stale.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        await manager.OkAsync($"/api/contracts/{id}/cancel", new { version = created.Number("version"), reason = "The customer moved to another supplier." });

        var number = created.Text("number");
        var received = await app.SentAsync(receiver, all => all.Count(r => ContractNumber(r) == number) >= 2);

        var events = received.Where(r => ContractNumber(r) == number).ToList();
        events.Should().OnlyContain(r => r.Event == WebhookEvents.ContractChanged && r.SignedWith(secret));
        var contracts = events.Select(r => r.Json.GetProperty("data").GetProperty("contract")).ToList();
        contracts.Select(c => c.Text("state")).Should().Equal("Upcoming", "Cancelled");
        contracts.Select(c => c.Number("version")).Should().Equal(1, 2);
        contracts[0].GetProperty("organisation").Text("name").Should().Be("Fabrikam Robotics");
        contracts[0].GetProperty("plan").Text("code").Should().Be("standard");
        contracts[0].Text("startsOn").Should().Be(created.Text("startsOn"));
        contracts[0].Text("value").Should().Be("5000.00");

        // The stale cancel was rolled back and queued nothing: two deliveries, both delivered (a retry, should a busy
        // machine have made the first attempt miss the sender's timeout, is no second delivery).
        await using var connection = await app.Connections.OpenAsync();
        var queued = (await connection.QueryAsync<string>(
            "SELECT Status FROM WebhookDeliveries WHERE EventType = @Type AND Payload LIKE @Number",
            new { Type = WebhookEvents.ContractChanged, Number = $"%\"number\":\"{number}\"%" })).AsList();
        queued.Should().Equal("Delivered", "Delivered");
    }
}
