using System.Net;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Desk;

/// <summary>The desk ticket page's forms that put a wrongly filed ticket right, and the Triage tab that lists those that need it.</summary>
public sealed class ClassificationPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task ATicketWithoutAProduct_IsOnTheTriageTab_WithItsBadge_AndItsPageOffersTheClassificationForm()
    {
        var ticket = await app.FileAsync("Triage me: no product named");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var triage = await engineer.GetStringAsync("/desk?queue=Triage");
        var page = await engineer.GetStringAsync(Url(ticket));

        DeskFixture.TicketIdsOn(triage).Should().Contain(ticket.Id);
        RowOf(triage, ticket).Should().Contain("needs classification");
        page.Should().Contain("class=\"badge needs-classification\"").And.Contain("class=\"classification-form\"");
        page.Should().Contain("<option value=\"keel\">Keel RTOS</option>");
    }

    [Fact]
    public async Task Classify_JudgesTheTicketAgain_TakesItOffTheTriageTab_AndShowsTheVerdictItWasFiledWith()
    {
        var ticket = await app.FileAsync("Classify me: kernel panics");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var response = await engineer.PostFormAsync(Url(ticket), Classification(ticket.Version, product: "keel", release: "6.0"), handler: "Classify");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await engineer.GetStringAsync(Url(ticket));
        page.Should().Contain("Classified and judged again: Entitled.");
        page.Should().Contain("When it was filed it was").And.Contain("pending classification");
        page.Should().NotContain("class=\"badge needs-classification\"");
        var row = await RowAsync(ticket.Id);
        row.Product.Should().Be("Keel RTOS");
        row.NeedsClassification.Should().BeFalse();
        (await engineer.GetStringAsync("/desk?queue=Triage")).Should().NotContain($"/desk/tickets/{ticket.Number}\"");
        (await app.AuditAsync(ticket.Id)).Should().Contain(a => a.Field == "entitlement" && a.OldValue == "Entitled, needs classification" && a.NewValue == "Entitled");
    }

    [Fact]
    public async Task Classify_ShowsErrorsBesideTheFields_AndSavesNothing()
    {
        var ticket = await app.FileAsync("Classify me badly");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var response = await engineer.PostFormAsync(Url(ticket), Classification(ticket.Version, product: "", release: ""), handler: "Classify");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        FormOf(html, "classification-form").Should().Contain("Choose the product the request is about.");
        (await RowAsync(ticket.Id)).NeedsClassification.Should().BeTrue();
    }

    [Fact]
    public async Task Classify_SaysSomeoneElseChangedTheTicket_WhenTheVersionIsStale()
    {
        var ticket = await app.FileAsync("Classify me late");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        await app.AssignAsync(ticket.Id, DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync(Url(ticket), Classification(ticket.Version, product: "keel", release: "6.0"), handler: "Classify");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this ticket");
        (await RowAsync(ticket.Id)).NeedsClassification.Should().BeTrue();
    }

    [Fact]
    public async Task Duplicate_ClosesTheTicket_AndEachPageLinksToTheOther()
    {
        var original = await app.FileAsync("Duplicate test: the original");
        var duplicate = await app.FileAsync("Duplicate test: the same again");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var missing = await engineer.PostFormAsync(Url(duplicate), new Dictionary<string, string> { ["Version"] = $"{duplicate.Version}", ["Duplicate.Original"] = "" }, handler: "Duplicate");
        var response = await engineer.PostFormAsync(Url(duplicate), new Dictionary<string, string> { ["Version"] = $"{duplicate.Version}", ["Duplicate.Original"] = original.Number }, handler: "Duplicate");

        FormOf(await missing.Content.ReadAsStringAsync(), "duplicate-form").Should().Contain("Give the number of the ticket this one duplicates");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.TicketRowAsync(duplicate.Id)).Status.Should().Be("Closed");
        (await engineer.GetStringAsync(Url(duplicate))).Should().Contain($"Closed as a duplicate of <a href=\"/desk/tickets/{original.Number}\">{original.Number}</a>");
        (await engineer.GetStringAsync(Url(original))).Should().Contain($"<a href=\"/desk/tickets/{duplicate.Number}\">{duplicate.Number}</a>");
        (await app.MessagesAsync(duplicate.Id)).Should().Contain(m => m.Kind == "Reply" && m.BodyText.Contains($"the work carries on in {original.Number}"));
    }

    [Fact]
    public async Task NotAnIncident_AsksForAReason_ThenGivesTheIncidentBack()
    {
        var ticket = await app.FileAsync("Not an incident test", product: "keel");
        (await RowAsync(ticket.Id)).HeldIncidents.Should().Be(1);
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var noReason = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["NotAnIncident.Reason"] = "" }, handler: "NotAnIncident");
        var response = await engineer.PostFormAsync(Url(ticket), new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["NotAnIncident.Reason"] = "Answered from the manual." }, handler: "NotAnIncident");

        FormOf(await noReason.Content.ReadAsStringAsync(), "not-an-incident-form").Should().Contain("Say why this is not an incident");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await RowAsync(ticket.Id)).HeldIncidents.Should().Be(0);
        (await engineer.GetStringAsync(Url(ticket))).Should().Contain("Marked not an incident; its incident is given back to C-");
    }

    private static string Url(Ticket ticket) => $"/desk/tickets/{ticket.Number}";

    private static Dictionary<string, string> Classification(int version, string product, string release) => new()
    {
        ["Version"] = $"{version}",
        ["Classification.Product"] = product,
        ["Classification.Release"] = release,
        ["Classification.Environment"] = "",
        ["Classification.Category"] = "problem",
        ["Classification.Severity"] = "3",
        ["Classification.Language"] = "en",
        ["Classification.ModifiedSource"] = "false",
    };

    /// <summary>The HTML of one form of the page, by its class.</summary>
    private static string FormOf(string html, string formClass)
    {
        var start = html.IndexOf($"class=\"{formClass}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page has a {formClass}");
        return html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
    }

    private static string RowOf(string html, Ticket ticket)
    {
        var start = html.IndexOf($"/desk/tickets/{ticket.Number}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<ClassificationRow> RowAsync(int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<ClassificationRow>(
            """
            SELECT t.Product, t.NeedsClassification,
                   (SELECT COUNT(*) FROM ContractIncidents ci WHERE ci.TicketId = t.Id AND ci.ReturnedUtc IS NULL) AS HeldIncidents
            FROM Tickets t WHERE t.Id = @Id
            """,
            new { Id = ticketId });
    }

    private sealed record ClassificationRow
    {
        public string? Product { get; init; }
        public bool NeedsClassification { get; init; }
        public long HeldIncidents { get; init; }
    }
}
