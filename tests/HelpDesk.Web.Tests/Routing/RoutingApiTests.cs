using System.Net;
using System.Text.Json;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.Routing;

public sealed class RoutingApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Filing_SendsStrategicAndSelfServiceCustomersToDifferentEngineers_AndExplainsWhyToStaffOnly()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var expert = await app.EngineerAsync(seed, "Priya Expert", proficiency: 5, tier: 2, hourly: "95.00");
        var junior = await app.EngineerAsync(seed, "Jonas Junior", proficiency: 2, hourly: "40.00");
        var northwind = await app.SignInWithTokenAsync(RoutingSeed.Northwind);
        var tailspin = await app.SignInWithTokenAsync(RoutingSeed.Tailspin);

        var strategic = await northwind.FileAsync("", extra: new { subject = "Gateway drops tags", body = "Since the update.", severity = 3, product = seed.Code });
        var selfService = await tailspin.FileAsync("", extra: new { subject = "Gateway drops tags too", body = "Since the update.", severity = 3, product = seed.Code });

        strategic.GetProperty("routing").GetProperty("assignee").Text("name").Should().Be(expert.Name);
        selfService.GetProperty("routing").GetProperty("assignee").Text("name").Should().Be(junior.Name);
        strategic.GetProperty("routing").TryGetProperty("explanation", out _).Should().BeFalse("a customer never sees how the ticket was routed");
        strategic.GetProperty("routing").TryGetProperty("queue", out _).Should().BeFalse();

        var manager = await app.SignInWithTokenAsync(RoutingSeed.Manager);
        var strategicRouting = (await manager.GetJsonAsync($"/api/tickets/{strategic.Text("number")}")).GetProperty("routing");
        var selfServiceRouting = (await manager.GetJsonAsync($"/api/tickets/{selfService.Text("number")}")).GetProperty("routing");
        strategicRouting.GetProperty("assignee").Number("id").Should().Be(expert.Id);
        var why = strategicRouting.GetProperty("explanation");
        why.Text("mode").Should().Be("ProficiencyFirst");
        why.Text("modeReason").Should().ContainEquivalentOf("strategic");
        why.Text("outcome").Should().Be("Assigned");
        why.Text("queue").Should().Be(seed.Queue());
        why.Text("summary").Should().Contain(expert.Name);
        why.GetProperty("ranked").EnumerateArray().Select(r => r.Text("name")).Should().StartWith([expert.Name, junior.Name]);
        why.GetProperty("ranked")[0].Number("proficiency").Should().Be(5);
        var cheap = selfServiceRouting.GetProperty("explanation");
        cheap.Text("mode").Should().Be("CostFirst");
        var ranked = cheap.GetProperty("ranked").EnumerateArray().ToList();
        ranked.Select(r => r.Text("name")).Should().StartWith([junior.Name, expert.Name]);
        ranked[0].Number("overQualification").Should().Be(0);
        ranked[0].GetProperty("expectedCostCents").GetInt64().Should().Be(8000, "40.00 an hour for the 120 minutes a case is expected to take");

        var customerView = await northwind.GetJsonAsync($"/api/tickets/{strategic.Text("number")}");
        customerView.GetProperty("routing").GetProperty("assignee").Text("name").Should().Be(expert.Name);
        customerView.GetProperty("routing").EnumerateObject().Select(p => p.Name).Should().Equal("assignee");
        customerView.GetProperty("ticket").GetProperty("sla").TryGetProperty("state", out _).Should().BeFalse("the SLA monitor's state is for staff");
    }

    [Fact]
    public async Task Filing_WhenEveryoneIsAtCapacity_WaitsInTheSkillQueue_AndIsPulledWhenATicketIsResolved()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var only = await app.EngineerAsync(seed, "Olga Only", proficiency: 3, capacity: 1);
        var first = await app.FileAsync(seed, RoutingSeed.Tailspin, "First of two");
        first.AssigneeId.Should().Be(only.Id);

        var second = await app.FileAsync(seed, RoutingSeed.Tailspin, "Second of two");

        second.AssigneeId.Should().BeNull();
        second.Queue.Should().Be(seed.Queue());
        var manager = await app.SignInWithTokenAsync(RoutingSeed.Manager);
        var waiting = await manager.GetJsonAsync($"/api/tickets?queue={Uri.EscapeDataString(seed.Queue())}&sort=due");
        waiting.GetProperty("items").EnumerateArray().Select(t => t.Number("id")).Should().Equal(second.Id);
        var routing = (await manager.GetJsonAsync($"/api/tickets/{second.Number}")).GetProperty("routing");
        routing.Text("queue").Should().Be(seed.Queue());
        routing.GetProperty("explanation").Text("outcome").Should().Be("Queued");
        routing.GetProperty("explanation").GetProperty("excludedCounts").GetProperty("AtCapacity").GetInt32().Should().Be(1);
        routing.GetProperty("explanation").GetProperty("excluded").EnumerateArray()
            .Should().Contain(e => e.Text("name") == only.Name && e.Text("reason") == "AtCapacity");

        await app.ResolveAsync(first.Id, only.Id);

        var pulled = await app.TicketAsync(second.Id);
        pulled.AssigneeId.Should().Be(only.Id);
        pulled.Queue.Should().BeNull();
        pulled.Routing!.Trigger.Should().Be(Core.Routing.RoutingTrigger.Pulled);
        (await manager.GetJsonAsync($"/api/tickets?queue={Uri.EscapeDataString(seed.Queue())}")).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Filing_ByManyCallersAtOnce_SavesEveryTicketJudgedAndRouted_AndFillsEachEngineerOnlyToCapacity()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var first = await app.EngineerAsync(seed, "Cara Concurrent", proficiency: 3, capacity: 5);
        var second = await app.EngineerAsync(seed, "Dev Concurrent", proficiency: 3, capacity: 5);
        var tailspin = await app.SignInWithTokenAsync(RoutingSeed.Tailspin);

        var filed = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            tailspin.FileAsync("", extra: new { subject = $"Burst {i}", body = "All at once.", severity = 3, product = seed.Code })));

        var tickets = new List<Ticket>();
        foreach (var answer in filed)
        {
            tickets.Add(await app.TicketAsync(answer.Number("id")));
        }

        tickets.Select(t => t.Subject).Should().BeEquivalentTo(Enumerable.Range(0, 24).Select(i => $"Burst {i}"));
        tickets.Should().OnlyContain(t => t.Entitlement != null && t.Routing != null, "every ticket is judged and routed");
        tickets.Count(t => t.AssigneeId == first.Id).Should().Be(5);
        tickets.Count(t => t.AssigneeId == second.Id).Should().Be(5);
        tickets.Count(t => t.AssigneeId == null && t.Queue == seed.Queue()).Should().Be(14);
    }

    [Fact]
    public async Task Escalate_RaisesTheTier_ReRoutes_AndAuditsTheReason()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var first = await app.EngineerAsync(seed, "Tia Tierone", proficiency: 3);
        var second = await app.EngineerAsync(seed, "Tom Tiertwo", proficiency: 4, tier: 2);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Needs tier 2");
        ticket.AssigneeId.Should().Be(first.Id);
        var engineer = await app.SignInWithTokenAsync(first.Email);

        var (status, body) = await engineer.PostJsonAsync($"/api/tickets/{ticket.Number}/escalate", new { reason = "Kernel driver crash; beyond tier 1.", version = ticket.Version });

        status.Should().Be(HttpStatusCode.OK, body.ToString());
        body.Number("tier").Should().Be(2);
        body.GetProperty("routing").GetProperty("assignee").Number("id").Should().Be(second.Id);
        body.GetProperty("routing").GetProperty("explanation").Text("trigger").Should().Be("Escalated");
        body.GetProperty("routing").GetProperty("explanation").Text("note").Should().Be("Kernel driver crash; beyond tier 1.");
        (await app.AuditOfAsync(ticket.Id, "routing")).Should().Contain(e => e.New!.StartsWith($"Assigned to {second.Name}", StringComparison.Ordinal));
        (await app.AuditOfAsync(ticket.Id, "escalated")).Should().ContainSingle().Which.New.Should().Be("Kernel driver crash; beyond tier 1.");
        (await app.AuditOfAsync(ticket.Id, "tier")).Should().ContainSingle().Which.Should().Be(("1", "2"));
    }

    [Fact]
    public async Task Escalate_AnswersProblemDetails_ForAMissingReasonOrVersion_AStaleVersion_TheTopTier_AndACustomer()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        await app.EngineerAsync(seed, "Una Upper", proficiency: 5, tier: 3);
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Escalation problems");
        var engineer = await app.SignInWithTokenAsync(RoutingSeed.Engineer);
        var url = $"/api/tickets/{ticket.Number}/escalate";

        var noReason = await engineer.PostJsonAsync(url, new { version = ticket.Version });
        var noVersion = await engineer.PostJsonAsync(url, new { reason = "Because." });
        var stale = await engineer.PostJsonAsync(url, new { reason = "Because.", version = ticket.Version + 5 });
        var customer = await (await app.SignInWithTokenAsync(RoutingSeed.Tailspin)).PostJsonAsync(url, new { reason = "Faster please.", version = ticket.Version });

        noReason.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        noReason.Body.Errors().Should().ContainKey("reason");
        noVersion.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        noVersion.Body.Errors().Should().ContainKey("version");
        stale.Status.Should().Be(HttpStatusCode.Conflict);
        customer.Status.Should().Be(HttpStatusCode.NotFound, "a customer learns nothing of staff-only routes");

        var current = await app.TicketAsync(ticket.Id);
        for (var tier = current.Tier; tier < 3; tier++)
        {
            current = await app.TicketAsync(ticket.Id);
            (await engineer.PostJsonAsync(url, new { reason = "Up again.", version = current.Version })).Status.Should().Be(HttpStatusCode.OK);
        }

        current = await app.TicketAsync(ticket.Id);
        var top = await engineer.PostJsonAsync(url, new { reason = "Higher still.", version = current.Version });
        top.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        top.Body.Errors().Should().ContainKey("tier").WhoseValue.Single().Should().Contain("already at tier 3");
    }

    [Fact]
    public async Task HandBack_UnassignsAndReRoutes_LeavingOutTheEngineerWhoHandedItBack()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var favourite = await app.EngineerAsync(seed, "Fay Favourite", proficiency: 2, hourly: "30.00");
        var other = await app.EngineerAsync(seed, "Otto Other", proficiency: 3, hourly: "70.00");
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Hand me back");
        ticket.AssigneeId.Should().Be(favourite.Id);
        var engineer = await app.SignInWithTokenAsync(favourite.Email);

        var missing = await engineer.PostJsonAsync($"/api/tickets/{ticket.Number}/handback", new { version = ticket.Version });
        var (status, body) = await engineer.PostJsonAsync($"/api/tickets/{ticket.Number}/handback", new { reason = "I am off from tomorrow.", version = ticket.Version });

        missing.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        missing.Body.Errors().Should().ContainKey("reason");
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("routing").GetProperty("assignee").Number("id").Should().Be(other.Id);
        var explanation = body.GetProperty("routing").GetProperty("explanation");
        explanation.Text("trigger").Should().Be("HandedBack");
        explanation.GetProperty("excluded").EnumerateArray().Should().Contain(e => e.Number("engineerId") == favourite.Id && e.Text("reason") == "GaveUp" && e.Text("text") == "handed the ticket back");
    }

    [Fact]
    public async Task Reassign_IsForManagers_WhoMayNameAnEngineerOverCapacity_OrLetTheRouterChoose()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var busy = await app.EngineerAsync(seed, "Bea Busy", proficiency: 3, capacity: 1);
        var spare = await app.EngineerAsync(seed, "Sam Spare", proficiency: 3, hourly: "99.00");
        var ticket = await app.FileAsync(seed, RoutingSeed.Tailspin, "Who takes this");
        var engineer = await app.SignInWithTokenAsync(RoutingSeed.Engineer);
        var manager = await app.SignInWithTokenAsync(RoutingSeed.Manager);
        var url = $"/api/tickets/{ticket.Number}/reassign";
        var toSpare = ticket.AssigneeId == spare.Id ? busy : spare;

        var forbidden = await engineer.PostJsonAsync(url, new { engineerId = toSpare.Id, version = ticket.Version });
        var named = await manager.PostJsonAsync(url, new { engineerId = toSpare.Id, reason = "Knows this customer.", version = ticket.Version });

        forbidden.Status.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Body.Text("title").Should().Be("Managers only");
        named.Status.Should().Be(HttpStatusCode.OK, named.Body.ToString());
        named.Body.GetProperty("routing").GetProperty("assignee").Number("id").Should().Be(toSpare.Id);

        var current = await app.TicketAsync(ticket.Id);
        var routerChooses = await manager.PostJsonAsync(url, new { engineerId = (int?)null, version = current.Version });
        routerChooses.Status.Should().Be(HttpStatusCode.OK, routerChooses.Body.ToString());
        routerChooses.Body.GetProperty("routing").GetProperty("assignee").Number("id").Should().NotBe(toSpare.Id);
        routerChooses.Body.GetProperty("routing").GetProperty("explanation").Text("trigger").Should().Be("Reassigned");

        var nobody = await app.StaffAsync("Nora Noprofile");
        current = await app.TicketAsync(ticket.Id);
        var unrouted = await manager.PostJsonAsync(url, new { engineerId = nobody.Id, version = current.Version });
        unrouted.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        unrouted.Body.Errors().Should().ContainKey("engineerId");
    }

    [Fact]
    public async Task Filing_TakesTheLanguage_AndRoutesOnlyToEngineersWhoSpeakIt()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        await app.EngineerAsync(seed, "Edith English", proficiency: 5, hourly: "20.00");
        var german = await app.EngineerAsync(seed, "Dieter Deutsch", proficiency: 3, hourly: "80.00", languages: ["en", "de"]);
        var customer = await app.SignInWithTokenAsync(RoutingSeed.Tailspin);

        var filed = await customer.FileAsync("", extra: new { subject = "Gateway hängt", body = "Seit dem Update.", severity = 3, product = seed.Code, language = "de" });
        var wrong = await customer.PostJsonAsync("/api/tickets", new { subject = "Language?", body = "Which one.", severity = 3, product = seed.Code, language = "xx" });

        filed.Text("language").Should().Be("de");
        filed.GetProperty("routing").GetProperty("assignee").Number("id").Should().Be(german.Id);
        wrong.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        wrong.Body.Errors().Should().ContainKey("language");
    }

    [Fact]
    public async Task List_ByQueueAndDue_NamesAMalformedQueue()
    {
        var staff = await app.SignInWithTokenAsync(RoutingSeed.Manager);

        var response = await staff.GetAsync("/api/tickets?queue=not-a-queue");
        var body = await response.JsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.Errors().Should().ContainKey("queue");
        (await staff.GetAsync("/api/tickets?sort=due")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
