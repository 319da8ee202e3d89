using System.Globalization;
using System.Net;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>Cancelling a contract asks first, saying what follows; a cancelled contract can be reinstated; both are in its history.</summary>
public sealed class ContractCancellationTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    private static Dictionary<string, string> Version(Contract contract) =>
        new() { ["version"] = contract.Version.ToString(CultureInfo.InvariantCulture) };

    [Fact]
    public async Task Cancel_AsksFirst_NamingTheValueAndTheOpenTicketsThatLoseCoverage_ThenReinstateUndoesIt_WithAnAuditLineEach()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");
        var contract = (await app.Contracts().ListContractsAsync(northwind)).Single(c => c.ProductIds.Contains(seed.Product.Id));
        var ticket = await app.FileAsync(seed, RoutingSeed.Northwind, "Board stops booting");
        var manager = await app.SignInAsync(Manager);

        var list = await manager.GetStringAsync($"/manage/contracts?organisation={northwind}");
        list.Should().Contain($"href=\"/manage/contracts/cancel/{contract.Id}\"").And.NotContain("handler=Cancel");
        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/contracts/cancel/{contract.Id}"));
        asked.Should().Contain($"Cancel contract {contract.Number}?")
            .And.Contain($"{contract.Number}, 12,000.00")
            .And.Contain($"1 open ticket loses coverage: {ticket.Number}.")
            .And.Contain("It can be reinstated later");
        (await app.Contracts().GetContractAsync(contract.Id))!.Status.Should().Be(ContractStatus.Active, "asking changes nothing");

        var cancelled = await manager.PostFormAsync($"/manage/contracts/cancel/{contract.Id}", Version(contract));

        cancelled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        cancelled.Headers.Location!.OriginalString.Should().Be($"/manage/contracts/edit/{contract.Id}");
        var afterCancel = (await app.Contracts().GetContractAsync(contract.Id))!;
        afterCancel.Status.Should().Be(ContractStatus.Cancelled);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/contracts/edit/{contract.Id}"));
        page.Should().Contain($"Reinstate {contract.Number}").And.Contain("cancelled</strong>").And.Contain($"1 open ticket loses coverage: {ticket.Number}.");

        var reinstated = await manager.PostFormAsync($"/manage/contracts/edit/{contract.Id}", Version(afterCancel), handler: "Reinstate");

        reinstated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Contracts().GetContractAsync(contract.Id))!.Status.Should().Be(ContractStatus.Active);
        var history = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/contracts/edit/{contract.Id}"));
        history.Should().Contain("reinstated</strong>: " + $"{contract.Number} entitles Northwind Traders to support again.");
        history.IndexOf("reinstated</strong>", StringComparison.Ordinal).Should().BeLessThan(history.IndexOf("cancelled</strong>", StringComparison.Ordinal), "the newest line comes first");
        history.Should().Contain(await ManagerNameAsync());
    }

    [Fact]
    public async Task Reinstate_IsRefused_WithAClearMessage_WhenAnotherContractNowCoversTheSameDays()
    {
        var manager = await app.SignInAsync(Manager);
        var product = await app.ProductAsync("Reinstate");
        var plan = await app.PlanAsync();
        var contoso = await app.OrganisationIdAsync("Contoso Manufacturing");
        var first = await app.ContractAsync(contoso, plan, product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        (await manager.PostFormAsync($"/manage/contracts/cancel/{first.Id}", Version(first))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replacement = await app.ContractAsync(contoso, plan, product, new DateOnly(2026, 3, 1), new DateOnly(2027, 2, 28));
        var cancelled = (await app.Contracts().GetContractAsync(first.Id))!;

        var response = await manager.PostFormAsync($"/manage/contracts/edit/{first.Id}", Version(cancelled), handler: "Reinstate");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain(
            $"{first.Number} cannot be reinstated: {replacement.Number} already covers {product.Name} for Contoso Manufacturing from 1 Mar 2026 to 28 Feb 2027.");
        (await app.Contracts().GetContractAsync(first.Id))!.Status.Should().Be(ContractStatus.Cancelled);
    }

    private async Task<string> ManagerNameAsync()
    {
        var id = (await app.UserIdAsync(Manager))!.Value;
        return (await app.Services.GetRequiredService<IPeopleDirectory>().FindAsync(id))!.Name;
    }
}
