using System.Net;
using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Desk;

/// <summary>
/// The desk's time log prices the work as the facts do: two in-house engineers at their own rates in force on each
/// work date, and a supplier's price once per case; an out-of-scope ticket shows the work as goodwill.
/// </summary>
public sealed class DeskCostTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Kenji = "kenji.sato@helpdesk.test";
    private const string Lena = "lena.fischer@helpdesk.test";
    private const string Tidewater = "tidewater@helpdesk.test";

    [Fact]
    public async Task TimeLog_ShowsEachEntrysCostWithItsReason_AndTheTicketsLabourCost_AsTheFactsCountIt()
    {
        var ticket = await PricedTicketAsync("Costed by two engineers and a supplier");
        var desk = await app.SignInAsync(DeskFixture.Engineer);

        var html = WebUtility.HtmlDecode(await desk.GetStringAsync($"/desk/tickets/{ticket.Number}"));

        html.Should().Contain("95 min × 60.00 USD/h (Kenji Sato's rate from 1 Mar 2026) = 95.00 USD");
        html.Should().Contain("30 min × 50.00 USD/h (Kenji Sato's rate from 1 Jan 2025) = 25.00 USD");
        html.Should().Contain("7 min × 90.00 USD/h (Lena Fischer's rate from 1 Jan 2025) = 10.50 USD");
        html.Should().Contain("price per case of Tidewater Services, once for the ticket = 120.00 USD");
        html.Should().Contain("Tidewater Services charges per case, already counted on 3 Mar 2026 = 0.00 USD");
        html.Should().Contain("<dd class=\"labour-cost-total\">250.50 USD</dd>");
        html.Should().NotContain("goodwill-cost", "an entitled ticket gives nothing away");

        (await FactsAsync(ticket.Id)).Labour.Should().Be(250_50, "the facts count what the desk shows");
    }

    [Fact]
    public async Task AnOutOfScopeTicket_ShowsItsLabourAsGoodwill_AndAnOverrideToEntitled_TheGoodwillTheFactsCount()
    {
        var ticket = await PricedTicketAsync("Outside the cover");
        await SetVerdictAsync(ticket.Id, "OutOfScope", null);
        var desk = await app.SignInAsync(DeskFixture.Engineer);

        var outside = await desk.GetStringAsync($"/desk/tickets/{ticket.Number}");

        outside.Should().Contain("<dd class=\"goodwill-cost\"><span class=\"money\">250.50 USD</span>");
        outside.Should().Contain("Labour on a request outside the cover");
        (await FactsAsync(ticket.Id)).Goodwill.Should().Be(0, "the facts count goodwill only once the verdict is overridden to entitled");

        await SetVerdictAsync(ticket.Id, "OutOfScope", "Entitled");
        var given = await desk.GetStringAsync($"/desk/tickets/{ticket.Number}");

        given.Should().Contain("<dd class=\"goodwill-cost\"><span class=\"money\">250.50 USD</span>");
        given.Should().Contain("Overridden to entitled from out of scope");
        (await FactsAsync(ticket.Id)).Goodwill.Should().Be(250_50);
    }

    [Fact]
    public async Task TheCustomer_NeverSeesTheCost()
    {
        var ticket = await PricedTicketAsync("Not for the customer's eyes");
        var customer = await app.SignInAsync(DeskFixture.Customer);

        var response = await customer.GetAsync($"/portal/tickets/{ticket.Number}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(ticket.Subject).And.NotContain("USD/h").And.NotContain("Labour cost").And.NotContain("price per case");
        (await customer.GetAsync($"/desk/tickets/{ticket.Number}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// A ticket with Kenji Sato's time on both sides of his rate change, Lena Fischer's at her rate, and two entries by
    /// the supplier Tidewater Services: 25.00 + 95.00 + 10.50 + 120.00 = 250.50.
    /// </summary>
    private async Task<Ticket> PricedTicketAsync(string subject)
    {
        var kenji = (await app.UserIdAsync(Kenji))!.Value;
        var lena = (await app.UserIdAsync(Lena))!.Value;
        var tidewater = (await app.UserIdAsync(Tidewater))!.Value;
        await using (var connection = await app.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM EngineerRates WHERE UserId IN @Ids", new { Ids = new[] { kenji, lena } });
            const string rate = "INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc) VALUES (@UserId, @From, @Cents, @Now)";
            var now = DateTime.UtcNow;
            await connection.ExecuteAsync(rate, new { UserId = kenji, From = new DateOnly(2025, 1, 1), Cents = 50_00, Now = now });
            await connection.ExecuteAsync(rate, new { UserId = kenji, From = new DateOnly(2026, 3, 1), Cents = 60_00, Now = now });
            await connection.ExecuteAsync(rate, new { UserId = lena, From = new DateOnly(2025, 1, 1), Cents = 90_00, Now = now });
            await connection.ExecuteAsync(
                "UPDATE EngineerProfiles SET Sourcing = 'Supplier', Supplier = 'Tidewater Services', PricePerCaseCents = 12000 WHERE UserId = @Id", new { Id = tidewater });
        }

        var ticket = await app.FileAsync(subject);
        await using (var connection = await app.Connections.OpenAsync())
        {
            // Filed before the days worked, which time entries require.
            await connection.ExecuteAsync("UPDATE Tickets SET CreatedUtc = @Created WHERE Id = @Id", new { ticket.Id, Created = new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc) });
        }

        await LogAsync(ticket, kenji, 95, new DateOnly(2026, 3, 2));
        await LogAsync(ticket, kenji, 30, new DateOnly(2026, 2, 28));
        await LogAsync(ticket, lena, 7, new DateOnly(2026, 3, 2));
        await LogAsync(ticket, tidewater, 240, new DateOnly(2026, 3, 3));
        await LogAsync(ticket, tidewater, 60, new DateOnly(2026, 3, 4));
        return ticket;
    }

    private async Task LogAsync(Ticket ticket, int engineerId, int minutes, DateOnly day)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<LogTime>()
            .HandleAsync(new LogTimeRequest(TicketActor.Staff(engineerId), ticket.Id, minutes, day, "work", Billable: true));
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    private async Task SetVerdictAsync(int ticketId, string verdict, string? overrideVerdict)
    {
        await using var connection = await app.Connections.OpenAsync();
        await connection.ExecuteAsync("UPDATE Tickets SET Verdict = @Verdict, OverrideVerdict = @Override WHERE Id = @Id", new { Id = ticketId, Verdict = verdict, Override = overrideVerdict });
    }

    /// <summary>The ticket's facts after a rollup, summed over its days.</summary>
    private async Task<(long Labour, long Goodwill)> FactsAsync(int ticketId)
    {
        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MetricsRollup>().RunIncrementalAsync()).AlreadyRunning.Should().BeFalse();
        }

        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT COALESCE(SUM(LabourCostCents), 0), COALESCE(SUM(GoodwillCostCents), 0) FROM TicketDayFacts WHERE TicketId = @Id", new { Id = ticketId });
    }
}
