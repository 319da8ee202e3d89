using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Offers.OfferSamples;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferProposalsTests
{
    public static TheoryData<string, ProposalRequest, string[]> Table() => new()
    {
        { "a backport of Orders API", Request(Verdict.OutOfScope, RequestCategories.Backport), ["Backport a fix"] },
        { "a backport of Billing: the backport service is Orders API's only", Request(Verdict.OutOfScope, RequestCategories.Backport) with { ProductId = 2 }, [] },
        { "a backport of an unknown product", Request(Verdict.OutOfScope, RequestCategories.Backport) with { ProductId = null }, [] },
        { "an unsupported environment: a service for any product", Request(Verdict.OutOfScope, RequestCategories.UnsupportedEnvironment) with { ProductId = 2 }, ["Port to a platform"] },
        { "a backport on an unsupported environment", Request(Verdict.OutOfScope, RequestCategories.Backport, RequestCategories.UnsupportedEnvironment), ["Backport a fix", "Port to a platform"] },
        { "consulting: no service answers it", Request(Verdict.OutOfScope, RequestCategories.ConsultingTraining), [] },
        { "incidents used up", Request(Verdict.AllowanceUsed), ["Five more incidents"] },
        { "no contract: every plan that includes the channel", Request(Verdict.NoContract), ["Bronze support", "Gold support"] },
        { "no contract by API: only Gold includes it", Request(Verdict.NoContract) with { Channel = TicketChannel.Api }, ["Gold support"] },
        { "expired: a renewal on either plan", Request(Verdict.Expired), ["Bronze support", "Gold support"] },
        { "channel not included: only a dearer plan is an upgrade", Request(Verdict.ChannelNotIncluded) with { Channel = TicketChannel.Email }, ["Gold support"] },
        { "entitled: nothing", Request(Verdict.Entitled), [] },
        { "not judged: nothing", Request(null), [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void For_ProposesWhatAnswersTheVerdict(string because, ProposalRequest request, string[] expected)
    {
        var proposals = OfferProposals.For(request, Catalogue);

        proposals.Items.Select(p => p.Version.Name).Should().Equal(expected, because);
        if (expected.Length == 0)
        {
            proposals.Reasons.Should().NotBeEmpty(because);
        }
    }

    [Fact]
    public void For_NeverProposesRetiredOrUnpublishedOfferings()
    {
        var draftOnly = new CatalogueEntry(
            new Offering { Id = 9, Code = "draft", Kind = OfferingKind.Service },
            [Backport.Published! with { Id = 9, OfferingId = 9, Status = OfferingVersionStatus.Draft, ProductIds = [] }]);

        var proposals = OfferProposals.For(Request(Verdict.OutOfScope, RequestCategories.Backport), [RetiredBackport, draftOnly]);

        proposals.Items.Should().BeEmpty();
        proposals.Reasons[0].Should().Be("No published service answers Backport a fix to an older release for this product. Send a quote request to the managers instead.");
    }

    [Fact]
    public void Service_IsPricedAtOnce_WhenFixed_AndOnceASizeIsChosen_WhenBySize()
    {
        var proposals = OfferProposals.For(Request(Verdict.OutOfScope, RequestCategories.Backport, RequestCategories.Port), Catalogue).Items;

        proposals.Single(p => p.Version.Name == "Backport a fix").Price!.Cents.Should().Be(1_500_00);
        proposals.Single(p => p.Version.Name == "Port to a platform").Price.Should().BeNull();
        proposals.Should().OnlyContain(p => p.Purpose == OfferPurpose.Service && p.ContractId == Current.Id);
        proposals[0].Why.Should().Be("Answers Backport a fix to an older release, which the Scope of Support excludes.");
    }

    [Fact]
    public void Pack_TopsUpTheContractTheDecisionNamed()
    {
        var pack = OfferProposals.For(Request(Verdict.AllowanceUsed), Catalogue).Items.Single();

        pack.Purpose.Should().Be(OfferPurpose.TopUp);
        pack.ContractId.Should().Be(Current.Id);
        pack.Price!.Cents.Should().Be(2_500_00);
        pack.Why.Should().Be("Adds 5 incidents to C-0007, whose allowance is used.");
    }

    [Fact]
    public void Pack_WithNoContractToTopUp_IsRefused()
    {
        var shaped = OfferProposals.Shape(Pack, Request(Verdict.Entitled) with { ContractId = null, Contracts = [] });

        shaped.Errors.Should().ContainSingle().Which.Field.Should().Be("contractId");
    }

    [Fact]
    public void NoContract_QuotesANewOneYearContract_AtTheListPrice()
    {
        var gold = OfferProposals.For(Request(Verdict.NoContract), Catalogue).Items.Single(p => p.Plan == Gold);

        gold.Purpose.Should().Be(OfferPurpose.NewContract);
        gold.ContractId.Should().BeNull();
        gold.ContractProductIds.Should().Equal(1);
        (gold.TermStartsOn, gold.TermEndsOn).Should().Be((Today, new DateOnly(2027, 11, 29)));
        gold.Price!.Cents.Should().Be(24_000_00);
    }

    [Fact]
    public void Expired_QuotesARenewalFromToday_ForATermAsLongAsTheOldOne()
    {
        var gold = OfferProposals.For(Request(Verdict.Expired), Catalogue).Items.Single(p => p.Plan == Gold);

        gold.Purpose.Should().Be(OfferPurpose.Renewal);
        gold.ContractId.Should().Be(Ended.Id);
        (gold.TermStartsOn, gold.TermEndsOn).Should().Be((Today, new DateOnly(2027, 11, 29)));
        gold.Price!.Explanation.Should().Be("Gold list price 24,000.00 USD a year × 365 days (30 Nov 2026 to 29 Nov 2027) ÷ 365 = 24,000.00 USD.");
    }

    [Fact]
    public void ChannelNotIncluded_QuotesTheUpgradeForTheRestOfTheTerm()
    {
        var gold = OfferProposals.For(Request(Verdict.ChannelNotIncluded) with { Channel = TicketChannel.Email }, Catalogue);

        var upgrade = gold.Items.Single();
        upgrade.Purpose.Should().Be(OfferPurpose.Upgrade);
        upgrade.ContractId.Should().Be(Current.Id);
        (upgrade.TermStartsOn, upgrade.TermEndsOn).Should().Be((Today, Current.EndsOn));
        upgrade.Price!.Cents.Should().Be(1_052_05);
        gold.Reasons.Should().ContainSingle().Which.Should().StartWith("Bronze support: The Bronze plan (6,000.00 USD a year) costs no more than Silver");
    }

    [Fact]
    public void Entitled_ProposesNothing_ButAnOfferingCanStillBeShapedForIt()
    {
        var request = Request(Verdict.Entitled, RequestCategories.Backport);

        OfferProposals.For(request, Catalogue).Reasons.Should().ContainSingle().Which.Should().Contain("goodwill");
        OfferProposals.Shape(Backport, request).Value!.Why.Should().Be("Answers Backport a fix to an older release, which the Scope of Support excludes.");
        OfferProposals.Shape(RetiredBackport, request).Errors.Should().ContainSingle().Which.Message.Should().Contain("retired");
    }

    [Fact]
    public void NewContract_NeedsAProductToCover()
    {
        var shaped = OfferProposals.Shape(GoldPlan, Request(Verdict.NoContract) with { ProductId = null });

        shaped.Errors.Should().ContainSingle().Which.Field.Should().Be("productId");
    }
}
