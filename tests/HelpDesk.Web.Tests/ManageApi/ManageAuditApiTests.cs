using HelpDesk.Core.Audit;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>
/// Every management change through the API leaves one line in the manage audit trail, naming the manager whose token
/// made it and what changed, as the page would.
/// </summary>
public sealed class ManageAuditApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Organisation_CreatedThenChanged_WritesOneLineEach_NamingTheManager()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var created = await manager.CreatedAsync("/api/organisations", new { name = "Audited Ltd", region = "Apac", segment = "Key", emailDomains = new[] { "audited.example" } });
        var id = created.Number("id");

        await manager.OkAsync($"/api/organisations/{id}", new
        {
            name = "Audited Ltd",
            region = "Emea",
            segment = "Key",
            emailDomains = new[] { "audited.example", "audited.test" },
            version = created.Number("version"),
        });

        var lines = await LinesAsync(AuditSubjects.Organisation, id);
        lines.Should().HaveCount(2);
        lines[0].Action.Should().Be("created");
        lines[0].Detail.Should().Be("Audited Ltd, Asia-Pacific, key segment, with the domain audited.example.");
        lines[1].Action.Should().Be("changed");
        lines[1].Detail.Should().Be("Changed the region from Asia-Pacific to Europe, Middle East and Africa; added the domain audited.test.");
        await ShouldNameTheManagerAsync(lines);
    }

    [Fact]
    public async Task Plan_Changed_WritesOneLine_WithThePriceOldToNew()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var created = await manager.CreatedAsync("/api/plans", new
        {
            code = "audited-plan",
            name = "Audited plan",
            listPrice = "60.00",
            channels = new[] { "Web" },
            aroundTheClock = true,
            targets = new[] { "Critical", "High", "Normal", "Low" }.Select((severity, i) => new { severity, firstResponseMinutes = 60 * (i + 1), resolveMinutes = 480 * (i + 1) }),
        });
        var id = created.Number("id");
        var read = await manager.GetJsonAsync($"/api/plans/{id}");

        await manager.OkAsync($"/api/plans/{id}", read.With(("listPrice", "65.00")));

        var lines = await LinesAsync(AuditSubjects.Plan, id);
        lines.Select(l => l.Action).Should().Equal("created", "changed");
        lines[1].Detail.Should().MatchRegex(@"^Changed the list price from 60\.00 [A-Z]{3} to 65\.00 [A-Z]{3}\.$");
        await ShouldNameTheManagerAsync(lines);
    }

    [Fact]
    public async Task HolidayCalendar_Changed_WritesOneLine_NamingTheDaysAddedAndRemoved()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var created = await manager.CreatedAsync("/api/holiday-calendars", new
        {
            name = "Audited holidays",
            days = new[] { new { day = "2027-01-01", name = "New Year's Day" } },
        });
        var id = created.Number("id");

        await manager.OkAsync($"/api/holiday-calendars/{id}", new
        {
            name = "Audited holidays",
            days = new[] { new { day = "2027-12-25", name = "Christmas Day" } },
            version = created.Number("version"),
        });

        var lines = await LinesAsync(AuditSubjects.HolidayCalendar, id);
        lines.Select(l => l.Action).Should().Equal("created", "changed");
        lines[1].Detail.Should().Be("Added the day 25 Dec 2027 Christmas Day; removed the day 1 Jan 2027 New Year's Day.");
        await ShouldNameTheManagerAsync(lines);
    }

    [Fact]
    public async Task CostRate_Added_WritesOneLine_WithTheRateOldToNewAndItsDay()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var engineer = (await app.UserIdAsync(TicketApi.Engineer))!.Value;
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var before = (await LinesAsync(AuditSubjects.Engineer, engineer)).Count;

        await manager.CreatedAsync($"/api/engineers/{engineer}/rates", new { effectiveFrom = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), hourly = "123.45" });

        var lines = await LinesAsync(AuditSubjects.Engineer, engineer);
        lines.Should().HaveCount(before + 1);
        lines[^1].Action.Should().Be("added a cost rate");
        lines[^1].Detail.Should().MatchRegex(@"^(Changed the hourly rate from [0-9,.]+ [A-Z]{3} to|Set the hourly rate to) 123\.45 [A-Z]{3} from " + from.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) + @"\.$");
        await ShouldNameTheManagerAsync([lines[^1]]);
    }

    [Fact]
    public async Task EngineerProfile_ChangedThenMarkedAway_WritesOneLineEach_NamingWhatChanged()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var kenji = (await app.UserIdAsync("kenji.sato@helpdesk.test"))!.Value;
        var profile = (await manager.GetJsonAsync($"/api/engineers/{kenji}")).GetProperty("profile");
        var before = (await LinesAsync(AuditSubjects.Engineer, kenji)).Count;

        await manager.OkAsync($"/api/engineers/{kenji}", new
        {
            tier = profile.Number("tier") + 1,
            sourcing = profile.Text("sourcing"),
            skills = profile.GetProperty("skills").EnumerateArray().Select(s => new { product = s.Text("product"), area = s.Text("area"), proficiency = s.Number("proficiency") }),
            languages = profile.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).Append("de"),
            categories = profile.GetProperty("categories").EnumerateArray().Select(c => c.GetString()),
            capacity = profile.Number("capacity"),
            available = true,
            version = profile.Number("version"),
        });
        await manager.OkAsync($"/api/engineers/{kenji}/availability", new { available = false });

        var lines = await LinesAsync(AuditSubjects.Engineer, kenji);
        lines.Should().HaveCount(before + 2);
        lines[^2].Action.Should().Be("changed the routing profile");
        lines[^2].Detail.Should().Be($"Changed the tier from {profile.Number("tier")} to {profile.Number("tier") + 1}; added the language de.");
        lines[^1].Action.Should().Be("marked away");
        await ShouldNameTheManagerAsync([lines[^2], lines[^1]]);
    }

    [Fact]
    public async Task RefusedChange_WritesNoLine()
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);
        var created = await manager.CreatedAsync("/api/holiday-calendars", new { name = "Stale holidays", days = Array.Empty<object>() });
        var id = created.Number("id");
        await manager.OkAsync($"/api/holiday-calendars/{id}", new { name = "Stale holidays 2", days = Array.Empty<object>(), version = created.Number("version") });

        await manager.PostJsonAsync($"/api/holiday-calendars/{id}", new { name = "Lost", days = Array.Empty<object>(), version = created.Number("version") });

        (await LinesAsync(AuditSubjects.HolidayCalendar, id)).Should().HaveCount(2, "a stale edit saves nothing, so it has no line");
    }

    /// <summary>The lines about one thing, oldest first, as the trail reads them (with the actor's name).</summary>
    private async Task<IReadOnlyList<ManageAuditEntry>> LinesAsync(string subject, int id)
    {
        using var scope = app.Services.CreateScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<IManageAudit>().ListAsync(subject, id)).Reverse()];
    }

    private async Task ShouldNameTheManagerAsync(IReadOnlyList<ManageAuditEntry> lines)
    {
        var managerId = await app.UserIdAsync(TicketApi.Manager);
        lines.Should().OnlyContain(l => l.ActorId == managerId && l.ActorName.Length > 0);
    }
}
