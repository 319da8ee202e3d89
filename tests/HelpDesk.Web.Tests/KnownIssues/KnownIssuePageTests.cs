using System.Globalization;
using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.KnownIssues;

/// <summary>
/// The known issue pages: a manager's form shows field errors and a stale edit; an engineer links a ticket from the
/// desk; the customer reads the issue on their ticket; the ranked list and the issue's page show it with its tickets.
/// </summary>
public sealed class KnownIssuePageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Form_ShowsFieldErrors_AndAStaleEdit()
    {
        var manager = await app.SignInAsync(Manager);
        var script = await app.SignInWithTokenAsync(Manager);

        var empty = await manager.PostFormAsync("/manage/known-issues/edit", new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Status"] = "Fixed" });
        var emptyHtml = await empty.Content.ReadAsStringAsync();

        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(emptyHtml).Should().Contain("Enter a title").And.Contain("Choose the product").And.Contain("Name the release the fix shipped in");

        var product = await ProductAsync();
        var (_, created) = await script.PostJsonAsync("/api/known-issues", new { title = "Page stale test", productId = product, kind = "Defect", status = "Open" });
        var id = created.Number("id");
        var read = created.Number("version");
        (await script.PostJsonAsync($"/api/known-issues/{id}", new { title = "Changed meanwhile", productId = product, kind = "Defect", status = "Open", version = read })).Status
            .Should().Be(HttpStatusCode.OK);

        var stale = await manager.PostFormAsync($"/manage/known-issues/edit/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "My edit",
            ["Input.ProductId"] = product.ToString(CultureInfo.InvariantCulture),
            ["Input.Kind"] = "Defect",
            ["Input.Status"] = "Open",
            ["Input.Version"] = read.ToString(CultureInfo.InvariantCulture),
        });

        var staleHtml = await stale.Content.ReadAsStringAsync();
        staleHtml.Should().Contain("Someone else changed this known issue");
        staleHtml.Should().Contain("value=\"My edit\"", "what was typed stays in the form");
    }

    [Fact]
    public async Task EngineerLinksFromTheDesk_CustomerSeesIt_AndTheListRanksIt()
    {
        var engineer = await app.SignInAsync(Engineer);
        var manager = await app.SignInAsync(Manager);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var customerPages = await app.SignInAsync(NorthwindCustomer);
        var number = (await customer.FileAsync("Sensor readings freeze")).Text("number");

        var linked = await engineer.PostFormAsync($"/desk/tickets/{number}/known-issue", new Dictionary<string, string>
        {
            ["Input.NewTitle"] = "Sensor driver stalls under load",
            ["Input.NewProductId"] = (await ProductAsync()).ToString(CultureInfo.InvariantCulture),
            ["Input.NewKind"] = "Defect",
        });

        linked.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await linked.Content.ReadAsStringAsync()));
        (await (await engineer.GetAsync($"/desk/tickets/{number}")).Content.ReadAsStringAsync()).Should().Contain("Sensor driver stalls under load");
        var portal = await (await customerPages.GetAsync($"/portal/tickets/{number}")).Content.ReadAsStringAsync();
        portal.Should().Contain("Sensor driver stalls under load").And.Contain("Open");
        var list = await (await manager.GetAsync("/manage/known-issues")).Content.ReadAsStringAsync();
        list.Should().Contain("Sensor driver stalls under load").And.Contain("1 customer affected");
    }

    private async Task<int> ProductAsync()
    {
        await using var connection = await app.Connections.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT Id FROM Products WHERE Code = 'keel'");
    }
}
