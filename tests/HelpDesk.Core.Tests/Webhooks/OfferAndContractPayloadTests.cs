using System.Text.Json;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Webhooks;

namespace HelpDesk.Core.Tests.Webhooks;

public sealed class OfferAndContractPayloadTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 11, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(OfferStatus.Sent, WebhookEvents.OfferSent)]
    [InlineData(OfferStatus.Accepted, WebhookEvents.OfferAccepted)]
    [InlineData(OfferStatus.Declined, WebhookEvents.OfferDeclined)]
    [InlineData(OfferStatus.Withdrawn, null)]
    [InlineData(OfferStatus.Expired, null)]
    public void ForOffer_NamesTheEventOfEachOutcome_AndNoneForAWithdrawnOrExpiredOffer(OfferStatus status, string? expected) =>
        WebhookEvents.ForOffer(status).Should().Be(expected);

    [Fact]
    public void OfferEvent_BelongsToItsTicket_AndLeavesTheStaffReasonOut()
    {
        var offer = new Offer
        {
            Id = 12,
            TicketId = 1042,
            OrganisationId = 3,
            OfferingVersionId = 4,
            PriceCents = 240_000,
            Currency = "USD",
            Status = OfferStatus.Accepted,
            Reason = "Goodwill upsell",
            Title = "Backport a fix",
            Version = 2,
        };

        var sent = WebhookPayloads.ForOffer(WebhookEvents.OfferAccepted, new OfferWebhookFacts(offer, "backport-fix", "Backport a fix", 2, "Northwind Traders"), Now);

        sent.TicketId.Should().Be(1042);
        var data = JsonDocument.Parse(sent.Payload).RootElement.GetProperty("data").GetProperty("offer");
        data.GetProperty("number").GetString().Should().Be("O-0012");
        data.GetProperty("ticket").GetProperty("number").GetString().Should().Be("HD-1042");
        data.GetProperty("offering").GetProperty("versionNumber").GetInt32().Should().Be(2);
        data.GetProperty("price").GetString().Should().Be("2400.00");
        data.GetProperty("status").GetString().Should().Be("Accepted");
        sent.Payload.Should().NotContain("Goodwill upsell");
    }

    [Fact]
    public void ContractEvent_CarriesTheStateOnTheDay_AndBelongsToNoTicket()
    {
        var contract = new Contract
        {
            Id = 7,
            OrganisationId = 3,
            PlanId = 2,
            StartsOn = new(2026, 1, 1),
            EndsOn = new(2026, 11, 30),
            TimeZone = "Europe/Paris",
            ValueCents = 500_000,
            Status = ContractStatus.Active,
            Version = 3,
        };

        var renewed = WebhookPayloads.ForContract(new ContractWebhookFacts(contract, "Northwind Traders", "standard", "Standard", Renewed: true), Now);
        var expired = WebhookPayloads.ForContract(new ContractWebhookFacts(contract, "Northwind Traders", "standard", "Standard", Renewed: false), Now);

        renewed.Type.Should().Be(WebhookEvents.ContractChanged);
        renewed.TicketId.Should().BeNull();
        State(renewed).Should().Be("Renewed");
        State(expired).Should().Be("Expired");
        var data = JsonDocument.Parse(renewed.Payload).RootElement.GetProperty("data").GetProperty("contract");
        data.GetProperty("number").GetString().Should().Be("C-0007");
        data.GetProperty("endsOn").GetString().Should().Be("2026-11-30");
        data.GetProperty("version").GetInt32().Should().Be(3);
    }

    private static string? State(WebhookEvent webhookEvent) =>
        JsonDocument.Parse(webhookEvent.Payload).RootElement.GetProperty("data").GetProperty("contract").GetProperty("state").GetString();
}
