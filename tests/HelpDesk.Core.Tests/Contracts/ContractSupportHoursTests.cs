using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tests.Scope;

namespace HelpDesk.Core.Tests.Contracts;

/// <summary>Support hours are counted in the contract's time zone and holiday calendar when it sets them, otherwise in the plan's.</summary>
public sealed class ContractSupportHoursTests
{
    private static readonly Plan London = EntitlementExamples.Standard with { HolidayCalendarId = 1 };

    private static Contract Tokyo(string? zone = "Asia/Tokyo", int? calendar = 2) =>
        EntitlementExamples.Contract(plan: EntitlementExamples.Standard).Contract with { SupportTimeZone = zone, HolidayCalendarId = calendar };

    [Fact]
    public void Of_ReadsThePlansOpeningHoursInTheContractsTimeZone()
    {
        var hours = ContractSupportHours.Of(Tokyo(), London);

        hours.Should().BeEquivalentTo(London.Hours with { TimeZone = "Asia/Tokyo" });
        ContractSupportHours.InContractZone(Tokyo(), London).Should().BeTrue();
    }

    [Fact]
    public void Of_KeepsThePlansHours_WhenTheContractSetsNoZone_OrThePlanCountsAroundTheClock()
    {
        ContractSupportHours.Of(Tokyo(zone: null), London).Should().BeSameAs(London.Hours);
        ContractSupportHours.Of(Tokyo(zone: " "), London).Should().BeSameAs(London.Hours);
        ContractSupportHours.Of(Tokyo(), EntitlementExamples.Premium).Should().BeSameAs(EntitlementExamples.Premium.Hours);
        ContractSupportHours.InContractZone(Tokyo(), EntitlementExamples.Premium).Should().BeFalse();
    }

    [Fact]
    public void HolidayCalendarOf_IsTheContractsCalendar_ElseThePlans()
    {
        ContractSupportHours.HolidayCalendarOf(Tokyo(), London).Should().Be(2);
        ContractSupportHours.HolidayCalendarOf(Tokyo(calendar: null), London).Should().Be(1);
        ContractSupportHours.HolidayCalendarOf(Tokyo(calendar: null), EntitlementExamples.Premium).Should().BeNull();
    }

    [Fact]
    public async Task CheckEntitlement_CountsATokyoContractsDueTimes_InTokyoBusinessHours()
    {
        // Monday 30 Nov 2026, 12:00 UTC is 21:00 in Tokyo: closed. The 8-hour first response starts at Tuesday's
        // opening, 09:00 JST (00:00 UTC), and is due at 17:00 JST, 08:00 UTC. In London hours it would be due at
        // 12:00 UTC on Tuesday (5 hours on Monday afternoon, 3 on Tuesday morning).
        var tokyo = new ContractFacts(Tokyo(calendar: null), EntitlementExamples.Standard, 0);
        var london = EntitlementExamples.Contract(plan: EntitlementExamples.Standard);

        var inTokyo = await new CheckEntitlement(new StaticFacts(EntitlementExamples.Facts(tokyo))).CheckAsync(EntitlementExamples.Request());
        var inLondon = await new CheckEntitlement(new StaticFacts(EntitlementExamples.Facts(london))).CheckAsync(EntitlementExamples.Request());

        inTokyo.FirstResponseDueUtc.Should().Be(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc));
        inLondon.FirstResponseDueUtc.Should().Be(new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));
        inTokyo.Decision.Reasons.Should().Contain(r => r.Text.Contains("counted in support hours (Monday to Friday 09:00 to 17:00 Asia/Tokyo, the time zone of contract C-0007, holidays excluded)", StringComparison.Ordinal));
        inLondon.Decision.Reasons.Should().Contain(r => r.Text.Contains("(Monday to Friday 09:00 to 17:00 Europe/London, holidays excluded)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckEntitlement_SkipsTheHolidaysOfTheCalendarTheContractCarries()
    {
        // The facts carry the holidays of the contract's own calendar; a Tokyo holiday on Tuesday 1 Dec moves the
        // first response to Wednesday 17:00 JST.
        var tokyo = new ContractFacts(Tokyo(), EntitlementExamples.Standard, 0) { Holidays = [new Holiday(new DateOnly(2026, 12, 1), "Company holiday")] };

        var check = await new CheckEntitlement(new StaticFacts(EntitlementExamples.Facts(tokyo))).CheckAsync(EntitlementExamples.Request());

        check.FirstResponseDueUtc.Should().Be(new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc));
        check.FirstResponseAtRiskUtc.Should().Be(new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc));
    }

    private sealed class StaticFacts(EntitlementFacts facts) : IEntitlementFactsSource
    {
        public Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default) => Task.FromResult(facts);
    }
}
