using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Scope;

public sealed class PublicScopeTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private Task<HelpDesk.Core.Scope.Product> SeedAsync() => app.PublishAsync(
        "scope-web",
        "Scope Web",
        ("Scope Web support answers defects on supported releases.", 1, null),
        ("Scope Web support answers defects on the current release.", 0, "We do not change Scope Web for one customer."));

    [Fact]
    public async Task Scope_IsPublic_WithEveryClauseAnchoredByProductAndClause()
    {
        await SeedAsync();
        var anonymous = app.CreateAnonymousClient();

        var response = await anonymous.GetAsync("/scope");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"scope-web-supported-releases\"").And.Contain("href=\"#scope-web-supported-releases\"")
            .And.Contain("id=\"scope-web-out-of-scope-customization\"")
            .And.Contain("the current release only");
        html.Should().Contain("<a href=\"/scope\">Scope of Support</a>", "the menu links to it for everyone");
    }

    [Fact]
    public async Task ProductPage_ShowsTheCurrentVersionWithClauseAnchors_AndListsEveryVersion()
    {
        await SeedAsync();

        var html = await app.CreateAnonymousClient().GetStringAsync("/scope/scope-web");

        html.Should().Contain("id=\"supported-releases\"").And.Contain("id=\"out-of-scope-customization\"");
        html.Should().Contain("href=\"/scope/scope-web/v/1\"").And.Contain("href=\"/scope/scope-web/v/2\"");
        html.Should().Contain("href=\"/scope/scope-web/compare?from=1&amp;to=2\"");
    }

    [Fact]
    public async Task VersionPage_ShowsAnEarlierVersionWithABanner()
    {
        await SeedAsync();

        var response = await app.CreateAnonymousClient().GetAsync("/scope/scope-web/v/1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("This is not the current version").And.Contain("the current release and the one before it");
        html.Should().Contain("id=\"supported-releases\"");
    }

    [Fact]
    public async Task Compare_ShowsTheChangedClauseAndLinksBothVersions_PreviousAgainstCurrentByDefault()
    {
        await SeedAsync();

        var html = await app.CreateAnonymousClient().GetStringAsync("/scope/scope-web/compare");

        html.Should().Contain("what changed from version 1 to version 2");
        html.Should().Contain("href=\"/scope/scope-web/v/1\"").And.Contain("href=\"/scope/scope-web/v/2\"");
        html.Should().MatchRegex("id=\"supported-releases\"[^<]*>\\s*<h3>.*badge change-changed\">changed<");
        html.Should().MatchRegex("id=\"out-of-scope-customization\"[^<]*>\\s*<h3>.*badge change-added\">added<");
    }

    [Theory]
    [InlineData("/scope/no-such-product")]
    [InlineData("/scope/scope-web/v/99")]
    [InlineData("/scope/scope-web/v/0")]
    [InlineData("/scope/scope-web/compare?from=1&to=99")]
    public async Task UnknownProductOrVersion_IsNotFound(string path)
    {
        await SeedAsync();

        var response = await app.CreateAnonymousClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Not found");
    }
}
