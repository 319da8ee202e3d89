using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

public abstract class OfferingStoreTests : ProviderTestBase
{
    [SkippableFact]
    public async Task APublishedVersion_NeverChanges_WhateverIsSentToTheStore()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var published = entry.Published!;

        var rewritten = await world.Offerings.SaveDraftAsync(published with
        {
            Status = OfferingVersionStatus.Draft,
            PriceCents = 1,
            TermsMarkdown = "Free for {{customer}}.",
            Categories = [RequestCategories.Port],
            ProductIds = [world.Keel.Id],
        });

        rewritten.Should().BeNull();
        (await world.Offerings.GetVersionAsync(published.Id)).Should().BeEquivalentTo(published);
        (await world.ScalarAsync<string>("SELECT Category FROM OfferingVersionCategories WHERE VersionId = @Id", new { published.Id })).Should().Be(RequestCategories.Backport);
    }

    [SkippableFact]
    public async Task EditingAPublishedOffering_MakesANewDraft_AndPublishingItSupersedesTheOld()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var opened = await world.SaveDraft.OpenAsync(entry.Offering.Id);

        var draft = await world.SaveDraft.HandleAsync(new SaveOfferingDraftRequest
        {
            OfferingId = entry.Offering.Id,
            Version = opened!.Version,
            Name = "Backport a fix",
            Price = "1800",
            DeliveryDays = 4,
            Categories = [RequestCategories.Backport],
            Terms = opened.TermsMarkdown,
        });
        var second = await world.Offerings.SaveDraftAsync(draft.Value! with { Id = 0, Number = 3 });
        var published = await world.Publish.HandleAsync(new PublishOfferingRequest(entry.Offering.Id, draft.Value!.Version, world.Engineer));

        draft.Value.Number.Should().Be(2);
        second.Should().BeNull("an offering has one draft at a time");
        published.Value!.PublishedById.Should().Be(world.Engineer);
        var versions = (await world.Offerings.GetAsync(entry.Offering.Id))!.Versions;
        versions.Select(v => (v.Number, v.Status, v.PriceCents)).Should().Equal((2, OfferingVersionStatus.Published, 1_800_00L), (1, OfferingVersionStatus.Superseded, 1_500_00L));
    }

    [SkippableFact]
    public async Task Catalogue_CountsTheOffersOfEachVersion_AndKeepsTheirVersion()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var offer = await world.OfferAsync(await world.TicketAsync(Verdict.OutOfScope), entry);
        var draft = await world.SaveDraft.HandleAsync(new SaveOfferingDraftRequest
        {
            OfferingId = entry.Offering.Id,
            Name = "Backport a fix",
            Price = "1800",
            DeliveryDays = 5,
            Categories = [RequestCategories.Backport],
            Terms = entry.Published!.TermsMarkdown,
        });
        await world.Publish.HandleAsync(new PublishOfferingRequest(entry.Offering.Id, draft.Value!.Version, world.Engineer));

        var listed = (await world.Offerings.ListAsync()).Single();

        listed.OffersByVersion.Should().BeEquivalentTo(new Dictionary<int, int> { [entry.Published.Id] = 1, [draft.Value.Id] = 0 });
        (await world.Offers.GetAsync(offer.Id))!.OfferingVersionId.Should().Be(entry.Published.Id, "an offer keeps pointing at the version it was made from");
    }

    [SkippableFact]
    public async Task Retire_StopsNewOffers_ButNotTheOffersAlreadySent()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var sent = await world.OfferAsync(ticket, entry);

        var retired = await new RetireOffering(world.Offerings).HandleAsync(new RetireOfferingRequest(entry.Offering.Id, entry.Offering.Version, Retire: true));
        var refused = await world.Make.HandleAsync(new MakeOfferRequest(world.Staff, ticket.Id, entry.Published!.Id) { Blanks = new Dictionary<string, string?> { ["description"] = "x" } });
        var accepted = await world.Accept.HandleAsync(world.Acceptance(sent.Id, world.Requester));

        retired.Value!.Status.Should().Be(OfferingStatus.Retired);
        refused.Errors.Should().ContainSingle().Which.Message.Should().Be("backport is retired; no new offers can be made from it.");
        accepted.Succeeded.Should().BeTrue();
    }

    [SkippableFact]
    public async Task Create_RefusesATakenCode()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        await world.OfferingAsync(OfferingKind.IncidentPack, "pack-5");

        var again = await world.SaveDraft.HandleAsync(new SaveOfferingDraftRequest { Code = "pack-5", Kind = OfferingKind.IncidentPack, Name = "Again", Price = "10", Incidents = 1, Terms = "{{incidents}}" });

        again.Errors.Should().ContainSingle().Which.Should().Be(new Core.Common.FieldError("code", "Another offering already has the code 'pack-5'."));
    }
}

public sealed class SqliteOfferingStoreTests : OfferingStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerOfferingStoreTests : OfferingStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
