using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>An administrator's control of an account, from invitation to deactivation, in real browsers.</summary>
public sealed class AccountAdminBrowserTests(AccountAdminBrowserTests.CheckEveryRequestApp app, ChromiumFixture chromium)
    : IClassFixture<AccountAdminBrowserTests.CheckEveryRequestApp>, IClassFixture<ChromiumFixture>
{
    private const string Engineer = "ivan.invited@helpdesk.test";
    private const string Password = "Ivan-chosen-pass-7";

    [Fact]
    public async Task Admin_InvitesAnEngineer_WhoSetsAPasswordAndSignsIn_ThenIsDeactivated_AndTheAuditShowsEachStep()
    {
        var admin = await chromium.SignedInPageAsync(app.BaseUrl, "admin@helpdesk.test");
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Invite a user" }).ClickAsync();
        await admin.GetByLabel("Email").FillAsync(Engineer);
        await admin.GetByLabel("Name").FillAsync("Ivan Invited");
        await admin.GetByLabel("Engineer").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/admin/users/\\d+$"));
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Engineer} is invited");

        // The invitation mail's link, opened in the engineer's own browser.
        var engineerContext = await chromium.NewContextAsync(app.BaseUrl);
        var engineer = await engineerContext.NewPageAsync();
        await engineer.GotoAsync(await app.LinkInLatestMailAsync(Engineer, "account-invitation"));
        await Expect(engineer.GetByLabel("Email")).ToHaveValueAsync(Engineer);
        await engineer.GetByLabel("New password", new() { Exact = true }).FillAsync(Password);
        await engineer.GetByLabel("New password again").FillAsync(Password);
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/account/signin"));
        await engineer.GetByLabel("Email").FillAsync(Engineer);
        await engineer.GetByLabel("Password").FillAsync(Password);
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(engineer).ToHaveURLAsync($"{app.BaseUrl}/desk");

        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Engineer} is deactivated");

        // His desk, still open, works no more: the next thing he does sends him to sign in.
        await engineer.ReloadAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/account/signin"));

        var history = admin.Locator("table.audit-trail tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToContainTextAsync("deactivated");
        await Expect(history.Nth(0)).ToContainTextAsync("Ada Admin");
        await Expect(history.Nth(1)).ToContainTextAsync("invited: as Engineer");
        await Expect(admin.Locator(".account-state")).ToContainTextAsync("deactivated");
        await engineerContext.CloseAsync();
        await admin.Context.CloseAsync();
    }

    public sealed class CheckEveryRequestApp()
        : BrowserAppFactory(new Dictionary<string, string?> { ["Accounts:SessionCheckSeconds"] = "0" });
}
