using System.Net;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Areas.Desk.Pages;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Desk;

public sealed class DeskQueueTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Queues_ShowEachTicketWhereItBelongs_AndTakingOneMovesItFromUnassignedToMine()
    {
        var word = Word();
        var fresh = await app.FileWaitingAsync($"{word} printer offline");
        var theirs = await app.FileAsync($"{word} VPN drops");
        await app.AssignAsync(theirs.Id, DeskFixture.OtherEngineer);
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        (await IdsAsync(engineer, $"/desk?queue=Unassigned&q={word}")).Should().Equal(fresh.Id);
        (await IdsAsync(engineer, $"/desk?queue=Mine&q={word}")).Should().BeEmpty();
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}")).Should().BeEquivalentTo([fresh.Id, theirs.Id]);

        var page = await engineer.GetStringAsync($"/desk/tickets/{fresh.Number}");
        page.Should().ContainEquivalentOf($"formaction=\"/desk/tickets/{fresh.Number}?handler=Take\"", "the Take it button posts the assign form to its own handler");
        var taken = await engineer.PostFormAsync(
            $"/desk/tickets/{fresh.Number}", new Dictionary<string, string> { ["Version"] = $"{DeskFixture.VersionOn(page)}" }, handler: "Take");

        taken.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await IdsAsync(engineer, $"/desk?queue=Mine&q={word}")).Should().Equal(fresh.Id);
        (await IdsAsync(engineer, $"/desk?queue=Unassigned&q={word}")).Should().BeEmpty();
        (await app.TicketRowAsync(fresh.Id)).AssigneeId.Should().Be(await app.UserIdAsync(DeskFixture.Engineer));
    }

    [Fact]
    public async Task Queues_LeaveOutResolvedTickets_UnlessTheStatusFilterAsksForThem()
    {
        var word = Word();
        var open = await app.FileAsync($"{word} open one");
        var resolved = await app.FileAsync($"{word} resolved one");
        var engineer = await app.SignInAsync(DeskFixture.Engineer);
        var page = await engineer.GetStringAsync($"/desk/tickets/{resolved.Number}");
        await engineer.PostFormAsync(
            $"/desk/tickets/{resolved.Number}",
            new Dictionary<string, string> { ["Version"] = $"{DeskFixture.VersionOn(page)}", ["StatusChange.Status"] = "Resolved" },
            handler: "Status");

        (await IdsAsync(engineer, $"/desk?queue=All&q={word}")).Should().Equal(open.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&status=Resolved")).Should().Equal(resolved.Id);
    }

    [Fact]
    public async Task Filters_NarrowTheListBySeverityOrganisationProductAndAssignee()
    {
        var word = Word();
        var critical = await app.FileAsync($"{word} database down", Severity.Critical, product: "Ledger");
        var low = await app.FileAsync($"{word} typo on invoice", Severity.Low, product: "Billing");
        var contoso = await app.FileAsync($"{word} contoso asks", Severity.Normal, requester: "customer@contoso.example");
        await app.AssignAsync(low.Id, DeskFixture.OtherEngineer);
        var contosoId = (await app.RequesterAsync("customer@contoso.example")).OrganisationId;
        var kenji = await app.UserIdAsync(DeskFixture.OtherEngineer);
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&severity=Critical")).Should().Equal(critical.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&org={contosoId}")).Should().Equal(contoso.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&product=Billing")).Should().Equal(low.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&assignee={kenji}")).Should().Equal(low.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={critical.Number}")).Should().Equal(critical.Id);
    }

    [Fact]
    public async Task Sort_BySeverity_PutsTheMostSevereFirst_AndByCreated_TheNewestFirst()
    {
        var word = Word();
        var normal = await app.FileAsync($"{word} a", Severity.Normal);
        var critical = await app.FileAsync($"{word} b", Severity.Critical);
        var low = await app.FileAsync($"{word} c", Severity.Low);
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&sort=Severity")).Should().Equal(critical.Id, normal.Id, low.Id);
        (await IdsAsync(engineer, $"/desk?queue=All&q={word}&sort=Created")).Should().Equal(low.Id, critical.Id, normal.Id);
    }

    [Fact]
    public async Task Paging_ShowsEveryTicketOnce_AcrossPagesFollowedByTheNextLink()
    {
        var word = Word();
        var filed = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            filed.Add((await app.FileAsync($"{word} number {i}")).Id);
        }

        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var first = await engineer.GetStringAsync($"/desk?queue=All&q={word}&sort=Created");
        var next = DeskFixture.NextLinkOn(first);
        next.Should().NotBeNull().And.Contain("after=");
        var second = await engineer.GetStringAsync(next);

        DeskFixture.TicketIdsOn(first).Should().HaveCount(IndexModel.PageSize);
        DeskFixture.TicketIdsOn(second).Should().HaveCount(30 - IndexModel.PageSize);
        DeskFixture.TicketIdsOn(first).Concat(DeskFixture.TicketIdsOn(second)).Should().Equal(filed.AsEnumerable().Reverse());
        DeskFixture.NextLinkOn(second).Should().BeNull();
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("MS4xLjE")]
    public async Task Paging_ExplainsAndStartsOver_WhenThePageTokenIsDamagedOrOfAnotherSort(string token)
    {
        var engineer = await app.SignInAsync(DeskFixture.Engineer);

        var response = await engineer.GetAsync($"/desk?queue=All&after={token}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("That page link is out of date or damaged");
    }

    [Fact]
    public async Task Desk_AnswersForbidden_ToACustomer()
    {
        var customer = await app.SignInAsync(DeskFixture.Customer);

        (await customer.GetAsync("/desk?queue=All")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<IReadOnlyList<int>> IdsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return DeskFixture.TicketIdsOn(await response.Content.ReadAsStringAsync());
    }

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];
}
