using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.KnownIssues;

/// <summary>
/// <c>/api/known-issues</c> and <c>POST /api/tickets/{number}/known-issue</c>: staff keep and rank known issues, a
/// stale change is 409, customers see only the issues linked to their own tickets, and telling the customers of a fix
/// mails each linked open ticket once.
/// </summary>
public sealed class KnownIssueApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Create_WithoutTitleProductOrRelease_Answers422_WithEachFieldNamed()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var (status, problem) = await engineer.PostJsonAsync("/api/known-issues", new { kind = "Defect", status = "Fixed" });
        var (unreadable, _) = await engineer.PostJsonAsync("/api/known-issues", new { title = "x", kind = 7 });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["title", "productId", "statusRelease"]);
        unreadable.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Change_WithAStaleVersion_Answers409_AndKeepsTheOtherChange()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var created = await CreateAsync(engineer, "Reports time out on large ledgers");
        var id = created.Number("id");
        var read = created.Number("version");

        var (first, _) = await engineer.PostJsonAsync($"/api/known-issues/{id}", await BodyAsync("Reports time out on ledgers over 1 GB", "FixPlanned", "6.0", read));
        var (second, problem) = await engineer.PostJsonAsync($"/api/known-issues/{id}", await BodyAsync("Something else", "Open", null, read));

        first.Should().Be(HttpStatusCode.OK);
        second.Should().Be(HttpStatusCode.Conflict);
        problem.Text("detail").Should().Contain("Someone else changed this known issue");
        var stored = (await engineer.GetJsonAsync($"/api/known-issues/{id}")).GetProperty("issue");
        stored.Text("title").Should().Be("Reports time out on ledgers over 1 GB");
        stored.Text("statusText").Should().Be("Fix planned in 6.0");
    }

    [Fact]
    public async Task Customers_SeeOnlyTheKnownIssuesOfTheirOwnTickets_AndCannotCreateOrLink()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        var issue = await CreateAsync(engineer, "Northwind-only import failure");
        var id = issue.Number("id");
        var ticket = (await northwind.FileAsync("Import fails")).Text("number");
        (await engineer.PostJsonAsync($"/api/tickets/{ticket}/known-issue", new { knownIssueId = id })).Status.Should().Be(HttpStatusCode.OK);

        var own = await northwind.GetJsonAsync("/api/known-issues");
        var others = await contoso.GetJsonAsync("/api/known-issues");
        var otherGet = await contoso.GetAsync($"/api/known-issues/{id}");
        var (create, _) = await northwind.PostJsonAsync("/api/known-issues", await BodyAsync("Mine", "Open", null, null));
        var (link, _) = await northwind.PostJsonAsync($"/api/tickets/{ticket}/known-issue", new { knownIssueId = id });

        own.EnumerateArray().Select(i => i.Text("title")).Should().Contain("Northwind-only import failure");
        own.EnumerateArray().SelectMany(i => i.EnumerateObject().Select(p => p.Name)).Should().NotContain(["reasons", "labourCents"], "customers get the public fields only");
        others.EnumerateArray().Select(i => i.Text("title")).Should().NotContain("Northwind-only import failure");
        otherGet.StatusCode.Should().Be(HttpStatusCode.NotFound);
        create.Should().Be(HttpStatusCode.Forbidden);
        link.Should().Be(HttpStatusCode.NotFound);
        (await northwind.GetJsonAsync($"/api/known-issues/{id}")).GetProperty("issue").Text("title").Should().Be("Northwind-only import failure");
    }

    [Fact]
    public async Task List_RanksTheIssueWithMoreLabourFirst_WithReasons()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var cheap = (await CreateAsync(engineer, "Cheap issue for ranking")).Number("id");
        var costly = (await CreateAsync(engineer, "Costly issue for ranking")).Number("id");
        var a = (await customer.FileAsync("Ranking A")).Text("number");
        var b = (await customer.FileAsync("Ranking B")).Text("number");
        await engineer.PostJsonAsync($"/api/tickets/{a}/known-issue", new { knownIssueId = cheap });
        await engineer.PostJsonAsync($"/api/tickets/{b}/known-issue", new { knownIssueId = costly });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await engineer.PostJsonAsync($"/api/tickets/{b}/time", new { minutes = 240, workDate = today, note = "Reproducing", billable = false })).Status
            .Should().Be(HttpStatusCode.Created);

        var ranked = (await engineer.GetJsonAsync("/api/known-issues")).EnumerateArray()
            .Where(r => r.GetProperty("issue").Text("title").EndsWith("for ranking", StringComparison.Ordinal)).ToList();

        ranked.Select(r => r.GetProperty("issue").Text("title")).Should().Equal("Costly issue for ranking", "Cheap issue for ranking");
        ranked[0].GetProperty("labourMinutes").GetInt64().Should().Be(240);
        ranked[0].GetProperty("customersAffected").GetInt32().Should().Be(1);
        ranked[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Contain(r => r!.StartsWith("4 h of labour on 1 linked ticket cost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TellEveryCustomer_MailsEachLinkedOpenTicketOnce_EvenWhenCalledTwice()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        var created = await CreateAsync(engineer, "Totals wrong after currency switch");
        var id = created.Number("id");
        var first = (await northwind.FileAsync("Totals are wrong")).Text("number");
        var second = (await contoso.FileAsync("Our totals are off")).Text("number");
        foreach (var number in new[] { first, second })
        {
            (await engineer.PostJsonAsync($"/api/tickets/{number}/known-issue", new { knownIssueId = id })).Status.Should().Be(HttpStatusCode.OK);
        }

        var (notYet, notYetProblem) = await engineer.PostJsonAsync($"/api/known-issues/{id}/notices", new { });
        (await engineer.PostJsonAsync($"/api/known-issues/{id}", await BodyAsync("Totals wrong after currency switch", "Fixed", "5.4", created.Number("version")))).Status
            .Should().Be(HttpStatusCode.OK);
        var (told, notice) = await engineer.PostJsonAsync($"/api/known-issues/{id}/notices", new { });
        var (again, repeat) = await engineer.PostJsonAsync($"/api/known-issues/{id}/notices", new { });

        notYet.Should().Be(HttpStatusCode.UnprocessableEntity);
        notYetProblem.Errors().Should().ContainKey("status");
        told.Should().Be(HttpStatusCode.OK);
        notice.Number("told").Should().Be(2);
        again.Should().Be(HttpStatusCode.OK);
        repeat.Number("told").Should().Be(0);
        repeat.Number("alreadyTold").Should().Be(2);
        (await app.OutboxTextsAsync()).Count(t => t.Contains("\"Totals wrong after currency switch\", is fixed in Keel RTOS 5.4", StringComparison.Ordinal))
            .Should().Be(2, "one mail per linked ticket, however often the action runs");
        var replies = (await northwind.GetJsonAsync($"/api/tickets/{first}")).GetProperty("messages").EnumerateArray()
            .Count(m => m.Text("bodyText").Contains("is fixed in Keel RTOS 5.4", StringComparison.Ordinal));
        replies.Should().Be(1);
    }

    private async Task<int> KeelAsync()
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT Id FROM Products WHERE Code = 'keel'");
    }

    private async Task<System.Text.Json.JsonElement> CreateAsync(HttpClient engineer, string title)
    {
        var (status, created) = await engineer.PostJsonAsync("/api/known-issues", new
        {
            title,
            productId = await KeelAsync(),
            affectedReleases = "5.2, 5.3",
            kind = "Defect",
            status = "Open",
            publicNote = "We are working on it.",
        });
        status.Should().Be(HttpStatusCode.Created, created.ToString());
        return created;
    }

    private async Task<object> BodyAsync(string title, string status, string? release, int? version) => new
    {
        title,
        productId = await KeelAsync(),
        affectedReleases = "5.2, 5.3",
        kind = "Defect",
        status,
        statusRelease = release,
        publicNote = "We are working on it.",
        version,
    };
}
