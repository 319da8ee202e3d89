using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>A contract's page says how many incidents its tickets used, how many are left, and which tickets used them.</summary>
public sealed class ContractUsageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";
    private const string Contoso = "customer@contoso.example";
    private const int StandardAllowance = 24;

    [Fact]
    public async Task ContractPage_ShowsIncidentsUsedAndLeft_AndTheTicketsThatUsedThem_WithThoseGivenBack()
    {
        var contract = await ContractOfAsync("Contoso Manufacturing");
        var usedBefore = await IncidentsUsedAsync(contract);
        var ticket = await app.FileAsync("Usage test: the scheduler stalls", product: "keel", requester: Contoso);
        var manager = await app.SignInAsync(Manager);

        var held = await manager.GetStringAsync($"/manage/contracts/edit/{contract}");
        await GiveBackAsync(ticket, "Our own outage, not theirs.");
        var givenBack = await manager.GetStringAsync($"/manage/contracts/edit/{contract}");

        held.Should().Contain($"<strong class=\"used\">{usedBefore + 1} used</strong>").And.Contain($"<strong class=\"left\">{StandardAllowance - usedBefore - 1} left</strong>");
        RowOf(held, ticket).Should().Contain("class=\"used\"").And.Contain("Usage test: the scheduler stalls");
        givenBack.Should().Contain($"<strong class=\"used\">{usedBefore} used</strong>").And.Contain($"<strong class=\"left\">{StandardAllowance - usedBefore} left</strong>");
        RowOf(givenBack, ticket).Should().Contain("class=\"given-back\"").And.Contain("not an incident: Our own outage, not theirs.");
    }

    private async Task GiveBackAsync(Ticket ticket, string reason)
    {
        var managerId = (await app.UserIdAsync(Manager))!.Value;
        using var scope = app.Services.CreateScope();
        var marked = await scope.ServiceProvider.GetRequiredService<MarkNotAnIncident>()
            .HandleAsync(new MarkNotAnIncidentRequest(TicketActor.Staff(managerId), ticket.Id, reason, null));
        marked.Succeeded.Should().BeTrue(string.Join(" ", marked.Errors.Select(e => e.Message)));
    }

    private static string RowOf(string html, Ticket ticket)
    {
        var start = html.IndexOf($"data-ticket=\"{ticket.Number}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the usage lists {ticket.Number}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<int> ContractOfAsync(string organisation)
    {
        // The organisation's contract in term: the renewal, which renews another.
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<int>(
            "SELECT c.Id FROM Contracts c JOIN Organisations o ON o.Id = c.OrganisationId WHERE o.Name = @Name AND c.RenewsContractId IS NOT NULL",
            new { Name = organisation });
    }

    private async Task<int> IncidentsUsedAsync(int contractId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT IncidentsUsed FROM Contracts WHERE Id = @Id", new { Id = contractId });
    }
}
