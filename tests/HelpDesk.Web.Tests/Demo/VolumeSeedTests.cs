using System.Text.Json;
using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>
/// The <c>seed --tickets N</c> command fills an empty database with a generated help desk whose people sign in with
/// the demo password and see their own lists, and refuses a database that already holds tickets.
/// </summary>
public sealed class VolumeSeedTests(VolumeSeedTests.EmptyApp app) : IClassFixture<VolumeSeedTests.EmptyApp>
{
    [Fact]
    public async Task Seed_FillsAnEmptyDatabase_WhosePeopleSignInAndSeeTheirOwnLists()
    {
        (await VolumeSeed.RunAsync(app.Services, ["seed", "--tickets", "600"])).Should().Be(0);

        await using (var connection = await app.Connections.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets")).Should().Be(600);
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketMessages")).Should().BeGreaterThan(600);
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketSearch")).Should().Be(600, "the search index is filled as tickets are written");
            var kinds = await connection.QueryAsync<(string Region, string Segment)>("SELECT DISTINCT Region, Segment FROM Organisations");
            kinds.Should().AllSatisfy(o =>
            {
                Enum.GetNames<Region>().Should().Contain(o.Region, "the app reads each organisation's region as one it knows");
                Enum.GetNames<CustomerSegment>().Should().Contain(o.Segment, "the app reads each organisation's segment as one it knows");
            });
        }

        var engineer = await app.SignInAsync("engineer1@helpdesk.test");
        using (var mine = JsonDocument.Parse(await engineer.GetStringAsync("/api/tickets?assignee=me&sort=due")))
        {
            mine.RootElement.GetProperty("items").GetArrayLength().Should().BeGreaterThan(0, "engineers hold tickets");
        }

        var customer = await app.SignInAsync("person0@org1.example");
        using var own = JsonDocument.Parse(await customer.GetStringAsync("/api/tickets?limit=100"));
        var organisations = own.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("organisationId").GetInt32()).Distinct().ToList();
        organisations.Should().ContainSingle("a customer sees only their own organisation's tickets");

        (await VolumeSeed.RunAsync(app.Services, ["seed", "--tickets", "10"])).Should().Be(1, "a database that holds tickets is not seeded again");
        (await VolumeSeed.RunAsync(app.Services, ["seed", "--tickets", "many"])).Should().Be(2);
    }

    public sealed class EmptyApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
}
