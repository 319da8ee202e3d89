using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Mail;
using HelpDesk.Web.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A mailed ticket names no product, so it waits on the desk's Triage tab with a provisional verdict. Meanwhile the
/// vendor publishes a more generous Scope of Support. An engineer classifies the ticket in the browser: it is judged
/// out of scope against the scope that was in force when the mail came, moves to the product's skill queue, and the
/// customer reads why on the portal.
/// </summary>
public sealed class ClassificationBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string Engineer = "engineer@helpdesk.test";
    private const string Customer = "customer@northwind.example";

    [Fact]
    public async Task AnEmailTicket_ClassifiedByAnEngineer_IsJudgedByTheScopeInForceWhenItCame_AndTheCustomerSeesWhy()
    {
        // Nobody is free, so where the ticket goes shows as the queue it waits in.
        foreach (var engineer in (await app.Services.GetRequiredService<IEngineerStore>().ListAsync()).Where(e => e.Available))
        {
            await app.SetAvailableAsync(engineer.UserId, available: false);
        }

        var mailed = await ReceiveAsync(InboundMailEndpointTests.Message(Customer, "Browser classify: scheduler drifts on 5.0", $"<{Guid.NewGuid():N}@mail.northwind.example>", body: "We run Keel 5.0 and the tick drifts."));
        mailed.Result.Should().Be(IntakeResult.Ticket);
        var number = $"HD-{mailed.TicketId}";
        var newScope = await PublishGenerousKeelScopeAsync();

        var engineerPage = await chromium.SignedInPageAsync(app.BaseUrl, Engineer);
        await engineerPage.GotoAsync("/desk?queue=Triage");
        var row = engineerPage.Locator("tr", new() { Has = engineerPage.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Expect(row).ToContainTextAsync("needs classification");
        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(engineerPage.Locator("dd.assignee")).ToContainTextAsync("general/tier-1");

        var form = engineerPage.Locator("form.classification-form");
        await form.Locator("select[name='Classification.Product']").SelectOptionAsync(new SelectOptionValue { Label = "Keel RTOS" });
        await form.Locator("select[name='Classification.Release']").SelectOptionAsync("5.0");
        await form.GetByRole(AriaRole.Button, new() { Name = "Classify and judge again" }).ClickAsync();

        await Expect(engineerPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Classified and judged again: Out of scope.");
        var panel = engineerPage.Locator("section.entitlement");
        await Expect(panel.Locator("[data-verdict]")).ToHaveTextAsync("Out of scope");
        await Expect(panel).ToContainTextAsync("Release 5.0 is not supported");
        await Expect(panel).ToContainTextAsync("When it was filed it was Entitled, pending classification");
        await Expect(panel.Locator($"a[href='/scope/keel/v/{newScope - 1}']").First).ToBeVisibleAsync();
        await Expect(engineerPage.Locator("dd.assignee")).ToContainTextAsync("keel/tier-1");
        await Expect(engineerPage.Locator(".badge.needs-classification")).ToHaveCountAsync(0);

        var customerPage = await chromium.SignedInPageAsync(app.BaseUrl, Customer);
        await customerPage.GotoAsync($"/portal/tickets/{number}");
        var seen = customerPage.Locator("section.entitlement");
        await Expect(seen.Locator("[data-verdict]")).ToHaveTextAsync("Out of scope");
        await Expect(seen).ToContainTextAsync("Release 5.0 is not supported");
        await Expect(seen.GetByRole(AriaRole.Link, new() { Name = "Supported releases" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// A manager publishes, after the mail came, a version of Keel's scope that supports every release back to 4.0,
    /// in force today; a request filed from now on for 5.0 would be entitled. Its number.
    /// </summary>
    private async Task<int> PublishGenerousKeelScopeAsync()
    {
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IScopeStore>();
        var keel = (await store.FindProductAsync("keel"))!;
        var inForce = (await store.ListScopesAsync(keel.Id)).First(s => s.Status == ScopeStatus.Published);
        var managerId = (await app.UserIdAsync("manager@helpdesk.test"))!.Value;
        var draft = await store.SaveDraftAsync(inForce with
        {
            Id = 0,
            Number = 0,
            Status = ScopeStatus.Draft,
            PublishedUtc = null,
            PublishedById = null,
            EffectiveOn = DateOnly.FromDateTime(DateTime.UtcNow),
            ReleasesBack = 10,
            ChangeNote = "Every release back to 4.0 is supported again.",
            Version = 0,
        });
        var published = await store.PublishAsync(draft!.Id, draft.Version, managerId, DateTime.UtcNow);
        return published!.Number;
    }

    private async Task<IntakeOutcome> ReceiveAsync(byte[] raw)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
    }
}
