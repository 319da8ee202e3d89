using System.Net;
using System.Net.Http.Json;
using Dapper;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>
/// What a first start leaves behind for a person trying the demo: every demo account signs in with the one password
/// the seed hashed once, and the economics pages say the figures are coming until the rollup queued at start-up has run.
/// </summary>
public sealed class DemoStartupTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    public static TheoryData<string> People => [.. DemoData.People.Select(p => p.Email)];

    [Theory]
    [MemberData(nameof(People))]
    public async Task DemoAccount_SignsIn_WithTheDemoPassword(string email)
    {
        using var client = app.CreateAnonymousClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = HelpDeskAppFactory.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK, email);
    }

    [Fact]
    public async Task EconomicsPage_SaysTheFiguresAreComing_UntilTheFirstRollupHasRun()
    {
        using var manager = await app.SignInAsync(DemoData.ManagerEmail);
        await using (var connection = await app.Connections.OpenAsync())
        {
            // As just after seeding: changes logged and no rollup has moved the watermark yet.
            await connection.ExecuteAsync("""
                UPDATE EconomicsWatermark SET LastChangeId = 0 WHERE Name = 'facts';
                INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) SELECT 'organisation', MIN(Id), NULL, '2026-01-01 00:00:00' FROM Organisations;
                """);
        }

        var before = await manager.GetStringAsync("/manage/economics?period=year&level=customer");
        await app.RunRollupAsync();
        var after = await manager.GetStringAsync("/manage/economics?period=year&level=customer");

        before.Should().Contain("The figures are being rolled up for the first time: 1 change(s) are waiting");
        after.Should().NotContain("rolled up for the first time");
        after.Should().Contain("Tailspin Toys", "the year's history is rolled up");
    }
}
