using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>
/// The demo's year, rolled up at start-up, shows what a support P&amp;L is for: one product clearly costlier to
/// support, one customer that costs more than it pays, busy and quiet months, a supplier cheaper per case than the
/// in-house team, and renewals that follow satisfaction.
/// </summary>
public sealed class DemoEconomicsTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly EconomicsFilter LastYear = new(Today.AddDays(-364), Today);

    [Fact]
    public async Task Seed_IsRolledUp_WithNothingLeftOnTheChangeLog()
    {
        var reader = Reader();
        var total = await reader.TotalAsync(LastYear);
        await using var connection = await app.Connections.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM EconomicsChanges")).Should().Be(0);
        total.TicketsOpened.Should().Be(await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Tickets WHERE CreatedUtc >= @From", new { From = LastYear.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));
        total.LabourCostCents.Should().BePositive();
        total.SupportRevenueCents.Should().BePositive();
        total.ServicesRevenueCents.Should().BePositive("the demo's accepted offers are booked");
        SupportMetrics.FirstContactResolution(total).Value.Should().BeInRange(0.2m, 0.6m, "about a third of resolved requests are answered by the first reply");
        total.NpsPromoters.Should().BePositive();
        total.NpsDetractors.Should().BePositive("the customers who left said so");
    }

    [Fact]
    public async Task Mooring_IsTheProductCostliestToSupport_PerCaseAndInTotal()
    {
        var products = (await Reader().ByLevelAsync(EconomicsLevel.Product, LastYear)).Where(p => p.Key != "0").ToList();

        products.Should().HaveCount(3);
        var costliest = products.MaxBy(p => p.Measures.LabourCostCents)!;
        costliest.Name.Should().Be("Mooring Gateway");
        var perCase = products.ToDictionary(p => p.Name, p => (decimal)p.Measures.LabourCostCents / p.Measures.TicketsResolved);
        perCase["Mooring Gateway"].Should().BeGreaterThan(1.4m * perCase.Where(p => p.Key != "Mooring Gateway").Max(p => p.Value));
    }

    [Fact]
    public async Task Tailspin_IsTheOneCustomerThatLosesMoney()
    {
        var customers = await Reader().ByLevelAsync(EconomicsLevel.Customer, LastYear);

        var losing = customers.Where(c => SupportMetrics.Profit(c.Measures).Value < 0).Select(c => c.Name);

        losing.Should().Equal("Tailspin Toys");
    }

    [Fact]
    public async Task TheYear_HasBusyAndQuietMonths()
    {
        var months = await Reader().ByMonthAsync(LastYear);

        // Whole months only: the first and the current are partial.
        var whole = months.Where(m => m.Month > LastYear.From && m.Month.AddMonths(1) <= Today).Select(m => m.Measures.TicketsOpened).ToList();
        whole.Should().HaveCountGreaterThanOrEqualTo(10);
        whole.Max().Should().BeGreaterThanOrEqualTo(2 * whole.Min());
    }

    [Fact]
    public async Task TheSupplier_CostsLessPerCaseThanTheInHouseTeam()
    {
        await using var connection = await app.Connections.OpenAsync();

        var supplierPrice = await connection.ExecuteScalarAsync<long>("SELECT PricePerCaseCents FROM EngineerProfiles WHERE Sourcing = 'Supplier'");
        // Tickets only in-house engineers worked on, and what the facts say each cost.
        var inHouse = (await connection.QueryAsync<long>("""
            SELECT SUM(f.LabourCostCents)
            FROM TicketDayFacts f
            WHERE f.TicketId IN (SELECT TicketId FROM TimeEntries)
              AND NOT EXISTS (
                  SELECT 1 FROM TimeEntries e JOIN EngineerProfiles p ON p.UserId = e.EngineerId
                  WHERE e.TicketId = f.TicketId AND p.Sourcing = 'Supplier')
            GROUP BY f.TicketId
            """)).ToList();

        inHouse.Should().HaveCountGreaterThan(50);
        supplierPrice.Should().BeLessThan((long)inHouse.Average());
    }

    [Fact]
    public async Task Renewals_FollowSatisfaction()
    {
        await using var connection = await app.Connections.OpenAsync();
        var ended = (await connection.QueryAsync<EndedRow>("""
            SELECT c.Id, c.OrganisationId,
                   EXISTS (SELECT 1 FROM Contracts n WHERE n.RenewsContractId = c.Id) AS Renewed,
                   (SELECT COALESCE(SUM(g.Score), 0) FROM TicketRatings g JOIN Tickets t ON t.Id = g.TicketId
                    WHERE t.OrganisationId = c.OrganisationId AND g.CreatedUtc >= c.StartsOn AND g.CreatedUtc < date(c.EndsOn, '+1 day')) AS CsatSum,
                   (SELECT COUNT(*) FROM TicketRatings g JOIN Tickets t ON t.Id = g.TicketId
                    WHERE t.OrganisationId = c.OrganisationId AND g.CreatedUtc >= c.StartsOn AND g.CreatedUtc < date(c.EndsOn, '+1 day')) AS CsatCount
            FROM Contracts c
            WHERE c.EndsOn >= @From AND c.EndsOn < @To
            """, new { From = LastYear.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .Select(r => new EndedContract((int)r.Id, (int)r.OrganisationId, r.Renewed != 0, r.CsatSum, r.CsatCount))
            .ToList();

        var bands = RenewalBands.For(ended).ToDictionary(b => b.Band);

        ended.Should().HaveCount(5);
        bands[RenewalBands.Low].Should().Match<RenewalBand>(b => b.Ended == 2 && b.Renewed == 0, "Wingtip and Litware were unhappy and left");
        (bands[RenewalBands.Middle].Renewed + bands[RenewalBands.High].Renewed).Should().Be(3, "Northwind, Adatum and Contoso were pleased and renewed");
        bands[RenewalBands.High].Renewed.Should().BePositive();
    }

    private IEconomicsReader Reader()
    {
        // The demo is seeded and rolled up at start-up; creating a client starts the app.
        using var client = app.CreateAnonymousClient();
        return app.Services.GetRequiredService<IEconomicsReader>();
    }

    private sealed record EndedRow(long Id, long OrganisationId, long Renewed, long CsatSum, long CsatCount);
}
