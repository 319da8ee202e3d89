using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Demo;

public sealed class DemoOffersTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Seed_PublishesAnOfferingForEveryOutOfScopeCategory_AnIncidentPack_AndPlans()
    {
        using var client = app.CreateAnonymousClient();
        var catalogue = await app.Services.GetRequiredService<IOfferingStore>().ListAsync();

        catalogue.Should().OnlyContain(e => e.Offerable, "every demo offering is published and active");
        var services = catalogue.Where(e => e.Offering.Kind == OfferingKind.Service).ToList();
        services.Should().HaveCountGreaterThanOrEqualTo(6);
        services.SelectMany(e => e.Published!.Categories).Distinct().Should().BeEquivalentTo(RequestCategories.OutOfScope.Select(c => c.Code));
        services.Should().Contain(e => e.Published!.PricingKind == PricingKind.Fixed).And.Contain(e => e.Published!.PricingKind == PricingKind.BySize);
        services.Where(e => e.Published!.PricingKind == PricingKind.BySize)
            .Should().OnlyContain(e => e.Published!.Sizes.All(s => s.Cents > 0 && !string.IsNullOrWhiteSpace(s.Definition)));
        services.Should().OnlyContain(e => OfferTerms.Blanks(e.Published!.TermsMarkdown).Count > 2, "the terms use blanks");
        catalogue.Should().Contain(e => e.Offering.Kind == OfferingKind.IncidentPack);
        catalogue.Count(e => e.Offering.Kind == OfferingKind.Plan).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Seed_MakesOffersInEveryState_OnTicketsOutsideTheirCover_AndLeavesNoMailUnsent()
    {
        using var client = app.CreateAnonymousClient();
        await using var connection = await app.Connections.OpenAsync();

        var statuses = await connection.QueryAsync<string>("SELECT DISTINCT Status FROM Offers");
        statuses.Should().BeEquivalentTo(Enum.GetNames<OfferStatus>());
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Offers WHERE Status = 'Declined' AND DeclineReason IS NOT NULL")).Should().BePositive();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Offers WHERE Status = 'Withdrawn' AND WithdrawReason IS NOT NULL")).Should().BePositive();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Offers WHERE Status = 'Sent' AND ExpiresUtc > @Now", new { Now = DateTime.UtcNow })).Should().BePositive();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM QuoteRequests WHERE Status = 'Open'")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE TicketId IS NOT NULL AND SentUtc IS NULL")).Should().Be(0);

        var accepted = (await connection.QueryAsync<(int Id, string Kind, int Acceptances, int Revenue, int Engagements)>("""
            SELECT f.Id, f.Kind,
                   (SELECT COUNT(*) FROM OfferAcceptances a WHERE a.OfferId = f.Id),
                   (SELECT COUNT(*) FROM ServicesRevenue r WHERE r.OfferId = f.Id),
                   (SELECT COUNT(*) FROM ServicesEngagements e WHERE e.OfferId = f.Id)
            FROM Offers f WHERE f.Status = 'Accepted'
            """)).ToList();
        accepted.Should().NotBeEmpty().And.OnlyContain(a => a.Kind == "Service" && a.Acceptances == 1 && a.Revenue == 1 && a.Engagements == 1);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Contracts WHERE Status = 'Pending'")).Should().Be(0, "the demo accepts no plan offer");
    }

    [Fact]
    public async Task Seed_RunAgain_AddsNothing()
    {
        using var client = app.CreateAnonymousClient();
        var before = await app.CountAsync("Offers");

        var made = await DemoOffers.SeedAsync(app.Services, DateTime.UtcNow);

        made.Should().Be(0);
        (await app.CountAsync("Offers")).Should().Be(before);
        (await app.CountAsync("Offerings")).Should().Be(DemoOfferings.All.Count);
    }
}
