using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Portal;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Entitlement;

/// <summary>
/// The verdict on the pages: the portal's preview before filing and its ticket page, the desk's verdict panel,
/// queue and override form.
/// </summary>
public sealed partial class EntitlementPageTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    private const string NewTicket = "/portal/tickets/new";

    [Fact]
    public async Task Form_OffersTheCatalogue_WithTheChosenProductsReleasesNewestFirst()
    {
        var customer = await app.SignInAsync(Northwind);

        var html = await customer.GetStringAsync($"{NewTicket}?Input.Product={Uri.EscapeDataString(ProductName)}");

        html.Should().MatchRegex($"<option(?=[^>]*value=\"{ProductName}\")(?=[^>]*selected)");
        Options(html, "Input_ProductRelease").Should().Equal("", CurrentRelease, PreviousRelease, EndedRelease);
        Options(html, "Input_Environment").Should().Contain(EnvironmentName);
        Options(html, "Input_Category").Should().Equal(RequestCategories.Choosable.Select(c => c.Code));
        html.Should().Contain("We have modified the product's source code").And.Contain("type=\"checkbox\"");
        html.Should().Contain("Check coverage").And.Contain("/js/coverage.js");
        html.Should().Contain("id=\"product-releases\"").And.Contain("\"7.0\",\"6.2\",\"6.1\"");
    }

    [Fact]
    public async Task Preview_SaysCoveredOnTheCurrentRelease_AndOutOfScopeOnTheEndedOne_CitingTheClause()
    {
        var customer = await app.SignInAsync(Northwind);
        var before = await app.CountAsync("Tickets");

        var covered = await customer.GetStringAsync(CheckUrl(CurrentRelease));
        var ended = await customer.GetStringAsync(CheckUrl(EndedRelease));

        covered.Should().Contain("data-verdict=\"Entitled\"")
            .And.Contain($"Covered by your {PlanName} contract {app.Seed.ContractNumber}: first response within {NormalFirstResponse}.");
        ended.Should().Contain("data-verdict=\"OutOfScope\"")
            .And.Contain("This looks out of scope because")
            .And.Contain("Release 6.1 is not supported")
            .And.Contain($"<a href=\"{ReleasesClauseUrl}\" class=\"clause\" data-clause=\"supported-releases\">Supported releases</a>")
            .And.Contain("You can still file this ticket");
        ended.Should().NotContain("<html", "the preview is a fragment for the page's script");
        (await app.CountAsync("Tickets")).Should().Be(before, "a preview files nothing");
    }

    [Fact]
    public async Task Preview_UsesTheSignedInCustomersOrganisation_NotOneFromTheForm()
    {
        var contoso = await app.SignInAsync(Contoso);
        var northwindId = await app.OrganisationIdAsync("Northwind Traders");

        var html = await contoso.GetStringAsync(CheckUrl(CurrentRelease) + $"&OrganisationId={northwindId}&Input.OrganisationId={northwindId}");

        html.Should().Contain("data-verdict=\"NoContract\"").And.NotContain(app.Seed.ContractNumber);
    }

    [Fact]
    public async Task CheckCoverageButton_WithoutScript_ShowsTheVerdictInTheFormAndFilesNothing()
    {
        var customer = await app.SignInAsync(Northwind);
        var before = await app.CountAsync("Tickets");

        var response = await customer.PostMultipartAsync(NewTicket, Fields("No-script check", EndedRelease), handler: "Check");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-verdict=\"OutOfScope\"").And.Contain(ReleasesClauseUrl);
        html.Should().Contain("value=\"No-script check\"", "what was typed stays in the form");
        html.Should().MatchRegex($"<option(?=[^>]*value=\"{Regex.Escape(EndedRelease)}\")(?=[^>]*selected)");
        (await app.CountAsync("Tickets")).Should().Be(before);
    }

    [Fact]
    public async Task Filing_OnSupportedAndEndedRelease_FilesBoth_AndTheTicketPagesShowEntitledAndOutOfScope()
    {
        var customer = await app.SignInAsync(Northwind);

        var supported = await customer.PostMultipartAsync(NewTicket, Fields("Portal: scan fails on 7.0", CurrentRelease));
        var ended = await customer.PostMultipartAsync(NewTicket, Fields("Portal: scan fails on 6.1", EndedRelease));

        supported.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ended.StatusCode.Should().Be(HttpStatusCode.Redirect, "nothing a customer sends is refused, whatever the verdict");
        var supportedPage = await customer.GetStringAsync(supported.Headers.Location);
        var endedPage = await customer.GetStringAsync(ended.Headers.Location);
        supportedPage.Should().Contain("data-verdict=\"Entitled\"").And.Contain(app.Seed.ContractNumber).And.Contain($"{PlanName} plan")
            .And.Contain("First response</dt>").And.Contain($"target {NormalFirstResponse}");
        endedPage.Should().Contain("data-verdict=\"OutOfScope\"").And.Contain(ReleasesClauseUrl)
            .And.Contain("Release 6.1 is not supported").And.Contain($"{ProductName} scope version 1");
        var endedRow = await app.TicketBySubjectAsync("Portal: scan fails on 6.1");
        (await app.VerdictRowAsync((int)endedRow!.Id)).Verdict.Should().Be("OutOfScope");
        endedRow.Product.Should().Be(ProductName);
        endedRow.Category.Should().Be(RequestCategories.Problem);
    }

    [Fact]
    public async Task DeskPage_ShowsVerdictReasonsContractAndDueTimes()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);
        var ended = await customer.FileOrbitAsync("Desk: imager on 6.1", EndedRelease);
        var covered = await customer.FileOrbitAsync("Desk: imager on 7.0", CurrentRelease);
        var engineer = await app.SignInAsync(Engineer);

        var endedPage = await engineer.GetStringAsync($"/desk/tickets/{ended.Text("number")}");
        var coveredPage = await engineer.GetStringAsync($"/desk/tickets/{covered.Text("number")}");

        endedPage.Should().Contain("data-verdict=\"OutOfScope\"").And.Contain(ReleasesClauseUrl).And.Contain("Release 6.1 is not supported")
            .And.Contain("Backport a fix to an older release", "the out-of-scope category matched is named");
        coveredPage.Should().Contain("data-verdict=\"Entitled\"").And.Contain(app.Seed.ContractNumber).And.Contain($"{PlanName} plan");
        coveredPage.Should().MatchRegex(@"First response</dt>\s*<dd class=""due first-response"">\s*<span class=""sla-target sla-running""[^>]*><time class=""countdown ahead""[^>]*>due in \d h[^<]*</time><span class=""muted""> \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)</span>");
        coveredPage.Should().Contain("Override the verdict");
    }

    [Fact]
    public async Task DeskQueue_ShowsTheVerdictBadgeAndFirstResponseDue()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("Queue: imager on 6.1", EndedRelease);
        var engineer = await app.SignInAsync(Engineer);

        var html = await engineer.GetStringAsync("/desk?queue=All&q=" + Uri.EscapeDataString("Queue: imager on 6.1"));

        html.Should().Contain("<th>Verdict</th>").And.Contain("<th>Next SLA due</th>");
        var row = html[html.IndexOf($">{filed.Text("number")}<", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.Should().Contain("Out of scope").And.MatchRegex(@"<time class=""countdown ahead""[^>]*>due in [^<]+</time><span class=""muted""> \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)");
    }

    [Fact]
    public async Task DeskOverride_SavesWithReason_ShowsOnDeskAndPortal_AndIsAudited()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("Override: imager on 6.1", EndedRelease);
        var engineer = await app.SignInAsync(Engineer);
        var url = $"/desk/tickets/{filed.Text("number")}";

        var response = await engineer.PostFormAsync(url, OverrideFields("Entitled", "Key account: we take this one on 6.1.", filed.Number("version")), handler: "Override");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var desk = await engineer.GetStringAsync(url);
        desk.Should().Contain("data-verdict=\"Entitled\"").And.Contain("data-original-verdict=\"OutOfScope\"")
            .And.Contain("Key account: we take this one on 6.1.").And.Contain("goodwill").And.Contain("Erin Engineer");
        (await app.AuditAsync(filed.Number("id"))).Should().Contain(a => a.Field == "entitlement" && a.OldValue == "OutOfScope");
        desk.Should().Contain("entitlement</td>", "the audit trail on the page shows the override");
        var portal = await (await app.SignInAsync(Northwind)).GetStringAsync($"/portal/tickets/{filed.Text("number")}");
        portal.Should().Contain("Overridden").And.Contain(ReleasesClauseUrl);
        portal.Should().NotContain("Key account: we take this one on 6.1.", "the reason is for staff").And.NotContain("goodwill");
    }

    [Fact]
    public async Task DeskOverride_WithoutReason_ShowsTheErrorBesideTheReason_AndSavesNothing()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("Override: no reason", EndedRelease);
        var engineer = await app.SignInAsync(Engineer);

        var response = await engineer.PostFormAsync($"/desk/tickets/{filed.Text("number")}", OverrideFields("Entitled", "", filed.Number("version")), handler: "Override");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        ReasonError().Match(html).Groups[1].Value.Should().Contain("Say why you are overriding the verdict");
        (await app.VerdictRowAsync(filed.Number("id"))).Verdict.Should().Be("OutOfScope");
    }

    [Fact]
    public async Task DeskOverride_OnAStaleVersion_ShowsTheConflictMessage_AndSavesNothing()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("Override: stale", EndedRelease);
        var engineer = await app.SignInAsync(Engineer);
        await app.AssignAsync(filed.Number("id"), DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync($"/desk/tickets/{filed.Text("number")}", OverrideFields("Entitled", "Goodwill.", filed.Number("version")), handler: "Override");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("class=\"stale\"").And.Contain("Goodwill.", "what was typed stays in the form");
        (await app.VerdictRowAsync(filed.Number("id"))).Verdict.Should().Be("OutOfScope");
    }

    [Fact]
    public async Task DeskOverride_ByACustomer_IsForbidden()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("Override: customer tries", EndedRelease);
        var customer = await app.SignInAsync(Northwind);
        var token = await TokenAsync(customer);

        var response = await customer.PostAsync(
            $"/desk/tickets/{filed.Text("number")}?handler=Override",
            new FormUrlEncodedContent(new Dictionary<string, string>(OverrideFields("Entitled", "Me.", filed.Number("version"))) { ["__RequestVerificationToken"] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.VerdictRowAsync(filed.Number("id"))).Verdict.Should().Be("OutOfScope");
    }

    private static string CheckUrl(string release) =>
        $"{NewTicket}?handler=Check&Input.Product={Uri.EscapeDataString(ProductName)}&Input.ProductRelease={release}" +
        $"&Input.Environment={Uri.EscapeDataString(EnvironmentName)}&Input.Category=problem&Input.ModifiedSource=false&Input.Severity=3";

    private static Dictionary<string, string> Fields(string subject, string release) => new()
    {
        ["Input.Subject"] = subject,
        ["Input.Body"] = "The scanner stops after the first page.",
        ["Input.Severity"] = "3",
        ["Input.Product"] = ProductName,
        ["Input.ProductRelease"] = release,
        ["Input.Environment"] = EnvironmentName,
        ["Input.Category"] = RequestCategories.Problem,
        ["Input.ModifiedSource"] = "false",
    };

    private static Dictionary<string, string> OverrideFields(string verdict, string reason, int version) => new()
    {
        ["Override.Verdict"] = verdict,
        ["Override.Reason"] = reason,
        ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The option values of the select with this id, in order.</summary>
    private static IReadOnlyList<string> Options(string html, string selectId)
    {
        var start = html.IndexOf($"id=\"{selectId}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the form has a select {selectId}");
        var end = html.IndexOf("</select>", start, StringComparison.Ordinal);
        return [.. OptionValue().Matches(html[start..end]).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/portal/tickets/new");
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();

    [GeneratedRegex("name=\"Override.Reason\"[^>]*>[^<]*</textarea>\\s*</label>\\s*<span class=\"field-error[^\"]*\"[^>]*>(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex ReasonError();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
