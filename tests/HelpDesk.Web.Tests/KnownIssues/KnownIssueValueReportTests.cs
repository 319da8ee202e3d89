using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.KnownIssues;

/// <summary>
/// "Known issues fixed that they reported" in the value report: a fixed issue linked to two Northwind tickets and one
/// Contoso ticket counts two for Northwind and one for Contoso, on the portal, the manager's copy and the mailed report.
/// </summary>
public sealed class KnownIssueValueReportTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Title = "Value report: exports lose the last row";

    [Fact]
    public async Task AFixedIssue_CountsOnlyEachOrganisationsOwnLinkedTickets_OnThePortal_TheManagersCopy_AndTheMail()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        await using var db = await app.Connections.OpenAsync();
        var keel = await db.ExecuteScalarAsync<int>("SELECT Id FROM Products WHERE Code = 'keel'");
        var (created, issue) = await engineer.PostJsonAsync("/api/known-issues", new
        {
            title = Title, productId = keel, affectedReleases = "5.2", kind = "Defect", status = "Fixed", statusRelease = "5.4", publicNote = "Upgrade to 5.4.",
        });
        created.Should().Be(HttpStatusCode.Created);
        var id = issue.Number("id");
        foreach (var filer in new[] { northwind, northwind, contoso })
        {
            var number = (await filer.FileAsync("Export loses its last row")).Text("number");
            (await engineer.PostJsonAsync($"/api/tickets/{number}/known-issue", new { knownIssueId = id })).Status.Should().Be(HttpStatusCode.OK);
        }

        var northwindId = await db.ExecuteScalarAsync<int>("SELECT OrganisationId FROM Users WHERE Email = @Email", new { Email = NorthwindCustomer });
        using var northwindPages = await app.SignInAsync(NorthwindCustomer);
        using var contosoPages = await app.SignInAsync(ContosoCustomer);
        using var manager = await app.SignInAsync(Manager);
        var managerPage = $"/manage/organisations/value/{northwindId.ToString(CultureInfo.InvariantCulture)}";

        LinkedTickets(await (await northwindPages.GetAsync("/portal/value")).Content.ReadAsStringAsync(), id).Should().Be(2);
        LinkedTickets(await (await contosoPages.GetAsync("/portal/value")).Content.ReadAsStringAsync(), id).Should().Be(1, "Northwind's tickets are not Contoso's");
        var managerHtml = WebUtility.HtmlDecode(await (await manager.GetAsync(managerPage)).Content.ReadAsStringAsync());
        LinkedTickets(managerHtml, id).Should().Be(2);
        managerHtml.Should().Contain("Known issues fixed that you reported").And.Contain(ValueReportFigures.KnownIssuesFixedHow);

        var recipient = await db.ExecuteScalarAsync<int>("SELECT Id FROM Users WHERE Email = @Email", new { Email = NorthwindCustomer });
        (await manager.PostFormAsync(managerPage, new Dictionary<string, string> { ["recipientId"] = recipient.ToString(CultureInfo.InvariantCulture) }, "Send"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var mails = await db.QueryAsync<string>(
            "SELECT TextBody FROM OutboxMessages WHERE Kind = @Kind AND ToAddress = @Email", new { Kind = SendValueReport.Kind, Email = NorthwindCustomer });
        mails.Should().Contain(m => m.Contains($"{Title} (Keel RTOS): Fixed in 5.4, reported on 2 of your tickets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOpenIssue_IsNotCountedAsFixed()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        await using var db = await app.Connections.OpenAsync();
        var keel = await db.ExecuteScalarAsync<int>("SELECT Id FROM Products WHERE Code = 'keel'");
        var (_, issue) = await engineer.PostJsonAsync("/api/known-issues", new { title = "Value report: still open", productId = keel, kind = "Defect", status = "Open" });
        var number = (await northwind.FileAsync("Still broken")).Text("number");
        await engineer.PostJsonAsync($"/api/tickets/{number}/known-issue", new { knownIssueId = issue.Number("id") });
        using var pages = await app.SignInAsync(NorthwindCustomer);

        var html = await (await pages.GetAsync("/portal/value")).Content.ReadAsStringAsync();

        html.Should().NotContain("Value report: still open");
    }

    private static int LinkedTickets(string html, int knownIssue)
    {
        var match = Regex.Match(html, $"<tr data-known-issue=\"{knownIssue.ToString(CultureInfo.InvariantCulture)}\">.*?data-tickets=\"([0-9]+)\"", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the report lists the fixed issue");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
