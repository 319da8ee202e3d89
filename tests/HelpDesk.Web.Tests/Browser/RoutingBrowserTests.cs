using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Routing as people meet it in a browser: a manager gives two new engineers their profiles and rates; a strategic
/// and a self-service customer file on the same product and get different engineers, each choice explained on the
/// desk; with everyone at capacity the next ticket waits in its skill queue, and is pulled the moment an engineer
/// resolves a ticket.
/// </summary>
public sealed class RoutingBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string Product = "Mooring Gateway";
    private const string Queue = "mooring/tier-1";

    [Fact]
    public async Task StrategicAndSelfServiceGoToDifferentEngineers_ThenATicketWaitsInItsQueueUntilOneIsResolved()
    {
        // Whoever else has a profile is away, so the two engineers of this test are the only ones the router sees.
        await EveryoneElseAwayAsync();
        var expert = await app.StaffAsync("Kai Keen");
        var junior = await app.StaffAsync("Lou Lowcost");

        var manager = await SignedInPageAsync(RoutingSeed.Manager);
        await ProfileAsync(manager, expert, tier: 2, proficiency: 5, capacity: 2, hourly: "95.00");
        await ProfileAsync(manager, junior, tier: 1, proficiency: 2, capacity: 1, hourly: "45.00");

        var northwind = await SignedInPageAsync(RoutingSeed.Northwind);
        var strategic = await FileAsync(northwind, "Browser routing: tags stop updating");
        await Expect(northwind.Locator("dd.assignee")).ToHaveTextAsync(expert.Name);

        var tailspin = await SignedInPageAsync(RoutingSeed.Tailspin);
        var selfService = await FileAsync(tailspin, "Browser routing: MQTT bridge drops messages");
        await Expect(tailspin.Locator("dd.assignee")).ToHaveTextAsync(junior.Name);
        await Expect(tailspin.Locator("section.routing")).ToHaveCountAsync(0);

        await manager.GotoAsync($"/desk/tickets/{strategic}");
        var why = manager.Locator("section.routing");
        await Expect(why.Locator(".routing-outcome")).ToContainTextAsync($"Assigned to {expert.Name}");
        await Expect(why).ToContainTextAsync("Most proficient first: strategic customer");
        await Expect(why.Locator("table.routing-ranked tbody tr").First).ToContainTextAsync(expert.Name);

        await manager.GotoAsync($"/desk/tickets/{selfService}");
        await Expect(why.Locator(".routing-outcome")).ToContainTextAsync($"Assigned to {junior.Name}");
        await Expect(why).ToContainTextAsync("Least over-qualified and cheapest first");
        await Expect(why.Locator("table.routing-ranked tbody tr")).ToHaveCountAsync(2);
        await Expect(why.Locator("table.routing-ranked tbody tr").Nth(1)).ToContainTextAsync(expert.Name);
        await Expect(why.Locator("table.routing-ranked tbody tr").First).ToContainTextAsync("exact fit");

        // The expert takes one more, and then nobody qualified has room.
        var filler = await FileAsync(northwind, "Browser routing: historian gaps at midnight");
        await Expect(northwind.Locator("dd.assignee")).ToHaveTextAsync(expert.Name);
        var waiting = await FileAsync(tailspin, "Browser routing: Modbus timeouts after restart");
        await Expect(tailspin.Locator("dd.assignee")).ToHaveTextAsync("waiting for the next free engineer");

        await manager.GotoAsync($"/desk/tickets/{waiting}");
        await Expect(why.Locator(".routing-outcome")).ToContainTextAsync($"Queued in {Queue}");
        await Expect(why.Locator(".routing-counts")).ToContainTextAsync("2 at capacity");
        await manager.GotoAsync("/desk");
        await manager.GetByRole(AriaRole.Link, new() { Name = Queue }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Link, new() { Name = waiting, Exact = true })).ToBeVisibleAsync();

        var lou = await SignedInPageAsync(junior.Email);
        await lou.GotoAsync("/desk");
        await lou.GetByRole(AriaRole.Link, new() { Name = selfService, Exact = true }).ClickAsync();
        await lou.Locator("select[name='StatusChange.Status']").SelectOptionAsync("Resolved");
        await lou.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(lou.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await lou.GotoAsync("/desk");
        await Expect(lou.GetByRole(AriaRole.Link, new() { Name = waiting, Exact = true })).ToBeVisibleAsync();

        await tailspin.GotoAsync($"/portal/tickets/{waiting}");
        await Expect(tailspin.Locator("dd.assignee")).ToHaveTextAsync(junior.Name);
        await manager.GotoAsync($"/desk/tickets/{waiting}");
        await Expect(why.Locator(".routing-outcome")).ToContainTextAsync($"Assigned to {junior.Name}");
        await Expect(why.Locator(".routing-outcome")).ToContainTextAsync("pulled from its queue");
        filler.Should().NotBe(waiting);
    }

    private async Task EveryoneElseAwayAsync()
    {
        var engineers = await app.Services.GetRequiredService<IEngineerStore>().ListAsync();
        foreach (var engineer in engineers.Where(e => e.Available))
        {
            await app.SetAvailableAsync(engineer.UserId, available: false);
        }

        // The demo leaves tickets waiting in the queues the two new engineers serve; someone already on the team
        // takes them, so the new engineers start with empty queues and pull nothing when their profiles are saved.
        using var scope = app.Services.CreateScope();
        var assign = scope.ServiceProvider.GetRequiredService<AssignTicket>();
        var taker = engineers[0].UserId;
        string[] queues = ["mooring/tier-1", "mooring/tier-2", "general/tier-1", "general/tier-2"];
        foreach (var ticket in await scope.ServiceProvider.GetRequiredService<IRoutingStore>().ListWaitingAsync(queues, 1000))
        {
            var taken = await assign.HandleAsync(new AssignTicketRequest(TicketActor.Staff(taker), ticket.Id, taker, null));
            taken.Succeeded.Should().BeTrue(string.Join(" ", taken.Errors.Select(e => e.Message)));
        }
    }

    /// <summary>The manager gives the engineer a profile (one Mooring Gateway skill) and an hourly rate, through the manage pages.</summary>
    private static async Task ProfileAsync(IPage manager, TestEngineer engineer, int tier, int proficiency, int capacity, string hourly)
    {
        await manager.GotoAsync("/manage");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Engineers", Exact = true }).ClickAsync();
        var row = manager.Locator($"tr[data-engineer='{engineer.Id}']");
        await Expect(row).ToContainTextAsync("not routed");
        await row.GetByRole(AriaRole.Link, new() { Name = "Add a profile" }).ClickAsync();
        await manager.Locator("select[name='Input.Tier']").SelectOptionAsync(tier.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.Locator("select[name='Input.Skills[0].Product']").SelectOptionAsync(new SelectOptionValue { Label = Product });
        await manager.Locator("select[name='Input.Skills[0].Proficiency']").SelectOptionAsync(proficiency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.Locator("input[name='Input.Capacity']").FillAsync(capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Start routing to {engineer.Name}" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync($"{engineer.Name} is now routed");

        await manager.Locator($"tr[data-engineer='{engineer.Id}']").GetByRole(AriaRole.Link, new() { Name = "Rates" }).ClickAsync();
        await manager.GetByLabel("Hourly cost").FillAsync(hourly);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add rate" }).ClickAsync();
        await Expect(manager.Locator("table.rates")).ToContainTextAsync("in force");
    }

    /// <summary>Files a normal-severity problem on the product through the portal form; the ticket's number.</summary>
    private async Task<string> FileAsync(IPage customer, string subject)
    {
        await customer.GotoAsync("/portal/tickets/new");
        await customer.Locator("#Input_Product").SelectOptionAsync(Product);
        await customer.Locator("#Input_ProductRelease").SelectOptionAsync("3.6");
        await customer.Locator("#Input_Environment").SelectOptionAsync("Ubuntu 22.04 LTS");
        await customer.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await customer.GetByLabel("Description").FillAsync("Seen on two gateways since this morning.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "File the ticket" }).ClickAsync();
        await Expect(customer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(app.BaseUrl)}/portal/tickets/HD-\\d+$"));
        return customer.Url[(customer.Url.LastIndexOf('/') + 1)..];
    }

    private Task<IPage> SignedInPageAsync(string email) => chromium.SignedInPageAsync(app.BaseUrl, email);
}
