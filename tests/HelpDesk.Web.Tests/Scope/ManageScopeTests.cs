using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Scope;

public sealed partial class ManageScopeTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Catalogue_CreatesAProductAndARelease_AndShowsFieldErrors()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var bad = await manager.PostFormAsync("/manage/catalogue", new Dictionary<string, string> { ["Input.Code"] = "Bad Code", ["Input.Name"] = "" }, "Create");
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        var errors = PageText.ErrorsOf(await bad.Content.ReadAsStringAsync());
        errors.Should().Contain("Use 2 to 40 lower-case letters, digits and hyphens").And.Contain("Enter the product's name.");

        var created = await manager.PostFormAsync("/manage/catalogue", new Dictionary<string, string> { ["Input.Code"] = "catalogue-web", ["Input.Name"] = "Catalogue Web" }, "Create");
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        created.Headers.Location!.OriginalString.Should().Be("/manage/catalogue/product/catalogue-web");

        var release = await manager.PostFormAsync("/manage/catalogue/product/catalogue-web", new Dictionary<string, string>
        {
            ["NewRelease.Name"] = "1.0",
            ["NewRelease.ReleasedOn"] = "2025-05-01",
            ["NewRelease.EndOfSupportOn"] = "2025-04-01",
        }, "AddRelease");
        PageText.ErrorsOf(await release.Content.ReadAsStringAsync()).Should().Contain("The end of support cannot come before the release date (1 May 2025).");

        release = await manager.PostFormAsync("/manage/catalogue/product/catalogue-web", new Dictionary<string, string>
        {
            ["NewRelease.Name"] = "1.0",
            ["NewRelease.ReleasedOn"] = "2025-05-01",
        }, "AddRelease");
        release.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.GetStringAsync("/manage/catalogue/product/catalogue-web")).Should().Contain("value=\"1.0\"").And.Contain("2025-05-01");
    }

    [Fact]
    public async Task Draft_ShowsAValidationErrorBesideItsField()
    {
        await app.PublishAsync("draft-web", "Draft Web", ("Draft Web support.", 1, null));
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var response = await manager.PostFormAsync("/manage/scope/edit/draft-web", DraftForm(version: 0, summary: "Draft Web support.", releasesBack: "25", portExplanation: ""), "Save");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "Input.ReleasesBack").Should().Contain("0 to 20");
        FieldError(html, "Input.Exclusions[2].Explanation").Should().Contain("Port to another platform");
    }

    [Fact]
    public async Task Publish_MakesTheNewVersionPublic_AndKeepsTheOldOneListed_WhileAStalePublishIsRefused()
    {
        await app.PublishAsync("publish-web", "Publish Web", ("Publish Web support, first words.", 1, null));
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var editor = await manager.GetStringAsync("/manage/scope/edit/publish-web");
        editor.Should().Contain("Publish Web support, first words.", "the draft starts from the newest published version");

        var saved = await manager.PostFormAsync("/manage/scope/edit/publish-web", DraftForm(0, "Publish Web support, second words.", "0", "We build for Linux only."), "Save");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var preview = await manager.GetStringAsync("/manage/scope/preview/publish-web");
        preview.Should().Contain("Draft — not published").And.Contain("id=\"out-of-scope-port\"").And.Contain("We build for Linux only.");
        (await app.CreateAnonymousClient().GetStringAsync("/scope/publish-web")).Should().NotContain("second words", "drafts are never public");

        var version = int.Parse(VersionField().Match(preview).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await manager.PostFormAsync("/manage/scope/edit/publish-web", DraftForm(version, "Publish Web support, third words.", "0", "We build for Linux only."), "Save");

        var stale = await manager.PostFormAsync("/manage/scope/preview/publish-web", new Dictionary<string, string> { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Publish");
        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("Someone else changed the draft scope of Publish Web since you opened it");

        var published = await manager.PostFormAsync("/manage/scope/preview/publish-web", new Dictionary<string, string> { ["Version"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Publish");
        published.StatusCode.Should().Be(HttpStatusCode.Redirect);
        published.Headers.Location!.OriginalString.Should().Be("/scope/publish-web/v/2");

        var page = await app.CreateAnonymousClient().GetStringAsync("/scope/publish-web");
        page.Should().Contain("third words").And.Contain("href=\"/scope/publish-web/v/1\"").And.Contain("We build for Linux only.");
    }

    [Fact]
    public async Task Publish_AtRenewal_StoresTheChoice_AndTheNoticeSaysWhichContractsItAppliesTo()
    {
        await app.PublishAsync("renewal-web", "Renewal Web", ("Renewal Web support, first words.", 1, null));
        var manager = await app.SignInAsync("manager@helpdesk.test");
        await manager.PostFormAsync("/manage/scope/edit/renewal-web", DraftForm(0, "Renewal Web support, second words.", "0", "We build for Linux only."), "Save");

        var preview = await manager.GetStringAsync("/manage/scope/preview/renewal-web");
        preview.Should().Contain("value=\"Now\"").And.Contain("value=\"AtRenewal\"")
            .And.Contain("Only to contracts that start or renew after publication")
            .And.Contain("Contracts already running keep the version in force when their term started");

        var version = VersionField().Match(preview).Groups[1].Value;
        var published = await manager.PostFormAsync(
            "/manage/scope/preview/renewal-web",
            new Dictionary<string, string> { ["Version"] = version, ["AppliesTo"] = "AtRenewal" },
            "Publish");
        published.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.GetStringAsync(published.Headers.Location!.OriginalString)).Should().Contain("running contracts keep their version until they renew");

        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IScopeStore>();
        var product = (await store.FindProductAsync("renewal-web"))!;
        var versions = await store.ListScopesAsync(product.Id);
        versions.Single(v => v.Number == 2).AppliesTo.Should().Be(ScopeApplication.AtRenewal);
        versions.Single(v => v.Number == 1).AppliesTo.Should().Be(ScopeApplication.Now);
    }

    private static List<KeyValuePair<string, string>> DraftForm(int version, string summary, string releasesBack, string portExplanation) =>
    [
        new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.Summary", summary),
        new("Input.ChangeNote", "Porting is no longer covered."),
        new("Input.EffectiveOn", Today),
        new("Input.ReleasesBack", releasesBack),
        new("Input.EnvironmentCodes", "linux-x64"),
        new("Input.Exclusions[0].Category", "backport"),
        new("Input.Exclusions[1].Category", "customization"),
        new("Input.Exclusions[2].Category", "port"),
        new("Input.Exclusions[2].Excluded", "true"),
        new("Input.Exclusions[2].Explanation", portExplanation),
    ];

    private static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
