using System.Net;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Portal.PortalApp;

namespace HelpDesk.Web.Tests.Portal;

public sealed class TicketListTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task List_ShowsAColleaguesTicket_ButNotToAnotherOrganisation()
    {
        var filed = await app.FileTicketAsync(Nora, "Colleague check: invoices print blank");
        var colleague = await app.SignInAsync(Pat);
        var outsider = await app.SignInAsync(ContosoCustomer);

        var seen = await colleague.GetStringAsync("/portal?q=Colleague+check");
        var notSeen = await outsider.GetStringAsync("/portal?q=Colleague+check");
        var byNumber = await outsider.GetStringAsync($"/portal?q={filed.Number}&status=all");

        TicketNumbersIn(seen).Should().Equal(filed.Number);
        seen.Should().Contain("Colleague check: invoices print blank").And.Contain("Nora Northwind");
        TicketNumbersIn(notSeen).Should().BeEmpty();
        notSeen.Should().NotContain("invoices print blank");
        TicketNumbersIn(byNumber).Should().BeEmpty();
    }

    [Fact]
    public async Task List_FindsATicketByNumber_WithOrWithoutThePrefix()
    {
        var filed = await app.FileTicketAsync(Nora, "Number search: the report is slow");
        var customer = await app.SignInAsync(Pat);

        TicketNumbersIn(await customer.GetStringAsync($"/portal?q={filed.Number}")).Should().Equal(filed.Number);
        TicketNumbersIn(await customer.GetStringAsync($"/portal?q={filed.Id}")).Should().Equal(filed.Number);
    }

    [Fact]
    public async Task List_PagesThroughThirtyTickets_NewestUpdatedFirst_WithNoRowTwice()
    {
        var marker = $"Paging{Guid.NewGuid():N}"[..16];
        var filed = new List<Ticket>();
        for (var i = 0; i < 30; i++)
        {
            filed.Add(await app.FileTicketAsync(Nora, $"{marker} ticket {i}"));
        }

        var customer = await app.SignInAsync(Nora);

        var first = await customer.GetStringAsync($"/portal?q={marker}");
        var next = NextLinkIn(first);
        next.Should().NotBeNull("30 tickets do not fit on one page");
        next.Should().Contain("after=").And.Contain($"q={marker}");
        var second = await customer.GetStringAsync(next);

        TicketNumbersIn(first).Should().HaveCount(25);
        TicketNumbersIn(second).Should().HaveCount(5);
        NextLinkIn(second).Should().BeNull();
        var expected = filed.OrderByDescending(t => t.UpdatedUtc).ThenByDescending(t => t.Id).Select(t => t.Number);
        TicketNumbersIn(first).Concat(TicketNumbersIn(second)).Should().Equal(expected);
    }

    [Fact]
    public async Task List_FiltersByStatus()
    {
        var marker = $"Status{Guid.NewGuid():N}"[..16];
        var stillOpen = await app.FileTicketAsync(Nora, $"{marker} still open");
        var resolved = await app.FileTicketAsync(Nora, $"{marker} resolved");
        var closed = await app.FileTicketAsync(Nora, $"{marker} closed");
        await app.ChangeStatusAsStaffAsync(resolved.Id, TicketStatus.Resolved);
        await app.ChangeStatusAsStaffAsync(closed.Id, TicketStatus.Closed);
        var customer = await app.SignInAsync(Nora);

        async Task<IReadOnlyList<string>> ListAsync(string status) =>
            TicketNumbersIn(await customer.GetStringAsync($"/portal?status={status}&q={marker}"));

        (await ListAsync("open")).Should().Equal(stillOpen.Number);
        (await ListAsync("resolved")).Should().Equal(resolved.Number);
        (await ListAsync("closed")).Should().Equal(closed.Number);
        (await ListAsync("all")).Should().BeEquivalentTo([stillOpen.Number, resolved.Number, closed.Number]);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("MS4xLjE")]
    [InlineData("%00%01")]
    public async Task List_SaysSoAndShowsTheFirstPage_WhenThePageTokenIsBad(string token)
    {
        var filed = await app.FileTicketAsync(Nora, "Bad token check: label printer offline");
        var customer = await app.SignInAsync(Nora);

        var response = await customer.GetAsync($"/portal?q=Bad+token+check&after={token}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("That page link is out of date or damaged");
        TicketNumbersIn(html).Should().Contain(filed.Number);
    }

    [Fact]
    public async Task List_ShowsTheWaitingMessageAndNoList_ToACustomerAwaitingPlacement()
    {
        var newcomer = await app.SignInAsync(Newcomer);

        var html = await newcomer.GetStringAsync("/portal");

        html.Should().Contain("waiting for a manager to place it");
        html.Should().NotContain("<table").And.NotContain("File a ticket");
    }

    [Fact]
    public async Task List_OffersFileATicket()
    {
        var customer = await app.SignInAsync(Nora);

        var html = await customer.GetStringAsync("/portal");

        html.Should().Contain("href=\"/portal/tickets/new\"").And.Contain("File a ticket");
    }
}
