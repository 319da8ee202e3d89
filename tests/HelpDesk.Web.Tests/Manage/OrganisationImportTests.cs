using System.Net;
using System.Text;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// <c>POST /api/import/organisations</c>: a dry run reports every bad row and saves nothing; a file with one bad row
/// saves nothing; a good file saves every row.
/// </summary>
public sealed class OrganisationImportTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Header = "name,region,segment,domains";

    [Fact]
    public async Task DryRun_WithMixedRows_ReportsEachBadRow_AndSavesNothing()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var good = ManageSeed.Unique("DryGood");
        var before = await app.CountAsync("Organisations");

        var (status, report) = await manager.PostCsvAsync("organisations", true, Header,
            $"{good},Emea,Key,{good.ToLowerInvariant()}.example",
            ",Mars,Key,",
            $"{good},Apac,Standard,",
            "Gmail Users,Emea,Standard,gmail.com");

        status.Should().Be(HttpStatusCode.OK, report.ToString());
        report.Number("rows").Should().Be(4);
        report.Number("saved").Should().Be(0);
        var errors = report.RowErrors();
        errors.Should().Contain([(2, "name"), (2, "region"), (3, "name"), (4, "domains")]);
        errors.Should().NotContain(e => e.Row == 1);
        (await app.CountAsync("Organisations")).Should().Be(before);
    }

    [Fact]
    public async Task RealImport_WithOneBadRow_SavesNothing_And422sWithTheRow()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var first = ManageSeed.Unique("AllOrNone");
        var before = await app.CountAsync("Organisations");

        var (status, problem) = await manager.PostCsvAsync("organisations", false, Header,
            $"{first},Emea,Key,",
            $"{ManageSeed.Unique("AllOrNone")},Americas,Standard,",
            $"{ManageSeed.Unique("AllOrNone")},Americas,NoSuchSegment,");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("rows[3].segment");
        (await app.CountAsync("Organisations")).Should().Be(before);
    }

    [Fact]
    public async Task AGoodFile_SavesEveryRow()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var names = Enumerable.Range(0, 3).Select(_ => ManageSeed.Unique("Imported")).ToList();

        var (status, result) = await manager.PostCsvAsync("organisations", false, Header, [.. names.Select(n => $"\"{n}\",apac,Strategic,{n.ToLowerInvariant()}.example;{n.ToLowerInvariant()}.test")]);

        status.Should().Be(HttpStatusCode.OK, result.ToString());
        result.Number("saved").Should().Be(3);
        var managerId = await app.UserIdAsync(Manager);
        foreach (var name in names)
        {
            var listed = (await manager.GetJsonAsync($"/api/organisations?name={name}")).GetProperty("items").EnumerateArray().Single();
            listed.GetProperty("emailDomains").GetArrayLength().Should().Be(2);
            await using var connection = await app.Connections.OpenAsync();
            var lines = (await connection.QueryAsync<(string Action, int? ActorId, string Detail)>(
                "SELECT Action, ActorId, Detail FROM ManageAudit WHERE Subject = @Subject AND SubjectId = @Id",
                new { Subject = AuditSubjects.Organisation, Id = listed.Number("id") })).AsList();
            lines.Should().ContainSingle().Which.Should().Be(("imported", managerId, $"{name}, Asia-Pacific, strategic segment, with the domains {name.ToLowerInvariant()}.example and {name.ToLowerInvariant()}.test."));
        }
    }

    [Fact]
    public async Task TheTemplate_IsTheHeaderAndAnExample_AndCustomersAreRefused()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var template = await manager.GetAsync("/api/import/organisations/template");
        var refused = await customer.PostAsync("/api/import/organisations?dryRun=true", new StringContent("name,region,segment,domains\n", Encoding.UTF8, "text/csv"));

        template.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await template.Content.ReadAsStringAsync()).Should().StartWith("name,region,segment,domains\n");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
