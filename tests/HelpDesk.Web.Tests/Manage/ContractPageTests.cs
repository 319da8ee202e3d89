using System.Globalization;
using System.Net;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Manage;

public sealed class ContractPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    private static List<KeyValuePair<string, string>> ContractForm(int organisationId, Plan plan, Product product, string startsOn, string endsOn, string value = "12,000.00") =>
    [
        new("Input.OrganisationId", organisationId.ToString(CultureInfo.InvariantCulture)),
        new("Input.PlanId", plan.Id.ToString(CultureInfo.InvariantCulture)),
        new("Input.ProductIds", product.Id.ToString(CultureInfo.InvariantCulture)),
        new("Input.StartsOn", startsOn),
        new("Input.EndsOn", endsOn),
        new("Input.Value", value),
        new("Input.TimeZone", "Europe/Berlin"),
        new("Input.Version", "0"),
    ];

    private async Task<IReadOnlyList<Contract>> ContractsOfAsync(Product product) =>
        [.. (await app.Contracts().ListContractsAsync()).Where(c => c.ProductIds.Contains(product.Id))];

    [Fact]
    public async Task CreateContract_SavesIt_AndListsItWithItsState()
    {
        var manager = await app.SignInAsync(Manager);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");
        var product = await app.ProductAsync("Atlas");
        var plan = await app.PlanAsync(allowance: 10);

        var response = await manager.PostFormAsync("/manage/contracts/edit", ContractForm(northwind, plan, product, "2020-01-01", "2099-12-31"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var contract = (await ContractsOfAsync(product)).Single();
        contract.OrganisationId.Should().Be(northwind);
        contract.ValueCents.Should().Be(1200000);
        contract.TimeZone.Should().Be("Europe/Berlin");
        contract.StartsOn.Should().Be(new DateOnly(2020, 1, 1));

        var list = await manager.GetStringAsync($"/manage/contracts?organisation={northwind}&state=Active");
        list.Should().Contain(contract.Number).And.Contain(product.Name).And.Contain("12,000.00").And.Contain("0 of 10").And.Contain(">active<");
        (await manager.GetStringAsync("/manage/contracts?state=Expired")).Should().NotContain($">{contract.Number}<");
    }

    [Fact]
    public async Task ContractEndingBeforeItStarts_ShowsTheMessage_AndSavesNothing()
    {
        var manager = await app.SignInAsync(Manager);
        var product = await app.ProductAsync("Beacon");
        var plan = await app.PlanAsync();

        var response = await manager.PostFormAsync("/manage/contracts/edit", ContractForm(await app.OrganisationIdAsync("Northwind Traders"), plan, product, "2026-04-01", "2026-03-01"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("The contract ends on 1 Mar 2026, before it starts on 1 Apr 2026.");
        (await ContractsOfAsync(product)).Should().BeEmpty();
    }

    [Fact]
    public async Task OverlappingDuplicate_IsRefused_NamingTheContractItDuplicates()
    {
        var manager = await app.SignInAsync(Manager);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");
        var product = await app.ProductAsync("Compass");
        var plan = await app.PlanAsync();
        var first = await app.ContractAsync(northwind, plan, product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var response = await manager.PostFormAsync("/manage/contracts/edit", ContractForm(northwind, plan, product, "2026-06-01", "2027-05-31"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync())
            .Should().Contain($"{first.Number} already covers {product.Name} for Northwind Traders from 1 Jan 2026 to 31 Dec 2026.");
        (await ContractsOfAsync(product)).Should().ContainSingle();
    }

    [Fact]
    public async Task Renew_PrefillsTheNextTerm_AndSavesTheRenewal()
    {
        var manager = await app.SignInAsync(Manager);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");
        var product = await app.ProductAsync("Delta");
        var plan = await app.PlanAsync();
        var old = await app.ContractAsync(northwind, plan, product, new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31));

        var form = await manager.GetStringAsync($"/manage/contracts/edit?renews={old.Id}");
        form.Should().Contain($"Renew {old.Number}").And.Contain("value=\"2025-04-01\"").And.Contain("value=\"2026-03-31\"").And.Contain("value=\"12000.00\"");

        var response = await manager.PostFormAsync($"/manage/contracts/edit?renews={old.Id}", [.. ContractForm(northwind, plan, product, "2025-04-01", "2026-03-31"), new("Input.RenewsContractId", old.Id.ToString(CultureInfo.InvariantCulture))]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var renewal = (await ContractsOfAsync(product)).Single(c => c.Id != old.Id);
        renewal.RenewsContractId.Should().Be(old.Id);
        renewal.StartsOn.Should().Be(new DateOnly(2025, 4, 1));
        var list = await manager.GetStringAsync($"/manage/contracts?organisation={northwind}&state=Renewed");
        list.Should().Contain(old.Number).And.Contain($"renewed by <a href=\"/manage/contracts/edit/{renewal.Id}\">{renewal.Number}</a>");
    }

    [Fact]
    public async Task Cancel_MarksTheContractCancelled()
    {
        var manager = await app.SignInAsync(Manager);
        var product = await app.ProductAsync("Echo");
        var contract = await app.ContractAsync(await app.OrganisationIdAsync("Contoso Manufacturing"), await app.PlanAsync(), product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var response = await manager.PostFormAsync(
            $"/manage/contracts/cancel/{contract.Id}",
            new Dictionary<string, string> { ["version"] = contract.Version.ToString(CultureInfo.InvariantCulture) });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Contracts().GetContractAsync(contract.Id))!.Status.Should().Be(ContractStatus.Cancelled);
        (await manager.GetStringAsync("/manage/contracts?state=Cancelled")).Should().Contain(contract.Number);
    }

    [Fact]
    public async Task Cancel_WithAStaleVersion_ChangesNothing()
    {
        var manager = await app.SignInAsync(Manager);
        var product = await app.ProductAsync("Foxtrot");
        var contract = await app.ContractAsync(await app.OrganisationIdAsync("Contoso Manufacturing"), await app.PlanAsync(), product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        await app.Contracts().SaveContractAsync(contract with { ValueCents = 1 });

        var response = await manager.PostFormAsync(
            $"/manage/contracts/cancel/{contract.Id}",
            new Dictionary<string, string> { ["version"] = contract.Version.ToString(CultureInfo.InvariantCulture) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Contracts().GetContractAsync(contract.Id))!.Status.Should().Be(ContractStatus.Active);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"Someone else changed {contract.Number}");
    }
}
