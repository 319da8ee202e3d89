using System.Net;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Manage;

public sealed class PlanPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    private static List<KeyValuePair<string, string>> PlanForm(string code, params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = $"Gold {code}",
            ["Input.Description"] = "Business hours, phone included.",
            ["Input.ListPrice"] = "24,000.50",
            ["Input.IncidentAllowance"] = "12",
            ["Input.AroundTheClock"] = "false",
            ["Input.TimeZone"] = "Europe/London",
            ["Input.Opens"] = "08:30",
            ["Input.Closes"] = "17:30",
            ["Input.HolidayCalendarId"] = "",
            ["Input.Version"] = "0",
            ["Input.Targets[0].FirstResponseMinutes"] = "60",
            ["Input.Targets[0].ResolveMinutes"] = "240",
            ["Input.Targets[1].FirstResponseMinutes"] = "120",
            ["Input.Targets[1].ResolveMinutes"] = "480",
            ["Input.Targets[2].FirstResponseMinutes"] = "240",
            ["Input.Targets[2].ResolveMinutes"] = "960",
            ["Input.Targets[3].FirstResponseMinutes"] = "480",
            ["Input.Targets[3].ResolveMinutes"] = "1920",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        var form = fields.ToList();
        form.Add(new("Input.Channels", "Web"));
        form.Add(new("Input.Channels", "Phone"));
        form.Add(new("Input.Days", "Monday"));
        form.Add(new("Input.Days", "Wednesday"));
        return form;
    }

    [Fact]
    public async Task CreatePlan_SavesEveryField_AndListsIt()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("gold");

        var response = await manager.PostFormAsync("/manage/plans/edit", PlanForm(code));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var plan = (await app.Contracts().ListPlansAsync()).Single(p => p.Code == code);
        plan.ListPriceCents.Should().Be(2400050);
        plan.IncidentAllowance.Should().Be(12);
        plan.Channels.Should().Be(SupportChannels.Web | SupportChannels.Phone);
        plan.Hours.AroundTheClock.Should().BeFalse();
        plan.Hours.TimeZone.Should().Be("Europe/London");
        plan.Hours.OpensMinute.Should().Be(510);
        plan.Hours.ClosesMinute.Should().Be(1050);
        plan.Hours.Days.Should().Equal(DayOfWeek.Monday, DayOfWeek.Wednesday);
        plan.TargetFor(Severity.Low).Should().Be(new SlaTarget(Severity.Low, 480, 1920));

        var list = await manager.GetStringAsync("/manage/plans");
        list.Should().Contain($"Gold {code}").And.Contain("24,000.50").And.Contain("web, phone").And.Contain("Mon, Wed 08:30-17:30 Europe/London");
    }

    [Fact]
    public async Task InvalidPlan_ShowsFieldErrors_AndSavesNothing()
    {
        var manager = await app.SignInAsync(Manager);
        var before = (await app.Contracts().ListPlansAsync()).Count;

        var response = await manager.PostFormAsync("/manage/plans/edit", PlanForm(
            "Gold Plan",
            ("Input.ListPrice", "10.005"),
            ("Input.IncidentAllowance", "0"),
            ("Input.TimeZone", "Mars/Olympus"),
            ("Input.Opens", "18:00"),
            ("Input.Targets[0].FirstResponseMinutes", "200")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var errors = PageText.ErrorsOf(await response.Content.ReadAsStringAsync());
        errors.Should().Contain("Use lower-case letters, digits and hyphens only")
            .And.Contain("has a fraction of a cent")
            .And.Contain("Allow at least 1 incident per term")
            .And.Contain("'Mars/Olympus' is not a time zone")
            .And.Contain("Support must open before it closes")
            .And.Contain("Severity 1 must be answered at least as fast as severity 2.");
        (await app.Contracts().ListPlansAsync()).Should().HaveCount(before);
    }

    [Fact]
    public async Task EditPlan_WithAStaleVersion_SaysSoAndKeepsWhatWasTyped()
    {
        var manager = await app.SignInAsync(Manager);
        var plan = await app.PlanAsync();
        await app.Contracts().SavePlanAsync(plan with { Name = "Changed elsewhere" });

        var response = await manager.PostFormAsync($"/manage/plans/edit/{plan.Id}", PlanForm(plan.Code, ("Input.Name", "My new name"), ("Input.Version", plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Someone else changed the plan My new name since you opened it; reload").And.Contain("value=\"My new name\"");
        (await app.Contracts().GetPlanAsync(plan.Id))!.Name.Should().Be("Changed elsewhere");
    }

    [Fact]
    public async Task Calendar_IsSavedFromItsLines_AndABadLineIsNamed()
    {
        var manager = await app.SignInAsync(Manager);
        var name = ManageSeed.Unique("UK holidays");

        var bad = await manager.PostFormAsync("/manage/calendars/edit", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Days"] = "2026-12-25 Christmas Day\n26/12/2026 Boxing Day",
            ["Input.Version"] = "0",
        });
        PageText.ErrorsOf(await bad.Content.ReadAsStringAsync()).Should().Contain("Line 2: '26/12/2026' is not a date");

        var good = await manager.PostFormAsync("/manage/calendars/edit", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Days"] = "2026-12-25 Christmas Day\n2026-12-26 Boxing Day",
            ["Input.Version"] = "0",
        });

        good.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var calendar = (await app.Contracts().ListCalendarsAsync()).Single(c => c.Name == name);
        calendar.Days.Select(d => d.Name).Should().Equal("Christmas Day", "Boxing Day");
        WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/calendars/edit/{calendar.Id}")).Should().Contain("2026-12-25 Christmas Day\n2026-12-26 Boxing Day");
    }
}
