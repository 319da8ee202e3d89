using System.Net;
using System.Net.Http.Json;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>
/// The desk's rules for who has a ticket: a colleague is given one only when the router would give it to them; an
/// engineer who escalates or hands a ticket back never gets it straight back; a waiting ticket shows since when it waits.
/// </summary>
public sealed class DeskRulesTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task GivingACriticalTicketToAnUnskilledColleagueWhoIsAway_IsRefused_OnThePageAndInTheApi()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var expert = await app.EngineerAsync(seed, "Eve Expert", proficiency: 5);
        var novice = await app.EngineerAsync(seed, "Nick Novice", proficiency: 1);
        await app.SetAvailableAsync(novice.Id, available: false);
        var ticket = await app.FileAsync(seed, RoutingSeed.Northwind, "Production line down", Severity.Critical);
        ticket.AssigneeId.Should().Be(expert.Id);
        var page = await app.SignInAsync(expert.Email);
        var api = await app.SignInWithTokenAsync(expert.Email);

        var refused = await page.PostFormAsync(
            $"/desk/tickets/{ticket.Number}",
            new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Assign.AssigneeId"] = $"{novice.Id}" },
            handler: "Assign");
        var (status, problem) = await api.PostJsonAsync($"/api/tickets/{ticket.Number}/assignee", new { assigneeId = novice.Id, version = ticket.Version });

        var why = $"Nick Novice cannot take {ticket.Number} now: {seed.Code} proficiency 1; a critical ticket needs 4.";
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await refused.Content.ReadAsStringAsync()).Should().Contain(why);
        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors()["assigneeId"].Should().ContainSingle().Which.Should().StartWith(why);
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(expert.Id);
    }

    [Fact]
    public async Task GivingATicketToAColleagueWhoQualifiesAndHasRoom_MovesIt()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var first = await app.EngineerAsync(seed, "Gus Giver", proficiency: 3, hourly: "30.00");
        var colleague = await app.EngineerAsync(seed, "Cora Colleague", proficiency: 3, hourly: "90.00");
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Pass it to Cora");
        ticket.AssigneeId.Should().Be(first.Id);
        var engineer = await app.SignInAsync(first.Email);

        var given = await engineer.PostFormAsync(
            $"/desk/tickets/{ticket.Number}",
            new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Assign.AssigneeId"] = $"{colleague.Id}" },
            handler: "Assign");

        given.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await given.Content.ReadAsStringAsync()));
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(colleague.Id);
    }

    [Fact]
    public async Task Escalating_WhenOnlyTheEscalatorQualifiesForTheNextTier_LeavesTheTicketWaiting_AndTheDeskSaysSo()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var only = await app.EngineerAsync(seed, "Otto Only", proficiency: 4, tier: 2);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Escalated by the only one");
        ticket.AssigneeId.Should().Be(only.Id);
        var engineer = await app.SignInAsync(only.Email);
        var url = $"/desk/tickets/{ticket.Number}";

        var escalated = await engineer.PostFormAsync(
            url, new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["Escalation.Reason"] = "Needs a second pair of eyes." }, handler: "Escalate");
        var html = await engineer.GetStringAsync(url);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PullFromQueues>().FillAllAsync();
        }

        escalated.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await escalated.Content.ReadAsStringAsync()));
        var saved = await app.TicketAsync(ticket.Id);
        saved.AssigneeId.Should().BeNull("the router never hands a ticket straight back to the engineer who escalated it, nor do they pull it");
        saved.Queue.Should().Be(seed.Queue(tier: 2));
        html.Should().Contain($"Escalated to tier 2. Nobody else who qualifies is free, so it waits in {seed.Queue(tier: 2)}");
        html.Should().Contain("escalated the ticket").And.Contain("class=\"routing-waiting\"");
    }

    [Fact]
    public async Task WaitingSince_IsWhenTheTicketEnteredItsQueue_OnTheDeskTheWorkloadAndTheApi()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var handsBack = await app.EngineerAsync(seed, "Wendy Waits", proficiency: 3);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Handed back to wait");
        var engineer = await app.SignInAsync(handsBack.Email);
        var manager = await app.SignInAsync(RoutingSeed.Manager);
        var api = await app.SignInWithTokenAsync(RoutingSeed.Engineer);

        var handedBack = await engineer.PostFormAsync(
            $"/desk/tickets/{ticket.Number}", new Dictionary<string, string> { ["Version"] = $"{ticket.Version}", ["HandBack.Reason"] = "Off sick tomorrow." }, handler: "HandBack");
        var saved = await app.TicketAsync(ticket.Id);
        var queue = await engineer.GetStringAsync($"/desk?queue={Uri.EscapeDataString(seed.Queue())}");
        var workload = await manager.GetStringAsync("/manage/workload");
        var listed = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tickets?queue={Uri.EscapeDataString(seed.Queue())}");

        handedBack.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await handedBack.Content.ReadAsStringAsync()));
        saved.Queue.Should().Be(seed.Queue());
        saved.QueuedUtc.Should().NotBeNull().And.BeAfter(saved.CreatedUtc, "it waits since it was handed back, not since it was filed");
        queue.Should().Contain("class=\"cut muted waiting-since\"");
        workload.Should().Contain($"data-queue=\"{seed.Queue()}\"").And.Contain("Waiting since");
        listed.GetProperty("items").EnumerateArray().Single(i => i.Text("number") == ticket.Number)
            .GetProperty("waitingSince").GetDateTime().Should().BeCloseTo(saved.QueuedUtc!.Value, TimeSpan.FromMilliseconds(1));
    }
}
