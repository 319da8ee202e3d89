using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Offers;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

public abstract class OfferPipelineStoreTests : ProviderTestBase
{
    [SkippableFact]
    public async Task ListOffers_ReadsEachOfferWithItsNames_AndTheRevenueItsAcceptanceBooked()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var backport = await world.OfferingAsync(OfferingKind.Service, "backport");
        var accepted = await world.OfferAsync(await world.TicketAsync(Verdict.OutOfScope), backport);
        var declined = await world.OfferAsync(await world.TicketAsync(Verdict.OutOfScope), backport);
        (await world.Accept.HandleAsync(world.Acceptance(accepted.Id, world.Requester))).Succeeded.Should().BeTrue();
        (await world.Decline.HandleAsync(new DeclineOfferRequest(world.Customer(world.Requester), declined.Id, "Too dear."))).Succeeded.Should().BeTrue();
        var store = new OfferPipelineStore(Connections);

        var offers = await store.ListOffersAsync(null);

        offers.Should().HaveCount(2);
        var first = offers[0];
        (first.OfferId, first.Status, first.Kind, first.OfferingCode, first.OfferingName, first.ProductName, first.Segment, first.PriceCents)
            .Should().Be((accepted.Id, OfferStatus.Accepted, OfferingKind.Service, "backport", "Backport a fix", "Keel", CustomerSegment.Key, 1_500_00L));
        first.EngineerName.Should().NotBeEmpty();
        (first.RevenueDay, first.RevenueCents).Should().Be(("2026-03-02", 1_500_00L));
        (offers[1].Status, offers[1].DeclineReason, offers[1].RevenueCents).Should().Be((OfferStatus.Declined, "Too dear.", null));
        (await store.ListOffersAsync(OfferWorld.Now.AddDays(1))).Should().BeEmpty("nothing was sent or booked after that day");
        (await store.ListOffersAsync(OfferWorld.Now.AddDays(-1))).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task ListOpenQuoteRequests_NamesTheTicketOrganisationAndRequester()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var asked = await world.Quote.HandleAsync(new RequestQuoteRequest(world.Staff, ticket.Id, "Port to the new board, please quote."));
        asked.Succeeded.Should().BeTrue();
        var store = new OfferPipelineStore(Connections);

        var open = await store.ListOpenQuoteRequestsAsync();

        open.Should().ContainSingle();
        (open[0].Request.Id, open[0].TicketSubject, open[0].Request.Note).Should().Be((asked.Value!.Id, ticket.Subject, "Port to the new board, please quote."));
        open[0].OrganisationName.Should().NotBeEmpty();
        open[0].RequestedByName.Should().NotBeEmpty();
        (await world.CloseQuote.HandleAsync(new CloseQuoteRequestRequest(world.Staff, asked.Value.Id, asked.Value.Version))).Succeeded.Should().BeTrue();
        (await store.ListOpenQuoteRequestsAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Page_ReadsNewestFirst_ByKey_InTheCallersOrganisationOnly()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var backport = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await world.OfferAsync(await world.TicketAsync(Verdict.OutOfScope), backport)).Id);
        }

        var first = await world.Offers.PageAsync(new OfferQuery { OrganisationId = world.Organisation, Take = 2 });
        var second = await world.Offers.PageAsync(new OfferQuery { OrganisationId = world.Organisation, Take = 2, BeforeId = first.NextBeforeId });
        var last = await world.Offers.PageAsync(new OfferQuery { OrganisationId = world.Organisation, Take = 2, BeforeId = second.NextBeforeId });
        var others = await world.Offers.PageAsync(new OfferQuery { OrganisationId = world.OtherOrganisation });
        var onTicket = await world.Offers.PageAsync(new OfferQuery { TicketId = first.Items[0].Offer.TicketId, Status = OfferStatus.Sent });

        first.Items.Concat(second.Items).Concat(last.Items).Select(s => s.Offer.Id).Should().Equal(Enumerable.Reverse(ids));
        last.NextBeforeId.Should().BeNull();
        first.Items[0].OfferingCode.Should().Be("backport");
        others.Items.Should().BeEmpty();
        onTicket.Items.Select(s => s.Offer.Id).Should().Equal(ids[^1]);
    }
}

public sealed class SqliteOfferPipelineStoreTests : OfferPipelineStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerOfferPipelineStoreTests : OfferPipelineStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
