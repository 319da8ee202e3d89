using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Manage;

public sealed class OrganisationTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Create_SavesTheOrganisationWithLowerCasedDomains()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");

        var response = await manager.PostFormAsync("/manage", Form("Proseware Labs", "Proseware.EXAMPLE, @proseware-labs.Example"), handler: "Create");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await OrganisationAsync("Proseware Labs");
        saved.Should().NotBeNull();
        saved!.Region.Should().Be("Emea");
        saved.Segment.Should().Be("Key");
        (await DomainsOfAsync("Proseware Labs")).Should().Equal("proseware-labs.example", "proseware.example");
        var html = await manager.GetStringAsync("/manage");
        html.Should().Contain("Proseware Labs").And.Contain("proseware.example");
    }

    [Fact]
    public async Task Create_ShowsAFieldErrorAndSavesNothing_WhenTheNameIsTaken()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");
        var before = await CountAsync();

        var response = await manager.PostFormAsync("/manage", Form("Northwind Traders", "northwind-two.example"), handler: "Create");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("Another organisation already has this name.");
        (await CountAsync()).Should().Be(before);
        (await OwnerOfAsync("northwind-two.example")).Should().BeNull();
    }

    [Fact]
    public async Task Create_ShowsAFieldErrorAndSavesNothing_WhenADomainBelongsToAnotherOrganisation()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");
        var before = await CountAsync();

        var response = await manager.PostFormAsync("/manage", Form("Contoso Rival", "rival.example, CONTOSO.example"), handler: "Create");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("Already owned by another organisation: contoso.example");
        (await CountAsync()).Should().Be(before);
        (await OrganisationAsync("Contoso Rival")).Should().BeNull();
        (await OwnerOfAsync("rival.example")).Should().BeNull();
        (await OwnerOfAsync("contoso.example")).Should().Be("Contoso Manufacturing");
    }

    [Theory]
    [InlineData("example..com")]
    [InlineData(".leading.example")]
    [InlineData("trailing.example.")]
    public async Task Create_ShowsAFieldError_WhenADomainIsMalformed(string domain)
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");
        var before = await CountAsync();

        var response = await manager.PostFormAsync("/manage", Form("Malformed Ltd", domain), handler: "Create");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain($"'{domain}' is not a domain name such as example.com.");
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_ShowsAFieldError_WhenTheNameIsMissing()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");
        var before = await CountAsync();

        var response = await manager.PostFormAsync("/manage", Form("", "nameless.example"), handler: "Create");

        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("Enter the organisation's name.");
        (await CountAsync()).Should().Be(before);
    }

    private static Dictionary<string, string> Form(string name, string domains) => new()
    {
        ["Input.Name"] = name,
        ["Input.Region"] = "Emea",
        ["Input.Segment"] = "Key",
        ["Input.Domains"] = domains,
    };

    private async Task<int> CountAsync()
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Organisations");
    }

    private async Task<OrganisationRow?> OrganisationAsync(string name)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<OrganisationRow>(
            "SELECT Name, Region, Segment FROM Organisations WHERE Name = @Name", new { Name = name });
    }

    private async Task<IReadOnlyList<string>> DomainsOfAsync(string name)
    {
        await using var connection = await app.Connections.OpenAsync();
        var domains = await connection.QueryAsync<string>(
            """
            SELECT d.Domain FROM OrganisationDomains d
            INNER JOIN Organisations o ON o.Id = d.OrganisationId
            WHERE o.Name = @Name
            ORDER BY d.Domain
            """,
            new { Name = name });
        return domains.AsList();
    }

    private async Task<string?> OwnerOfAsync(string domain)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT o.Name FROM OrganisationDomains d INNER JOIN Organisations o ON o.Id = d.OrganisationId WHERE d.Domain = @Domain",
            new { Domain = domain });
    }

    private sealed record OrganisationRow(string Name, string Region, string Segment);
}
