using System.Net;
using System.Text.Json;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Manage;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Scope;

/// <summary>
/// A catalogue tidy-up changes no verdict: a release or environment is retired after a confirmation step that says
/// what follows, stays on /scope as no longer supported, is still judged as such, and is no longer offered on the
/// filing form; a draft is discarded after a confirmation step too.
/// </summary>
public sealed class CatalogueRetirementPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";
    private const string Northwind = "customer@northwind.example";

    private IScopeStore Store => app.Services.GetRequiredService<IScopeStore>();

    /// <summary>
    /// A product with releases 1.0 (support ended) and 2.0, whose version 1 supports the current release and the one
    /// before it and version 2 only the current release; Northwind has a contract for it on a plan that takes API requests.
    /// </summary>
    private async Task<Product> ProductAsync(string code, string name)
    {
        var product = await app.PublishAsync(code, name, ($"{name} support, first edition.", 1, null), ($"{name} support, second edition.", 0, null));
        var plan = await app.Contracts().SavePlanAsync(new Plan
        {
            Code = ManageSeed.Unique("api-plan"),
            Name = $"{name} plan",
            Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api,
            Hours = SupportHours.TwentyFourSeven,
            Targets = [new SlaTarget(Severity.Normal, 240, 960)],
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.ContractAsync(await app.OrganisationIdAsync("Northwind Traders"), plan!, product, today.AddDays(-10), today.AddDays(300));
        return product;
    }

    private static async Task<JsonElement> CheckAsync(HttpClient customer, Product product, string release, string? environment = null)
    {
        var (status, body) = await customer.PostJsonAsync("/api/entitlement/check", new { product = product.Code, release, environment, severity = 3 });
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return body.GetProperty("entitlement");
    }

    [Fact]
    public async Task RetiringARelease_AsksFirst_ThenKeepsItsVerdict_AndItsPlaceOnScope_AndIsReinstated()
    {
        var product = await ProductAsync("retire-web", "Retire Web");
        var old = (await Store.ListReleasesAsync(product.Id)).Single(r => r.Name == "1.0");
        var manager = await app.SignInAsync(Manager);
        var customer = await app.SignInWithTokenAsync(Northwind);
        (await CheckAsync(customer, product, "1.0", "Linux x64")).Text("verdict").Should().Be("OutOfScope");

        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/catalogue/removerelease/{old.Id}"));
        asked.Should().Contain("Retire or delete release 1.0 of Retire Web?")
            .And.Contain("Customers will no longer be offered 1.0 when they file a ticket.")
            .And.Contain("Retire Web version 1 and version 2 still list it as no longer supported, and requests that name it are still judged out of scope, not as an unknown release.")
            .And.Contain("1.0 cannot be deleted: Retire Web version 1 and version 2 name it.");
        var deleted = await manager.PostFormAsync($"/manage/catalogue/removerelease/{old.Id}", new Dictionary<string, string>(), handler: "Delete");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await deleted.Content.ReadAsStringAsync()).Should().Contain("1.0 cannot be deleted: Retire Web version 1 and version 2 name it. Retire it instead.");
        (await Store.GetReleaseAsync(old.Id)).Should().NotBeNull();

        var retired = await manager.PostFormAsync($"/manage/catalogue/removerelease/{old.Id}", new Dictionary<string, string>(), handler: "Retire");

        retired.StatusCode.Should().Be(HttpStatusCode.Redirect);
        retired.Headers.Location!.OriginalString.Should().Be("/manage/catalogue/product/retire-web");
        (await Store.GetReleaseAsync(old.Id))!.RetiredUtc.Should().NotBeNull();
        var judged = await CheckAsync(customer, product, "1.0", "Linux x64");
        judged.Text("verdict").Should().Be("OutOfScope");
        judged.GetProperty("needsReview").GetBoolean().Should().BeFalse();
        judged.GetProperty("reasons").EnumerateArray().Select(r => r.Text("text")).Should()
            .Contain(t => t.StartsWith("Release 1.0 is not supported:", StringComparison.Ordinal));
        (await app.CreateAnonymousClient().GetStringAsync("/scope/retire-web")).Should().Contain("No longer supported: 1.0.");
        (await app.CreateAnonymousClient().GetStringAsync("/scope/retire-web/compare?from=1&to=2")).Should().Contain("No longer supported: 1.0.");
        var form = await (await app.SignInAsync(Northwind)).GetStringAsync("/portal/tickets/new");
        form.Should().Contain("\"Retire Web\":[\"2.0\"]");
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/catalogue/product/retire-web"));
        page.Should().Contain("retired release 1.0</strong>").And.Contain("Reinstate");

        var reinstated = await manager.PostFormAsync("/manage/catalogue/product/retire-web", new Dictionary<string, string> { ["releaseId"] = $"{old.Id}" }, handler: "ReinstateRelease");

        reinstated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Store.GetReleaseAsync(old.Id))!.RetiredUtc.Should().BeNull();
        WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/catalogue/product/retire-web")).Should().Contain("reinstated release 1.0</strong>");
    }

    [Fact]
    public async Task ASupportedRelease_CannotBeRetired_AndTheConfirmationSaysWhatToDoFirst()
    {
        var product = await ProductAsync("retire-current", "Retire Current");
        var current = (await Store.ListReleasesAsync(product.Id)).Single(r => r.Name == "2.0");
        var manager = await app.SignInAsync(Manager);

        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/catalogue/removerelease/{current.Id}"));
        var refused = await manager.PostFormAsync($"/manage/catalogue/removerelease/{current.Id}", new Dictionary<string, string>(), handler: "Retire");

        const string why = "2.0 is still supported by Retire Current version 2. Set its end of support to a day that has passed, or publish a version that no longer supports it, before retiring it.";
        asked.Should().Contain(why).And.NotContain("Retire 2.0</button>");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain(why);
        (await Store.GetReleaseAsync(current.Id))!.RetiredUtc.Should().BeNull();
    }

    [Fact]
    public async Task RetiringAnEnvironment_AsksFirst_ThenItIsStillJudged_ButNoLongerOffered_AndAnUnusedOneMayBeDeleted()
    {
        var product = await ProductAsync("retire-env", "Retire Env");
        using (var scope = app.Services.CreateScope())
        {
            var save = scope.ServiceProvider.GetRequiredService<SaveEnvironment>();
            (await save.HandleAsync(new SaveEnvironmentRequest(null, "win-2008", "Windows Server 2008", EnvironmentKind.OperatingSystem))).Succeeded.Should().BeTrue();
            (await save.HandleAsync(new SaveEnvironmentRequest(null, "typo-os", "Typo OS", EnvironmentKind.OperatingSystem))).Succeeded.Should().BeTrue();
        }

        var environments = await Store.ListEnvironmentsAsync();
        var old = environments.Single(e => e.Code == "win-2008");
        var typo = environments.Single(e => e.Code == "typo-os");
        var listed = environments.Single(e => e.Code == "linux-x64");
        var manager = await app.SignInAsync(Manager);
        var customer = await app.SignInWithTokenAsync(Northwind);

        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/catalogue/removeenvironment/{old.Id}"));
        asked.Should().Contain("Retire or delete the environment Windows Server 2008?")
            .And.Contain("Customers will no longer be offered Windows Server 2008 when they file a ticket, and scope drafts can no longer list it.")
            .And.Contain("Requests that name Windows Server 2008 are still judged against it: it stays a known environment, and it is not supported.");
        WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/catalogue/removeenvironment/{listed.Id}"))
            .Should().Contain("Linux x64 is a supported environment in ").And.Contain("Retire Env version 2");

        (await manager.PostFormAsync($"/manage/catalogue/removeenvironment/{old.Id}", new Dictionary<string, string>(), handler: "Retire")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await Store.ListEnvironmentsAsync()).Single(e => e.Id == old.Id).RetiredUtc.Should().NotBeNull();
        var judged = await CheckAsync(customer, product, "2.0", "Windows Server 2008");
        judged.Text("verdict").Should().Be("OutOfScope");
        judged.GetProperty("needsReview").GetBoolean().Should().BeFalse();
        (await (await app.SignInAsync(Northwind)).GetStringAsync("/portal/tickets/new")).Should().NotContain(">Windows Server 2008<");
        WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/catalogue/environments")).Should().Contain("data-environment=\"win-2008\" class=\"retired\"");

        var deleted = await manager.PostFormAsync($"/manage/catalogue/removeenvironment/{typo.Id}", new Dictionary<string, string>(), handler: "Delete");

        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Store.ListEnvironmentsAsync()).Should().NotContain(e => e.Id == typo.Id);
        (await manager.PostFormAsync("/manage/catalogue/environments", new Dictionary<string, string> { ["environmentId"] = $"{old.Id}" }, handler: "Reinstate"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Store.ListEnvironmentsAsync()).Single(e => e.Id == old.Id).RetiredUtc.Should().BeNull();
        WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/catalogue/removeenvironment/{old.Id}"))
            .Should().Contain("reinstated Windows Server 2008</strong>").And.Contain("retired Windows Server 2008</strong>");
    }

    [Fact]
    public async Task DiscardingADraft_AsksFirst_ListingTheChangesThatAreLost_AndTheProductsHistorySaysWho()
    {
        var product = await ProductAsync("discard-web", "Discard Web");
        using (var scope = app.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<SaveScopeDraft>().HandleAsync(new SaveScopeDraftRequest
            {
                ProductId = product.Id,
                Summary = "Discard Web support, a third edition nobody wants.",
                EffectiveOn = DateOnly.FromDateTime(DateTime.UtcNow),
                ReleasesBack = 1,
                EnvironmentCodes = ["linux-x64"],
                Version = 0,
            });
            saved.Errors.Should().BeEmpty();
        }

        var manager = await app.SignInAsync(Manager);
        (await manager.GetStringAsync("/manage/scope/edit/discard-web")).Should().Contain("href=\"/manage/scope/discard/discard-web\"");

        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/scope/discard/discard-web"));
        asked.Should().Contain("Discard the draft Scope of Support of Discard Web?")
            .And.Contain("These changes to version 2 are lost:")
            .And.Contain("Releases supported: the current release only → the current release and the one before it");
        (await Store.GetDraftAsync(product.Id)).Should().NotBeNull("asking discards nothing");

        var discarded = await manager.PostFormAsync("/manage/scope/discard/discard-web", new Dictionary<string, string> { ["Version"] = $"{(await Store.GetDraftAsync(product.Id))!.Version}" });

        discarded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Store.GetDraftAsync(product.Id)).Should().BeNull();
        (await Store.ListScopesAsync(product.Id)).Should().HaveCount(2);
        WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/catalogue/product/discard-web")).Should().Contain("discarded the draft scope</strong>");
    }
}
