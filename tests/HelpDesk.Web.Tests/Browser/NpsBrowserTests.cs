using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>A customer answers the NPS card on the portal home with the keyboard-reachable scale, and it goes away.</summary>
public sealed class NpsBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Customer = "customer@fabrikam.example";

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.NewContextAsync(app.BaseUrl);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task Customer_AnswersTheCard_AndIsNotAskedAgain()
    {
        var userId = await app.UserIdAsync(Customer);
        await using (var connection = await app.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM NpsAsks WHERE UserId = @UserId", new { UserId = userId });
            await connection.ExecuteAsync("DELETE FROM NpsAnswers WHERE UserId = @UserId", new { UserId = userId });
        }

        await _page.GotoAsync("/account/signin");
        await _page.GetByLabel("Email").FillAsync(Customer);
        await _page.GetByLabel("Password").FillAsync(HelpDeskAppFactory.Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Signing in lands on the portal home, which shows the question once: it is not there on the next visit.
        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal");

        var scale = _page.GetByRole(AriaRole.Group, new() { Name = "How likely are you to recommend us to a colleague?" });
        await Expect(scale.GetByRole(AriaRole.Radio)).ToHaveCountAsync(11);
        await scale.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await _page.GetByLabel("What is the main reason for your score?").FillAsync("Answers that fix things.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(_page).ToHaveURLAsync($"{app.BaseUrl}/portal");
        await Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("your answer 9 is saved");
        await Expect(scale).ToHaveCountAsync(0);
        await using var check = await app.Connections.OpenAsync();
        (await check.QuerySingleAsync<(long, string)>("SELECT Score, Comment FROM NpsAnswers WHERE UserId = @UserId", new { UserId = userId }))
            .Should().Be((9L, "Answers that fix things."));
    }
}
