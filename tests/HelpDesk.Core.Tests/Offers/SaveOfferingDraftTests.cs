using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tests.Contracts;
using HelpDesk.Core.Tests.Scope;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Offers;

public sealed class SaveOfferingDraftTests
{
    private readonly InMemoryOfferingStore _store = new();
    private readonly InMemoryContractStore _contracts = new();
    private readonly InMemoryProducts _products = new() { Products = { EntitlementExamples.Orders } };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(OfferSamples.Now));

    private SaveOfferingDraft Save => new(_store, _contracts, _products, _clock);

    private PublishOffering Publish => new(_store, _contracts, _products, _clock);

    private static SaveOfferingDraftRequest Backport(string price = "1500") => new()
    {
        Code = "backport-fix",
        Kind = OfferingKind.Service,
        Name = "Backport a fix",
        PricingKind = PricingKind.Fixed,
        Price = price,
        DeliveryDays = 5,
        Terms = "We move the fix from {{toRelease}} to {{fromRelease}} for {{price}}.",
        Categories = [RequestCategories.Backport],
    };

    [Fact]
    public async Task Create_SavesTheOfferingWithItsFirstDraft()
    {
        var saved = await Save.HandleAsync(Backport("1,500.50"));

        saved.Value!.Number.Should().Be(1);
        saved.Value.Status.Should().Be(OfferingVersionStatus.Draft);
        saved.Value.PriceCents.Should().Be(1_500_50);
        _store.Offerings.Should().ContainSingle().Which.Code.Should().Be("backport-fix");
    }

    [Theory]
    [InlineData("0", "The price must be more than zero.")]
    [InlineData("-10", "The amount cannot be negative.")]
    [InlineData("", "Enter an amount, such as 1250 or 1250.50.")]
    public async Task Create_RefusesAPriceOfZeroOrBelow_WithOneMessage_AndSavesNothing(string price, string message)
    {
        var saved = await Save.HandleAsync(Backport(price));

        saved.Errors.Should().ContainSingle().Which.Should().Be(new Common.FieldError("price", message));
        _store.Offerings.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_RefusesABadOrTakenCode()
    {
        (await Save.HandleAsync(Backport() with { Code = "Backport Fix" })).Errors.Should().ContainSingle().Which.Field.Should().Be("code");
        await Save.HandleAsync(Backport());
        (await Save.HandleAsync(Backport())).Errors.Should().ContainSingle().Which.Message.Should().Be("Another offering already has the code 'backport-fix'.");
    }

    [Fact]
    public async Task EditingAPublishedOffering_SavesANewDraft_AndLeavesThePublishedVersionAsItWas()
    {
        var first = (await Save.HandleAsync(Backport())).Value!;
        var published = (await Publish.HandleAsync(new PublishOfferingRequest(first.OfferingId, first.Version, 5))).Value!;

        var opened = await Save.OpenAsync(first.OfferingId);
        opened!.Id.Should().Be(0);
        opened.Number.Should().Be(2);
        var second = await Save.HandleAsync(Backport("1800") with { OfferingId = first.OfferingId, Version = opened.Version });

        second.Value!.Number.Should().Be(2);
        second.Value.Status.Should().Be(OfferingVersionStatus.Draft);
        _store.Versions.Single(v => v.Id == published.Id).Should().BeEquivalentTo(published, "a published version never changes");
    }

    [Fact]
    public async Task SavingADraftThatWasPublishedMeanwhile_IsRefusedBesideTheTerms()
    {
        var draft = (await Save.HandleAsync(Backport())).Value!;
        await Publish.HandleAsync(new PublishOfferingRequest(draft.OfferingId, draft.Version, 5));

        var late = await Save.HandleAsync(Backport() with { OfferingId = draft.OfferingId, Version = draft.Version, Terms = "Changed terms for {{price}}." });

        late.Errors.Should().ContainSingle().Which.Should().Be(new Common.FieldError("terms", "Version 1 of backport-fix was published while you edited it; a published version's price and terms never change. Open the offering again to make your changes in a new version."));
        _store.Versions.Should().ContainSingle().Which.TermsMarkdown.Should().StartWith("We move the fix");
    }

    [Fact]
    public async Task Publish_SupersedesTheVersionPublishedBefore()
    {
        var first = (await Save.HandleAsync(Backport())).Value!;
        await Publish.HandleAsync(new PublishOfferingRequest(first.OfferingId, first.Version, 5));
        var second = (await Save.HandleAsync(Backport("1800") with { OfferingId = first.OfferingId })).Value!;

        var published = await Publish.HandleAsync(new PublishOfferingRequest(first.OfferingId, second.Version, 5));

        published.Value!.Number.Should().Be(2);
        _store.Versions.Select(v => (v.Number, v.Status)).Should().BeEquivalentTo([(1, OfferingVersionStatus.Superseded), (2, OfferingVersionStatus.Published)]);
    }

    [Fact]
    public async Task Retire_ThenBringBack()
    {
        var first = (await Save.HandleAsync(Backport())).Value!;
        var retire = new RetireOffering(_store);

        var retired = await retire.HandleAsync(new RetireOfferingRequest(first.OfferingId, 1, Retire: true));
        var again = await retire.HandleAsync(new RetireOfferingRequest(first.OfferingId, 2, Retire: true));
        var back = await retire.HandleAsync(new RetireOfferingRequest(first.OfferingId, 2, Retire: false));

        retired.Value!.Status.Should().Be(OfferingStatus.Retired);
        again.Errors.Should().ContainSingle().Which.Message.Should().Be("backport-fix is already retired.");
        back.Value!.Status.Should().Be(OfferingStatus.Active);
    }
}
