using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>The demo's Tokyo customer is on the Basic plan, whose hours are read in Tokyo and closed on Japanese holidays.</summary>
public sealed class DemoTokyoSupportTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Fabrikam_IsCountedInTokyoBusinessHours_WithJapaneseHolidays_AndItsReasonsNameTheZone()
    {
        using var scope = app.Services.CreateScope();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractStore>();
        var fabrikam = await app.OrganisationIdAsync("Fabrikam Robotics");
        var contract = (await contracts.ListContractsAsync(fabrikam)).Single();
        var plan = (await contracts.GetPlanAsync(contract.PlanId))!;
        var japan = (await contracts.GetCalendarAsync(contract.HolidayCalendarId!.Value))!;
        var england = (await contracts.GetCalendarAsync(plan.HolidayCalendarId!.Value))!;
        contract.SupportTimeZone.Should().Be("Asia/Tokyo");
        japan.Name.Should().Be("Japanese national holidays");
        plan.Hours.TimeZone.Should().Be("Europe/London");

        // A Monday at 12:00 UTC is 21:00 in Tokyo, after hours there but mid-afternoon in London.
        var monday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        var at = monday.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        var check = await scope.ServiceProvider.GetRequiredService<CheckEntitlement>().CheckAsync(new EntitlementRequest
        {
            OrganisationId = fabrikam,
            Product = "keel",
            Channel = TicketChannel.Api,
            Severity = Severity.Normal,
            AtUtc = at,
        });

        var target = plan.TargetFor(Severity.Normal)!.FirstResponseMinutes;
        var inTokyo = SupportCalendar.AddSupportMinutes(at, target, plan.Hours with { TimeZone = "Asia/Tokyo" }, japan.Days.Select(d => d.Day).ToHashSet());
        var inLondon = SupportCalendar.AddSupportMinutes(at, target, plan.Hours, england.Days.Select(d => d.Day).ToHashSet());
        check.FirstResponseDueUtc.Should().Be(inTokyo).And.NotBe(inLondon);
        var tokyoTime = TimeZoneInfo.ConvertTimeFromUtc(check.FirstResponseDueUtc!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        TimeOnly.FromDateTime(tokyoTime).Should().BeOnOrAfter(new TimeOnly(9, 0)).And.BeOnOrBefore(new TimeOnly(17, 30));
        check.Decision.Reasons.Should().Contain(r => r.Text.Contains($"Asia/Tokyo, the time zone of contract {contract.Number}, holidays excluded", StringComparison.Ordinal));
    }
}
