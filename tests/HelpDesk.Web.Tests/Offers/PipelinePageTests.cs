using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Offers;

public sealed class PipelinePageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Page = "/manage/services/pipeline";

    [Fact]
    public async Task Pipeline_ShowsTheDemoOffersInEveryState_TheirConversion_RevenueByMonth_AndDeclineReasons()
    {
        var manager = await app.SignInAsync(Manager);

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync($"{Page}?months=0"));

        await using var connection = await app.Connections.OpenAsync();
        var counts = (await connection.QueryAsync<(string Status, int Count)>("SELECT Status, COUNT(*) FROM Offers GROUP BY Status")).ToDictionary(r => r.Status, r => r.Count);
        counts.Keys.Should().BeEquivalentTo(["Sent", "Accepted", "Declined", "Expired", "Withdrawn"], "the demo has offers in every state");
        var sent = counts.Values.Sum();
        var totals = Regex.Match(html, "data-pipeline=\"total\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Regex.Matches(totals, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value).Take(6)
            .Should().Equal($"{sent}", $"{counts["Sent"]}", $"{counts["Accepted"]}", $"{counts["Declined"]}", $"{counts["Expired"]}", $"{counts["Withdrawn"]}");
        html.Should().Contain($"{counts["Accepted"]} accepted ÷ {counts["Accepted"] + counts["Declined"] + counts["Expired"]} decided");
        html.Should().Contain("data-dimension=\"offering\"").And.Contain("data-dimension=\"product\"")
            .And.Contain("data-dimension=\"segment\"").And.Contain("data-dimension=\"engineer\"");
        html.Should().Contain("Backport a fix to an older release (backport-fix)");

        var months = (await connection.QueryAsync<string>("SELECT DISTINCT substr(Day, 1, 7) FROM ServicesRevenue")).ToList();
        months.Should().HaveCountGreaterThan(1, "accepted demo offers fall in several months");
        html.Should().Contain($"data-month=\"{months[0]}\"").And.Contain("<svg class=\"revenue-chart\"");
        html.Should().Contain(" USD");
        var reasons = (await connection.QueryAsync<string>("SELECT DISTINCT DeclineReason FROM Offers WHERE Status = 'Declined' AND DeclineReason IS NOT NULL")).ToList();
        reasons.Should().NotBeEmpty();
        html.Should().ContainAll(reasons);
        html.Should().Contain("Close without an offer");
    }

    [Fact]
    public async Task Csv_IsTheConversionTable()
    {
        var manager = await app.SignInAsync(Manager);

        var response = await manager.GetAsync($"{Page}?months=0&handler=Csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be("services-pipeline-all.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("Dimension,Group,Sent,Open,Accepted,Declined,Expired,Withdrawn,Decided,Conversion,RevenueCents,Revenue");
        lines[1].Should().StartWith("All,All offers,");
        lines.Should().Contain(l => l.StartsWith("Offering,Backport a fix to an older release (backport-fix),", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Segment,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Engineer,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Close_ClosesTheOpenQuoteRequest_WithAnAuditLine()
    {
        var manager = await app.SignInAsync(Manager);
        await using var connection = await app.Connections.OpenAsync();
        var (id, version, ticketId) = await connection.QuerySingleAsync<(int, int, int)>("SELECT Id, Version, TicketId FROM QuoteRequests WHERE Status = 'Open' ORDER BY Id LIMIT 1");

        var forged = await manager.PostAsync($"{Page}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = $"{id}", ["version"] = $"{version}" }));
        var closed = await manager.PostFormAsync(Page, new Dictionary<string, string> { ["id"] = $"{id}", ["version"] = $"{version}" }, handler: "Close");

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the form needs its anti-forgery token");
        closed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await connection.ExecuteScalarAsync<string>("SELECT Status FROM QuoteRequests WHERE Id = @id", new { id })).Should().Be("Closed");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM TicketAudit WHERE TicketId = @ticketId AND Field = 'quote-request' AND NewValue LIKE 'Closed%'", new { ticketId })).Should().Be(1);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(closed.Headers.Location!.OriginalString));
        page.Should().Contain("Closed the quote request on HD-");
    }

    [Fact]
    public async Task Pipeline_IsForManagers_AndLinkedFromManageAndTheCatalogue()
    {
        var engineer = await app.SignInAsync(Engineer);
        var manager = await app.SignInAsync(Manager);

        (await engineer.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.GetStringAsync("/manage")).Should().Contain($"href=\"{Page}\"");
        (await manager.GetStringAsync("/manage/services")).Should().Contain($"href=\"{Page}\"");
        (await manager.GetStringAsync($"{Page}?months=3")).Should().Contain("<option value=\"3\" selected=\"selected\">");
    }
}
