using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Audit;

/// <summary>The "what changed" of the manage audit trail, one kind of thing at a time.</summary>
public sealed class ChangeWordingTests
{
    private static readonly Organisation Northwind = new()
    {
        Id = 1,
        Name = "Northwind",
        Region = Region.Emea,
        Segment = CustomerSegment.Standard,
        EmailDomains = ["northwind.example", "nw.example"],
    };

    private static readonly Plan Premium = new()
    {
        Id = 3,
        Code = "premium",
        Name = "Premium",
        ListPriceCents = 2_400_000,
        IncidentAllowance = 10,
        Channels = SupportChannels.Web | SupportChannels.Email,
        Hours = new SupportHours { TimeZone = "Europe/London", OpensMinute = 9 * 60, ClosesMinute = 17 * 60 },
        HolidayCalendarId = 1,
        Targets = [new SlaTarget(Severity.Critical, 60, 240)],
    };

    private static readonly Dictionary<int, string> Calendars = new() { [1] = "UK bank holidays", [2] = "German holidays" };

    [Fact]
    public void Describe_SaysSavedWithoutChanges_WhenNothingDiffers() =>
        new ChangeWording().Value("name", "A", "A").Members("day", "days", ["x"], ["x"]).Describe().Should().Be("Saved without changes.");

    [Fact]
    public void Organisation_Created_NamesEveryDetail() =>
        OrganisationChanges.Describe(null, Northwind).Should().Be(
            "Northwind, Europe, Middle East and Africa, standard segment, with the domains northwind.example and nw.example.");

    [Fact]
    public void Organisation_Changed_NamesEachFieldOldToNew_AndDomainsAddedAndRemoved() =>
        OrganisationChanges.Describe(Northwind, Northwind with { Name = "Northwind Traders", Segment = CustomerSegment.Key, EmailDomains = ["northwind.example", "nwt.example"] })
            .Should().Be("Changed the name from Northwind to Northwind Traders; changed the segment from standard to key; added the domain nwt.example; removed the domain nw.example.");

    [Fact]
    public void Plan_Created_SaysWhatItPromises() =>
        PlanChanges.Describe(null, Premium, Calendars, Currency.Default).Should().Be(
            "Premium (premium): list price 24,000.00 USD, 10 incidents a term, by the web portal and email, support Monday to Friday 09:00 to 17:00 Europe/London, "
            + "closed on UK bank holidays; targets critical first response 1 hour, resolved 4 hours, high none, normal none and low none.");

    [Fact]
    public void Plan_Changed_NamesThePriceHoursCalendarAndTargetsThatChanged() =>
        PlanChanges.Describe(
            Premium,
            Premium with
            {
                ListPriceCents = 2_500_000,
                Hours = SupportHours.TwentyFourSeven,
                HolidayCalendarId = 2,
                Description = "Now with more.",
                Targets = [new SlaTarget(Severity.Critical, 30, 240)],
            },
            Calendars,
            Currency.Default)
            .Should().Be("Changed the description; changed the list price from 24,000.00 USD to 25,000.00 USD; "
                + "changed the support hours from Monday to Friday 09:00 to 17:00 Europe/London to around the clock; "
                + "changed the holidays from UK bank holidays to German holidays; "
                + "changed the critical target from first response 1 hour, resolved 4 hours to first response 30 minutes, resolved 4 hours.");

    [Fact]
    public void HolidayCalendar_Changed_NamesTheDaysAddedAndTakenOut()
    {
        var before = new HolidayCalendar { Id = 1, Name = "UK", Days = [new(new DateOnly(2026, 12, 25), "Christmas Day"), new(new DateOnly(2026, 12, 26), "Boxing Day")] };
        var after = before with { Name = "UK bank holidays", Days = [new(new DateOnly(2026, 12, 25), "Christmas Day"), new(new DateOnly(2026, 12, 28), "Boxing Day (substitute)")] };

        HolidayCalendarChanges.Describe(before, after).Should().Be(
            "Changed the name from UK to UK bank holidays; added the day 28 Dec 2026 Boxing Day (substitute); removed the day 26 Dec 2026 Boxing Day.");
        HolidayCalendarChanges.Describe(null, before).Should().Be("UK, with 25 Dec 2026 Christmas Day and 26 Dec 2026 Boxing Day.");
    }

    [Fact]
    public void CostRate_Added_SaysTheRateItReplacesFromItsDay()
    {
        CostRate[] rates = [new(new DateOnly(2025, 1, 1), 5_000), new(new DateOnly(2025, 7, 1), 6_000)];

        CostRateChanges.Describe(rates, new CostRate(new DateOnly(2026, 1, 1), 6_500), Currency.Default)
            .Should().Be("Changed the hourly rate from 60.00 USD to 65.00 USD from 1 Jan 2026.");
        CostRateChanges.Describe(rates, new CostRate(new DateOnly(2025, 3, 1), 5_500), Currency.Default)
            .Should().Be("Changed the hourly rate from 50.00 USD to 55.00 USD from 1 Mar 2025.", "the rate before is the one in force that day");
        CostRateChanges.Describe([], new CostRate(new DateOnly(2026, 1, 1), 6_500), Currency.Default)
            .Should().Be("Set the hourly rate to 65.00 USD from 1 Jan 2026.");
    }
}
