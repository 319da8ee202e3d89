using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>The desk as engineers and managers meet routing: the explanation, the skill queues and the forms that re-route.</summary>
public sealed partial class RoutingPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task TicketPage_ExplainsTheChoice_ModeCandidatesWithTheirFactorsAndWhoWasLeftOut()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var junior = await app.EngineerAsync(seed, "Jade Junior", proficiency: 2, hourly: "40.00");
        var senior = await app.EngineerAsync(seed, "Sven Senior", proficiency: 4, hourly: "90.00");
        var away = await app.EngineerAsync(seed, "Ada Away", proficiency: 5);
        await app.SetAvailableAsync(away.Id, available: false);
        var french = await app.EngineerAsync(seed, "Fleur French", proficiency: 3, languages: ["fr"]);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Explain yourself");
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var html = await manager.GetStringAsync($"/desk/tickets/{ticket.Number}");

        var panel = Section(html, "routing");
        panel.Should().Contain("Assigned").And.Contain($"to <strong>{junior.Name}</strong>").And.Contain(seed.Queue());
        panel.Should().Contain("Least over-qualified and cheapest first").And.Contain("self-service");
        panel.Should().Contain($"{seed.Product.Name} at proficiency 2 (normal severity), tier 1 or above, speaks English", "the need names the product as people know it");
        var ranked = Rows(Table(panel, "routing-ranked"));
        ranked.Should().HaveCount(2);
        ranked[0].Should().Equal("1", junior.Name, "2/5", "exact fit", "80.00 USD (in-house at 40.00 USD an hour × 2 h)", "0 of 5", "never");
        ranked[1][1].Should().Be(senior.Name);
        ranked[1][3].Should().Be("+2");
        var excluded = Rows(Table(panel, "routing-excluded"));
        excluded.Should().Contain(r => r[0] == away.Name).And.Contain(r => r[0] == french.Name);
        panel.Should().MatchRegex("By reason: .*1 away").And.MatchRegex("By reason: .*1 does not speak the language");
    }

    [Fact]
    public async Task TicketPage_ShowsAQueuedTicketWaiting_WithTheReasonNobodyTookIt()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var full = await app.EngineerAsync(seed, "Finn Full", proficiency: 3, capacity: 1);
        await app.FileAsync(seed, RoutingSeed.Tailspin, "Takes the only place");
        var waiting = await app.FileAsync(seed, RoutingSeed.Tailspin, "Has to wait");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);

        var html = await engineer.GetStringAsync($"/desk/tickets/{waiting.Number}");

        var panel = Section(html, "routing");
        panel.Should().Contain("Queued").And.Contain($"Queued in {seed.Queue()}").And.Contain("1 at capacity");
        Rows(Table(panel, "routing-excluded")).Should().ContainSingle(r => r[0] == full.Name);
        html.Should().Contain($"waiting in <span class=\"queue-name\">{seed.Queue()}</span>");
    }

    [Fact]
    public async Task SkillQueueTab_ListsItsWaitingTickets_ByDueTime_WithCountdowns()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var low = await app.FileAsync(seed, RoutingSeed.Tailspin, "Low waits longest", Severity.Low);
        var critical = await app.FileAsync(seed, RoutingSeed.Tailspin, "Critical is due first", Severity.Critical);
        var normal = await app.FileAsync(seed, RoutingSeed.Northwind, "Normal in between");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);

        var html = await engineer.GetStringAsync($"/desk?queue={Uri.EscapeDataString(seed.Queue())}");

        DeskFixture.TicketIdsOn(html).Should().Equal(critical.Id, normal.Id, low.Id);
        html.Should().Contain($"aria-current=\"page\" title=\"Another skill queue\"><span class=\"queue-name\">{seed.Queue()}</span> <span class=\"count\">3</span>");
        Regex.Matches(html, "<time class=\"countdown ahead\"").Should().HaveCount(3);
        html.Should().Contain($"waiting in {seed.Queue()}");
    }

    [Fact]
    public async Task SkillQueueTab_PagesThroughEveryWaitingTicketOnce_InPullOrder()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var filed = new List<Ticket>();
        for (var i = 0; i < 30; i++)
        {
            filed.Add(await app.FileAsync(seed, RoutingSeed.Tailspin, $"Paging {i}", (Severity)(1 + (i % 4))));
        }

        var engineer = await app.SignInAsync(RoutingSeed.Engineer);

        var first = await engineer.GetStringAsync($"/desk?queue={Uri.EscapeDataString(seed.Queue())}");
        var next = DeskFixture.NextLinkOn(first);
        next.Should().NotBeNull();
        var second = await engineer.GetStringAsync(next);

        var expected = filed.OrderBy(t => t.NextDueUtc ?? DateTime.MaxValue).ThenBy(t => t.Severity).ThenBy(t => t.CreatedUtc).ThenBy(t => t.Id).Select(t => t.Id);
        DeskFixture.TicketIdsOn(first).Concat(DeskFixture.TicketIdsOn(second)).Should().Equal(expected);
        DeskFixture.NextLinkOn(second).Should().BeNull();
    }

    [Fact]
    public async Task SlaBadges_MarkAtRiskAndBreachedTickets_OnTheDeskAndInTheWorkload()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var owner = await app.EngineerAsync(seed, "Bella Badges", proficiency: 5, capacity: 10);
        var calm = await app.FileAsync(seed, RoutingSeed.Tailspin, "Badges: calm");
        var risky = await app.FileAsync(seed, RoutingSeed.Tailspin, "Badges: at risk");
        var late = await app.FileAsync(seed, RoutingSeed.Tailspin, "Badges: breached");
        await app.SetSlaStateAsync(risky.Id, "AtRisk");
        await app.SetSlaStateAsync(late.Id, "Breached");
        var engineer = await app.SignInAsync(owner.Email);
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var mine = await engineer.GetStringAsync("/desk?queue=Mine");
        var workload = await manager.GetStringAsync("/manage/workload");

        RowOf(mine, $">{calm.Number}<").Should().NotContain("badge sla-");
        RowOf(mine, $">{risky.Number}<").Should().Contain("<span class=\"badge sla-at-risk\">at risk</span>");
        RowOf(mine, $">{late.Number}<").Should().Contain("<span class=\"badge sla-breached\">breached</span>");
        var row = RowOf(workload, $"data-engineer=\"{owner.Id}\"");
        row.Should().Contain("3 of 10").And.Contain("<td class=\"at-risk\"><span class=\"badge sla-at-risk\">1</span></td>").And.Contain("<td class=\"breached\"><span class=\"badge sla-breached\">1</span></td>");
        (await engineer.GetStringAsync($"/desk/tickets/{late.Number}")).Should().Contain("<dd class=\"sla-state\"><span class=\"badge sla-breached\">breached</span>");
    }

    [Fact]
    public async Task MineTab_IsSortedByTheNextDueTime()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var mine = await app.EngineerAsync(seed, "Mia Mine", proficiency: 5, capacity: 10);
        var normal = await app.FileAsync(seed, RoutingSeed.Tailspin, "Normal one");
        var high = await app.FileAsync(seed, RoutingSeed.Tailspin, "High one", Severity.High);
        var low = await app.FileAsync(seed, RoutingSeed.Tailspin, "Low one", Severity.Low);
        var engineer = await app.SignInAsync(mine.Email);

        var html = await engineer.GetStringAsync("/desk?queue=Mine");

        DeskFixture.TicketIdsOn(html).Should().Equal(high.Id, normal.Id, low.Id);
    }

    [Fact]
    public async Task EscalateForm_NeedsAReason_ThenRaisesTheTierAndShowsTheNewRouting()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        await app.EngineerAsync(seed, "Tara Tierone", proficiency: 3);
        var second = await app.EngineerAsync(seed, "Theo Tiertwo", proficiency: 4, tier: 2);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Escalate me on the page");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);
        var url = $"/desk/tickets/{ticket.Number}";

        var missing = await engineer.PostFormAsync(url, new Dictionary<string, string> { ["Version"] = $"{ticket.Version}" }, handler: "Escalate");
        var escalated = await engineer.PostFormAsync(url, new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Escalation.Reason"] = "Needs a kernel expert." }, handler: "Escalate");

        PageText.ErrorsOf(await missing.Content.ReadAsStringAsync()).Should().Contain("Say why the ticket needs a higher tier");
        escalated.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await escalated.Content.ReadAsStringAsync()));
        var saved = await app.TicketAsync(ticket.Id);
        saved.Tier.Should().Be(2);
        saved.AssigneeId.Should().Be(second.Id);
        var html = await engineer.GetStringAsync(url);
        Section(html, "routing").Should().Contain("on escalation").And.Contain("Needs a kernel expert.");
        html.Should().Contain("tier 2");
    }

    [Fact]
    public async Task EscalateForm_WithAStaleVersion_SaysSomeoneElseChangedTheTicket_AndKeepsTheReason()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Stale escalation");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);
        await app.AssignAsync(ticket.Id, DeskFixture.OtherEngineer);

        var response = await engineer.PostFormAsync(
            $"/desk/tickets/{ticket.Number}",
            new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Escalation.Reason"] = "Typed before the change." },
            handler: "Escalate");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("class=\"stale\"").And.Contain("Typed before the change.");
        (await app.TicketAsync(ticket.Id)).Tier.Should().Be(1);
    }

    [Fact]
    public async Task HandBackForm_ReRoutesToSomeoneElse()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var first = await app.EngineerAsync(seed, "Hana Handsback", proficiency: 2, hourly: "30.00");
        var next = await app.EngineerAsync(seed, "Nils Next", proficiency: 3, hourly: "50.00");
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Hand back on the page");
        ticket.AssigneeId.Should().Be(first.Id);
        var engineer = await app.SignInAsync(first.Email);

        var response = await engineer.PostFormAsync(
            $"/desk/tickets/{ticket.Number}",
            new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["HandBack.Reason"] = "Wrong area for me." },
            handler: "HandBack");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(next.Id);
        (await app.AuditOfAsync(ticket.Id, "handed back")).Should().ContainSingle().Which.New.Should().Be("Wrong area for me.");
    }

    [Fact]
    public async Task ReassignForm_IsShownToManagersOnly_AndRefusedToEngineers()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var first = await app.EngineerAsync(seed, "Rita Router", proficiency: 3, hourly: "30.00");
        var chosen = await app.EngineerAsync(seed, "Carl Chosen", proficiency: 3, hourly: "90.00");
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Reassign on the page");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);
        var manager = await app.SignInAsync(RoutingSeed.Manager);
        var url = $"/desk/tickets/{ticket.Number}";
        var form = new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Reassignment.EngineerId"] = $"{chosen.Id}", ["Reassignment.Reason"] = "Carl knows them." };

        (await engineer.GetStringAsync(url)).Should().NotContain("Reassign</h2>");
        (await manager.GetStringAsync(url)).Should().Contain("Reassign</h2>").And.Contain($"<option value=\"{chosen.Id}\">{chosen.Name} (tier 1)</option>")
            .And.NotContain($"<option value=\"{first.Id}\">", "the current assignee is not offered");
        var refused = await engineer.PostFormAsync(url, form, handler: "Reassign");
        var done = await manager.PostFormAsync(url, form, handler: "Reassign");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        done.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await done.Content.ReadAsStringAsync()));
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(chosen.Id);
    }

    [Fact]
    public async Task TicketPage_ShowsTheSlaStateAndWhetherTargetsWereMet()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var ticket = await app.FileAsync(seed, RoutingSeed.Northwind, "SLA on the page");
        var engineer = await app.SignInAsync(RoutingSeed.Engineer);
        var url = $"/desk/tickets/{ticket.Number}";
        var page = await engineer.GetStringAsync(url);

        await engineer.PostFormAsync(url, new Dictionary<string, string> { ["Version"] = $"{DeskFixture.VersionOn(page)}", ["Reply.Body"] = "Looking at it now.", ["Reply.Kind"] = "Reply", ["Reply.Status"] = "PendingCustomer" }, handler: "Reply");
        var html = await engineer.GetStringAsync(url);

        html.Should().MatchRegex("First response target</dt><dd[^>]*>\\s*<span class=\"sla-target sla-met\"[^>]*>met at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC<span class=\"muted\"> \\(due ");
        html.Should().Contain("<span class=\"badge sla-paused\">paused</span>").And.Contain("waiting on the customer since");
        html.Should().MatchRegex("Resolution target</dt><dd[^>]*>\\s*<span class=\"sla-target sla-paused\"[^>]*>paused<span class=\"muted\"> \\(waiting on the customer since ");
    }

    /// <summary>The table row that holds <paramref name="marker"/>.</summary>
    private static string RowOf(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        at.Should().BeGreaterThanOrEqualTo(0, $"the page shows {marker}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    /// <summary>The element with the class, from its start to the end of the section or table that opens it.</summary>
    private static string Section(string html, string cssClass)
    {
        var start = html.IndexOf($"<section class=\"{cssClass}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the page has a {cssClass} section");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Table(string html, string cssClass)
    {
        var start = html.IndexOf($"<table class=\"grid {cssClass}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"there is a {cssClass} table");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    /// <summary>The text of each body row's cells.</summary>
    private static List<string[]> Rows(string table) =>
        [.. BodyRow().Matches(table[table.IndexOf("<tbody>", StringComparison.Ordinal)..])
            .Select(row => Cell().Matches(row.Groups[1].Value).Select(c => System.Net.WebUtility.HtmlDecode(Tag().Replace(c.Groups[1].Value, "").Trim())).ToArray())];

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRow();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
