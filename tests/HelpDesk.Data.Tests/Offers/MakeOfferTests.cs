using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

public abstract class MakeOfferTests : ProviderTestBase
{
    [SkippableFact]
    public async Task MakeOffer_SavesTheFilledTerms_WithAnAuditLineAndAMailToTheRequester()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);

        var offer = await world.OfferAsync(ticket, entry);

        var stored = await world.Offers.GetAsync(offer.Id);
        stored.Should().BeEquivalentTo(offer);
        stored!.Status.Should().Be(OfferStatus.Sent);
        stored.PriceCents.Should().Be(1_500_00);
        stored.Currency.Should().Be("EUR");
        stored.ContractId.Should().Be(world.Contract.Id);
        stored.ProductId.Should().Be(world.Keel.Id);
        stored.ExpiresUtc.Should().Be(new DateTime(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc), "30 days by default, to the end of the day");
        stored.TermsMarkdown.Should().Contain("from 5\\.2 to 4\\.0 of Keel on linux\\-x64 for Contoso: the rounding fix of 5\\.2. Price 1\\,500\\.00 EUR, delivered in 5 working days.");
        stored.TermsHtml.Should().StartWith("<h1>Backport</h1>").And.Contain("from 5.2 to 4.0 of Keel on linux-x64 for Contoso");
        stored.Blanks.Should().Contain("fromRelease", "4.0").And.Contain("price", "1,500.00 EUR").And.NotContainKey("ticket");
        (await world.QueryAsync<string>("SELECT NewValue FROM TicketAudit WHERE TicketId = @Id AND Field = 'offer'", new { ticket.Id }))
            .Should().ContainSingle().Which.Should().StartWith($"Sent {offer.Number}: Backport a fix, 1,500.00 EUR, open until 2 Apr 2026 00:00 UTC.");
        var mail = await world.QueryAsync<(string Kind, string ToAddress, string Subject)>("SELECT Kind, ToAddress, Subject FROM OutboxMessages WHERE TicketId = @Id", new { ticket.Id });
        mail.Should().Equal(("offer-sent", "rita@contoso.example", $"[{ticket.Number}] Offer {offer.Number}: Backport a fix"));
    }

    [SkippableFact]
    public async Task MakeOffer_RefusesEachBadInput_BesideItsField_AndSavesNothing()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var entitled = await world.TicketAsync(Verdict.Entitled);

        var past = await world.Make.HandleAsync(new MakeOfferRequest(world.Staff, ticket.Id, entry.Published!.Id)
        {
            ExpiresOn = new DateOnly(2026, 3, 1),
            Blanks = new Dictionary<string, string?> { ["description"] = "the fix", ["discount"] = "50%", ["price"] = "1.00" },
        });
        var unfilled = await world.Make.HandleAsync(new MakeOfferRequest(world.Staff, ticket.Id, entry.Published.Id));
        var goodwill = await world.Make.HandleAsync(new MakeOfferRequest(world.Staff, entitled.Id, entry.Published.Id) { Blanks = new Dictionary<string, string?> { ["description"] = "the fix" } });

        past.Errors.Should().BeEquivalentTo(new FieldError[]
        {
            new("expiresOn", "The expiry 1 Mar 2026 is in the past; choose today, 2 Mar 2026, or a later day."),
            new("blanks.discount", "{{discount}} is not a blank of these terms."),
            new("blanks.price", "{{price}} is filled in by the offer itself and cannot be typed."),
        });
        unfilled.Errors.Should().Equal(new FieldError("blanks.description", "Fill in {{description}}: the terms cannot be sent with it empty."));
        goodwill.Errors.Should().Equal(new FieldError("reason", "The ticket is entitled to support; say why you are making an offer anyway (a goodwill upsell)."));
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM Offers")).Should().Be(0);
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages")).Should().Be(0);
    }

    [SkippableFact]
    public async Task MakeOffer_OnAnEntitledTicket_WithAReason_IsAGoodwillUpsell()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");

        var offer = await world.OfferAsync(await world.TicketAsync(Verdict.Entitled), entry, reason: "They asked for it on the call.");

        (await world.Offers.GetAsync(offer.Id))!.Reason.Should().Be("They asked for it on the call.");
    }

    [SkippableFact]
    public async Task MakeOffer_ByACustomer_FindsNoTicket()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);

        var made = await world.Make.HandleAsync(new MakeOfferRequest(world.Customer(world.Requester), ticket.Id, entry.Published!.Id));

        made.Failure.Should().Be(Failure.NotFound);
    }

    [SkippableFact]
    public async Task QuoteRequest_FromTheCustomer_IsAnsweredByTheNextOffer_OrClosedByStaff()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var other = await world.TicketAsync(Verdict.OutOfScope);

        var asked = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Customer(world.Requester), ticket.Id, null));
        var twice = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Customer(world.Requester), ticket.Id, "again"));
        var covered = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Customer(world.Requester), (await world.TicketAsync(Verdict.Entitled)).Id, null));
        var noNote = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Staff, other.Id, " "));
        var stranger = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Customer(world.Stranger), ticket.Id, null));
        var offer = await world.OfferAsync(ticket, entry);
        var engineerAsks = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Staff, other.Id, "A port to AIX, about 20 days."));
        var closed = await world.CloseQuote.HandleAsync(new CloseQuoteRequestRequest(world.Staff, engineerAsks.Value!.Id, engineerAsks.Value.Version));

        asked.Value!.FromCustomer.Should().BeTrue();
        twice.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"A quote for {ticket.Number} was already requested on 2 Mar 2026");
        covered.Errors.Should().ContainSingle().Which.Message.Should().EndWith("is covered by your support, so there is nothing to quote.");
        noNote.Errors.Should().ContainSingle().Which.Field.Should().Be("note");
        stranger.Failure.Should().Be(Failure.NotFound);
        var answered = await world.Offers.GetQuoteRequestAsync(asked.Value.Id);
        (answered!.Status, answered.OfferId).Should().Be((QuoteRequestStatus.Offered, offer.Id));
        closed.Value!.Status.Should().Be(QuoteRequestStatus.Closed);
        (await world.Offers.ListQuoteRequestsAsync(null, QuoteRequestStatus.Open)).Should().BeEmpty();
    }
}

public sealed class SqliteMakeOfferTests : MakeOfferTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerMakeOfferTests : MakeOfferTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
