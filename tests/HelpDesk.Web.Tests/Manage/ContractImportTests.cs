using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// <c>POST /api/import/contracts</c>: each row is checked as the contract form checks it, and against the file's
/// earlier rows; a dry run reports every bad row and saves nothing; a file with one bad row saves nothing; a good file
/// saves every row.
/// </summary>
public sealed class ContractImportTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Header = "organisation,plan,products,starts,ends,value,currency,timezone";

    [Fact]
    public async Task DryRun_WithMixedRows_ReportsEachBadRow_AndSavesNothing()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var (organisation, plan, product) = await SeedAsync();
        var before = await app.CountAsync("Contracts");

        var (status, report) = await manager.PostCsvAsync("contracts", true, Header,
            $"{organisation},{plan},{product},2027-01-01,2027-06-30,1200.00,,Europe/Berlin",
            $"No Such Organisation,{plan},{product},2027-01-01,2027-06-30,1200.00,,Europe/Berlin",
            $"{organisation},{plan},{product},2027-03-01,2027-12-31,1200.00,,Europe/Berlin",
            $"{organisation},{plan},{product},2028-01-01,2027-12-31,lots,XXX,Mars/Olympus");

        status.Should().Be(HttpStatusCode.OK, report.ToString());
        report.Number("rows").Should().Be(4);
        report.Number("saved").Should().Be(0);
        var errors = report.RowErrors();
        errors.Should().Contain([(2, "organisation"), (3, "products"), (4, "ends"), (4, "value"), (4, "currency"), (4, "timezone")]);
        errors.Should().NotContain(e => e.Row == 1);
        report.GetProperty("errors").EnumerateArray().Single(e => e.Number("row") == 3).Text("message").Should().StartWith("A contract in an earlier row already covers");
        (await app.CountAsync("Contracts")).Should().Be(before);
    }

    [Fact]
    public async Task RealImport_WithOneBadRow_SavesNothing_And422sWithTheRow()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var (organisation, plan, product) = await SeedAsync();
        var before = await app.CountAsync("Contracts");

        var (status, problem) = await manager.PostCsvAsync("contracts", false, Header,
            $"{organisation},{plan},{product},2027-01-01,2027-06-30,1200.00,,Europe/Berlin",
            $"{organisation},No Such Plan,{product},2027-07-01,2027-12-31,1200.00,,Europe/Berlin");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("rows[2].plan");
        (await app.CountAsync("Contracts")).Should().Be(before);
    }

    [Fact]
    public async Task AGoodFile_SavesEveryRow()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var (organisation, plan, product) = await SeedAsync();
        var id = await app.OrganisationIdAsync(organisation);

        var (status, result) = await manager.PostCsvAsync("contracts", false, Header,
            $"\"{organisation}\",{plan},{product},2027-01-01,2027-06-30,1200.00,USD,Europe/Berlin",
            $"{id},{plan},{product},2027-07-01,2027-12-31,1300.50,,America/Chicago");

        status.Should().Be(HttpStatusCode.OK, result.ToString());
        result.Number("saved").Should().Be(2);
        var saved = await app.Contracts().ListContractsAsync(id);
        saved.Select(c => (c.StartsOn, c.ValueCents)).Should().BeEquivalentTo([(new DateOnly(2027, 1, 1), 120000L), (new DateOnly(2027, 7, 1), 130050L)]);
    }

    [Fact]
    public async Task TheTemplate_IsTheHeaderAndAnExample_AndCustomersAreRefused()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var template = await manager.GetAsync("/api/import/contracts/template");
        var (refused, _) = await customer.PostCsvAsync("contracts", true, Header);

        (await template.Content.ReadAsStringAsync()).Should().StartWith(Header + "\n");
        refused.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>A new organisation, plan and product, by the names a file uses.</summary>
    private async Task<(string Organisation, string Plan, string Product)> SeedAsync()
    {
        var name = await app.OrganisationAsync("Contracted");
        var plan = await app.PlanAsync();
        var product = await app.ProductAsync("Imported");
        return (name, plan.Name, product.Code);
    }
}
