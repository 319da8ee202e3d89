using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.Sla;

/// <summary>
/// Every state an SLA target can be in, as the customer reads it on the portal, as an engineer reads it on the desk
/// (the header and the entitlement box) and as a script reads it in the API. Each case files a ticket on the test
/// product, entitled under its around-the-clock plan, then sets its SLA times the way that state's history left them.
/// </summary>
public sealed partial class SlaTargetPageTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    public enum Surface
    {
        Portal,
        Desk,
        Api,
    }

    /// <summary>A ticket's SLA history, relative to now, and what each target must read.</summary>
    public sealed record State(string Status, Times Times, string FirstKind, string ResolutionKind, bool FirstLive, bool ResolutionLive);

    public sealed record Times(TimeSpan FiledAgo, TimeSpan? FirstDue, TimeSpan? ResolveDue, TimeSpan? Answered = null, TimeSpan? Resolved = null, TimeSpan? Closed = null, TimeSpan? Paused = null);

    private static readonly TimeSpan FirstTarget = TimeSpan.FromHours(4);
    private static readonly TimeSpan ResolveTarget = TimeSpan.FromHours(16);

    private static readonly Dictionary<string, State> States = new(StringComparer.Ordinal)
    {
        ["running"] = new("Open", new(TimeSpan.FromHours(1), FirstTarget, ResolveTarget), "Running", "Running", true, true),
        ["answered, waiting on the customer"] = new("PendingCustomer", new(TimeSpan.FromHours(2), FirstTarget, ResolveTarget, Answered: TimeSpan.FromMinutes(10), Paused: TimeSpan.FromMinutes(20)), "Met", "Paused", false, false),
        ["resolved early, days ago"] = new("Resolved", new(TimeSpan.FromDays(5), FirstTarget, ResolveTarget, Answered: TimeSpan.FromMinutes(30), Resolved: TimeSpan.FromHours(2)), "Met", "Met", false, false),
        ["closed after an early resolution"] = new("Closed", new(TimeSpan.FromDays(12), FirstTarget, ResolveTarget, Answered: TimeSpan.FromMinutes(30), Resolved: TimeSpan.FromHours(2), Closed: TimeSpan.FromDays(7)), "Met", "Met", false, false),
        ["answered and resolved late"] = new("Resolved", new(TimeSpan.FromDays(5), FirstTarget, ResolveTarget, Answered: TimeSpan.FromHours(5), Resolved: TimeSpan.FromDays(2)), "Missed", "Missed", false, false),
        ["open past both due times"] = new("Open", new(TimeSpan.FromDays(3), FirstTarget, ResolveTarget), "Missed", "Missed", true, true),
        ["closed without a resolution"] = new("Closed", new(TimeSpan.FromDays(3), FirstTarget, ResolveTarget, Answered: TimeSpan.FromHours(1), Closed: TimeSpan.FromHours(2)), "Met", "Met", false, false),
        ["no SLA applies"] = new("Open", new(TimeSpan.FromHours(1), null, null), "NoSla", "NoSla", false, false),
    };

    /// <summary>The words a target's state starts with, on every surface.</summary>
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Running"] = "due in ",
        ["Paused"] = "paused",
        ["Met"] = "met at ",
        ["Missed"] = "missed by ",
        ["NoSla"] = "no SLA applies",
    };

    public static TheoryData<string, Surface> Cases()
    {
        var data = new TheoryData<string, Surface>();
        foreach (var state in States.Keys)
        {
            foreach (var surface in Enum.GetValues<Surface>())
            {
                data.Add(state, surface);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachTarget_ReadsItsTrueState(string name, Surface surface)
    {
        var state = States[name];
        var number = await TicketInStateAsync(name, state);

        switch (surface)
        {
            case Surface.Portal:
                var portal = await (await app.SignInAsync(EntitlementSeed.Northwind)).GetStringAsync($"/portal/tickets/{number}");
                ShouldRead(Cell(portal, "due first-response"), state.FirstKind, state.FirstLive);
                ShouldRead(Cell(portal, "due resolve"), state.ResolutionKind, state.ResolutionLive);
                portal.Should().NotContain("overdue");
                break;
            case Surface.Desk:
                var desk = await (await app.SignInAsync(EntitlementSeed.Engineer)).GetStringAsync($"/desk/tickets/{number}");
                ShouldRead(Cell(desk, "sla-first-response"), state.FirstKind, state.FirstLive);
                ShouldRead(Cell(desk, "sla-resolve"), state.ResolutionKind, state.ResolutionLive);
                ShouldRead(Cell(desk, "due first-response"), state.FirstKind, state.FirstLive);
                ShouldRead(Cell(desk, "due resolve"), state.ResolutionKind, state.ResolutionLive);
                desk.Should().NotContain("overdue");
                if (state.Status is "Resolved" or "Closed")
                {
                    Cell(desk, "sla-state").Should().Contain("nothing due", "a resolved or closed ticket has no target still to meet");
                }
                break;
            default:
                var api = await (await app.SignInWithTokenAsync(EntitlementSeed.Northwind)).GetJsonAsync($"/api/tickets/{number}");
                var sla = api.GetProperty("sla");
                ShouldRead(sla.GetProperty("firstResponse"), sla.GetProperty("firstResponseDue"), state.FirstKind, state.FirstLive);
                ShouldRead(sla.GetProperty("resolution"), sla.GetProperty("resolveDue"), state.ResolutionKind, state.ResolutionLive);
                api.GetProperty("ticket").GetProperty("sla").GetProperty("firstResponse").GetProperty("kind").GetString().Should().Be(state.FirstKind);
                break;
        }
    }

    [Fact]
    public async Task AClosedDemoTicketResolvedInTime_ReadsMetOnThePortal()
    {
        await using var connection = await app.Connections.OpenAsync();
        var id = await connection.QueryFirstAsync<int>(
            """
            SELECT t.Id FROM Tickets t INNER JOIN Organisations o ON o.Id = t.OrganisationId
            WHERE o.Name = 'Northwind Traders' AND t.Status = 'Closed' AND t.ResolveMet = 1 AND t.FirstResponseMet = 1
            ORDER BY t.Id
            """);
        var customer = await app.SignInAsync(EntitlementSeed.Northwind);

        var page = await customer.GetStringAsync($"/portal/tickets/HD-{id}");

        ShouldRead(Cell(page, "due first-response"), "Met", live: false);
        ShouldRead(Cell(page, "due resolve"), "Met", live: false);
        page.Should().NotContain("overdue").And.NotContain("missed by").And.NotContain("<time class=\"countdown");
    }

    [Fact]
    public async Task EntitlementCheck_GivesTheTargetsARequestWouldGet_RunningFromNow()
    {
        var customer = await app.SignInWithTokenAsync(EntitlementSeed.Northwind);

        var (status, body) = await customer.PostJsonAsync("/api/entitlement/check", new { product = EntitlementSeed.ProductCode, release = EntitlementSeed.CurrentRelease, severity = 3 });

        status.Should().Be(HttpStatusCode.OK);
        var first = body.GetProperty("sla").GetProperty("firstResponse");
        first.GetProperty("kind").GetString().Should().Be("Running");
        first.GetProperty("minutesLeft").GetInt32().Should().BeInRange(239, 240);
        first.GetProperty("text").GetString().Should().StartWith("due in ");
    }

    [Fact]
    public async Task OpenApi_DescribesEachTargetsState()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var target = schemas.GetProperty("SlaTargetDto").GetProperty("properties");
        target.GetProperty("kind").ToString().Should().Contain("Missed: done after its due time, or still open past it");
        target.GetProperty("done").GetProperty("description").GetString().Should().Contain("null while still to meet");
        schemas.GetProperty("SlaDto").GetProperty("properties").GetProperty("firstResponse").ToString().Should().Contain("SlaTargetDto");
        schemas.GetProperty("SlaTargetKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("NoSla", "Running", "Paused", "Met", "Missed");
    }

    private static void ShouldRead(string cell, string kind, bool live)
    {
        cell.Should().Contain($"data-sla-kind=\"{kind}\"");
        WebUtility.HtmlDecode(Tags().Replace(cell, "")).Trim().Should().StartWith(Words[kind]);
        cell.Contains("<time class=\"countdown", StringComparison.Ordinal).Should().Be(live, $"only a target whose clock runs counts ({kind})");
    }

    private static void ShouldRead(JsonElement target, JsonElement due, string kind, bool live)
    {
        target.GetProperty("kind").GetString().Should().Be(kind);
        target.GetProperty("text").GetString().Should().StartWith(Words[kind]).And.NotContain("overdue");
        target.GetProperty("due").ToString().Should().Be(due.ToString(), "the due time is the one sla.*Due gives");
        var stillToMeet = kind is "Running" or "Paused" or "NoSla" || live;
        target.GetProperty("done").ValueKind.Should().Be(stillToMeet ? JsonValueKind.Null : JsonValueKind.String, "a done target says when it was done");
        if (kind == "Missed")
        {
            target.GetProperty("minutesLate").GetInt32().Should().BePositive();
        }

        if (kind == "Running")
        {
            target.GetProperty("minutesLeft").GetInt32().Should().BePositive();
        }
    }

    /// <summary>The content of the definition with this class.</summary>
    private static string Cell(string html, string css)
    {
        var start = html.IndexOf($"<dd class=\"{css}\">", StringComparison.Ordinal);
        start.Should().BePositive($"the page has a {css} cell");
        var end = html.IndexOf("</dd>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private async Task<string> TicketInStateAsync(string name, State state)
    {
        var customer = await app.SignInWithTokenAsync(EntitlementSeed.Northwind);
        var filed = await customer.FileOrbitAsync($"SLA: {name}", EntitlementSeed.CurrentRelease);
        var now = DateTime.UtcNow;
        var times = state.Times;
        var created = now - times.FiledAgo;
        DateTime? At(TimeSpan? after) => after is TimeSpan span ? created + span : null;
        await using var connection = await app.Connections.OpenAsync();
        await connection.ExecuteAsync(
            """
            UPDATE Tickets
            SET Status = @Status, CreatedUtc = @Created, FirstResponseDueUtc = @FirstDue, ResolveDueUtc = @ResolveDue,
                FirstResponseAtRiskUtc = NULL, ResolveAtRiskUtc = NULL, FirstResponseUtc = @Answered, FirstResponseMet = @FirstMet,
                ResolvedUtc = @Resolved, ResolveMet = @ResolveMet, ClosedUtc = @Closed, SlaPausedUtc = @Paused, SlaCheckUtc = NULL,
                SlaState = 'None', Resolutions = @Resolutions, Queue = NULL
            WHERE Id = @Id
            """,
            new
            {
                state.Status,
                Created = created,
                FirstDue = At(times.FirstDue),
                ResolveDue = At(times.ResolveDue),
                Answered = At(times.Answered),
                FirstMet = times.Answered is { } answered && times.FirstDue is { } firstDue ? answered <= firstDue : (bool?)null,
                Resolved = At(times.Resolved),
                ResolveMet = times.Resolved is { } resolved && times.ResolveDue is { } resolveDue ? resolved <= resolveDue : (bool?)null,
                Closed = At(times.Closed),
                Paused = times.Paused is { } paused ? now - paused : (DateTime?)null,
                Resolutions = times.Resolved is null ? 0 : 1,
                Id = filed.Number("id"),
            });
        return filed.Text("number");
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
