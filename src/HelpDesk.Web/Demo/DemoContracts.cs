using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo's plans (Basic, Standard, Premium), their holiday calendars and the seven organisations' contracts,
/// chosen so that every contract state and every verdict turns up in the demo tickets: Northwind and Adatum on
/// Premium, each renewed during the year, Contoso on a renewed Standard contract, Fabrikam on Basic writing by email,
/// Tailspin on Basic at a first-year discount with its incidents used up (and costing more than it pays), and Wingtip
/// and Litware, unhappy, whose contracts ended without renewal. Fabrikam, in Tokyo, has the Basic plan's hours in Tokyo time and closed on
/// Japanese holidays. Dates are counted from the day of seeding.
/// </summary>
internal static class DemoContracts
{
    public const string Basic = "basic";
    public const string Standard = "standard";
    public const string Premium = "premium";

    /// <summary>
    /// One contract of an organisation (by e-mail domain); <see cref="Renews"/> is the index of the contract it renews.
    /// <see cref="LocalSupport"/> reads the plan's hours in the contract's time zone, closed on that country's holidays.
    /// </summary>
    public sealed record DemoContract(
        string Domain,
        string Plan,
        IReadOnlyList<string> Products,
        int StartsDaysAgo,
        int EndsInDays,
        string TimeZone,
        long ValueCents,
        int? Renews = null,
        bool LocalSupport = false);

    /// <summary>What an organisation's people ask about: product codes, repeated by how often.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProductsAskedAbout { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["northwind.example"] = ["keel", "keel", "mooring", "mooring", "sextant"],
        ["contoso.example"] = ["keel", "keel", "mooring", "mooring", "mooring", "sextant"],
        ["fabrikam.example"] = ["keel"],
        ["tailspin.example"] = ["mooring", "mooring", "mooring", "mooring", "mooring", "sextant"],
        ["adatum.example"] = ["keel", "keel", "sextant", "sextant", "mooring"],
        ["wingtip.example"] = ["mooring", "mooring", "sextant"],
        ["litware.example"] = ["keel", "sextant", "sextant"],
    };

    public static IReadOnlyList<DemoContract> Contracts { get; } =
    [
        new("northwind.example", Premium, ["keel", "mooring", "sextant"], 605, -241, "America/New_York", 13_800_000),
        new("northwind.example", Premium, ["keel", "mooring", "sextant"], 240, 124, "America/New_York", 14_500_000, Renews: 0),
        new("contoso.example", Standard, ["keel", "mooring"], 455, -91, "Europe/Berlin", 3_600_000),
        new("contoso.example", Standard, ["keel", "mooring"], 90, 274, "Europe/Berlin", 3_850_000, Renews: 2),
        new("fabrikam.example", Basic, ["keel"], 210, 154, "Asia/Tokyo", 540_000, LocalSupport: true),
        new("tailspin.example", Basic, ["mooring"], 150, 214, "America/Los_Angeles", 300_000),
        new("adatum.example", Premium, ["keel", "sextant"], 665, -301, "Europe/London", 11_200_000),
        new("adatum.example", Premium, ["keel", "sextant"], 300, 430, "Europe/London", 11_800_000, Renews: 6),
        new("wingtip.example", Standard, ["mooring", "sextant"], 415, -50, "Australia/Sydney", 3_900_000),
        new("litware.example", Standard, ["keel", "sextant"], 480, -115, "Europe/Paris", 3_700_000),
    ];

    /// <summary>Organisations that stopped asking when their contract ended without renewal, and how many days ago.</summary>
    public static IReadOnlyDictionary<string, int> LeftDaysAgo { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["litware.example"] = 115,
    };

    /// <summary>How many days ago an organisation's first contract started: its people ask nothing before.</summary>
    public static int FirstStartDaysAgo(string domain) => Contracts.Where(c => c.Domain == domain).Max(c => c.StartsDaysAgo);

    public const int PlanCount = 3;

    public static IReadOnlyList<Plan> Plans(int ukCalendarId, int usCalendarId) =>
    [
        new()
        {
            Code = Basic,
            Name = "Basic",
            Description = "Business-hours support from our UK team by web portal and API, with six incidents a year.",
            ListPriceCents = 540_000,
            IncidentAllowance = 6,
            Channels = SupportChannels.Web | SupportChannels.Api,
            Hours = new SupportHours { TimeZone = "Europe/London", OpensMinute = 9 * 60, ClosesMinute = (17 * 60) + 30 },
            HolidayCalendarId = ukCalendarId,
            Targets =
            [
                new(Severity.Critical, 4 * 60, 5 * 510),
                new(Severity.High, 8 * 60, 10 * 510),
                new(Severity.Normal, 16 * 60, 20 * 510),
                new(Severity.Low, 24 * 60, 40 * 510),
            ],
        },
        new()
        {
            Code = Standard,
            Name = "Standard",
            Description = "Extended business-hours support from our Boston team by web portal, email and API, with 24 incidents a year.",
            ListPriceCents = 1_980_000,
            IncidentAllowance = 24,
            Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api,
            Hours = new SupportHours { TimeZone = "America/New_York", OpensMinute = 8 * 60, ClosesMinute = 18 * 60 },
            HolidayCalendarId = usCalendarId,
            Targets =
            [
                new(Severity.Critical, 60, 2 * 600),
                new(Severity.High, 4 * 60, 4 * 600),
                new(Severity.Normal, 8 * 60, 10 * 600),
                new(Severity.Low, 16 * 60, 20 * 600),
            ],
        },
        new()
        {
            Code = Premium,
            Name = "Premium",
            Description = "Around-the-clock support on every channel, including a phone line for critical problems, with no incident limit.",
            ListPriceCents = 6_000_000,
            IncidentAllowance = null,
            Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api | SupportChannels.Phone,
            Hours = SupportHours.TwentyFourSeven,
            Targets =
            [
                new(Severity.Critical, 30, 8 * 60),
                new(Severity.High, 2 * 60, 24 * 60),
                new(Severity.Normal, 4 * 60, 3 * 24 * 60),
                new(Severity.Low, 8 * 60, 7 * 24 * 60),
            ],
        },
    ];

    /// <summary>
    /// Saves the calendars, plans and contracts. <paramref name="organisationIds"/> and <paramref name="productIds"/>
    /// are by e-mail domain and product code. Returns the saved contracts in the order of <see cref="Contracts"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Contract>> SeedAsync(
        IContractStore store,
        IReadOnlyDictionary<string, int> organisationIds,
        IReadOnlyDictionary<string, int> productIds,
        DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        var years = new[] { today.Year - 1, today.Year, today.Year + 1 };
        var uk = Saved(await store.SaveCalendarAsync(new HolidayCalendar { Name = "England and Wales bank holidays", Days = [.. years.SelectMany(DemoHolidays.EnglandAndWales)] }, cancellationToken), "the UK calendar");
        var us = Saved(await store.SaveCalendarAsync(new HolidayCalendar { Name = "United States federal holidays", Days = [.. years.SelectMany(DemoHolidays.UnitedStates)] }, cancellationToken), "the US calendar");
        var japan = Saved(await store.SaveCalendarAsync(new HolidayCalendar { Name = "Japanese national holidays", Days = [.. years.SelectMany(DemoHolidays.Japan)] }, cancellationToken), "the Japanese calendar");

        var plans = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var plan in Plans(uk.Id, us.Id))
        {
            plans[plan.Code] = Saved(await store.SavePlanAsync(plan, cancellationToken), plan.Name).Id;
        }

        var saved = new List<Contract>();
        foreach (var demo in Contracts)
        {
            var startsOn = today.AddDays(-demo.StartsDaysAgo);

            // Signed a couple of weeks before the term starts (and never after the seed's now).
            var signedUtc = startsOn.AddDays(-14).ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);
            saved.Add(Saved(
                await store.SaveContractAsync(
                    new Contract
                    {
                        OrganisationId = organisationIds[demo.Domain],
                        PlanId = plans[demo.Plan],
                        ProductIds = [.. demo.Products.Select(code => productIds[code])],
                        StartsOn = startsOn,
                        EndsOn = today.AddDays(demo.EndsInDays),
                        TimeZone = demo.TimeZone,
                        SupportTimeZone = demo.LocalSupport ? demo.TimeZone : null,
                        HolidayCalendarId = demo.LocalSupport ? japan.Id : null,
                        ValueCents = demo.ValueCents,
                        RenewsContractId = demo.Renews is { } renews ? saved[renews].Id : null,
                        Status = ContractStatus.Active,
                        CreatedUtc = signedUtc < nowUtc ? signedUtc : nowUtc,
                    },
                    cancellationToken),
                $"the contract of {demo.Domain}"));
        }

        return saved;
    }

    private static T Saved<T>(T? saved, string what)
        where T : class =>
        saved ?? throw new InvalidOperationException($"The demo could not save {what}.");
}

/// <summary>Public holidays by their rules, so the calendars are right for whatever year the demo is seeded in.</summary>
internal static class DemoHolidays
{
    public static IEnumerable<Holiday> EnglandAndWales(int year)
    {
        var easter = EasterSunday(year);
        var newYear = new DateOnly(year, 1, 1);
        yield return new(NextWeekday(newYear), "New Year's Day");
        yield return new(easter.AddDays(-2), "Good Friday");
        yield return new(easter.AddDays(1), "Easter Monday");
        yield return new(Nth(year, 5, DayOfWeek.Monday, 1), "Early May bank holiday");
        yield return new(Last(year, 5, DayOfWeek.Monday), "Spring bank holiday");
        yield return new(Last(year, 8, DayOfWeek.Monday), "Summer bank holiday");

        // Christmas and Boxing Day falling on a weekend move to the following Monday and Tuesday.
        var christmas = new DateOnly(year, 12, 25);
        var christmasObserved = NextWeekday(christmas);
        yield return new(christmasObserved, "Christmas Day");
        yield return new(NextWeekday(christmasObserved.AddDays(1)), "Boxing Day");
    }

    public static IEnumerable<Holiday> UnitedStates(int year)
    {
        yield return new(Observed(new DateOnly(year, 1, 1)), "New Year's Day");
        yield return new(Nth(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr.");
        yield return new(Nth(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        yield return new(Last(year, 5, DayOfWeek.Monday), "Memorial Day");
        yield return new(Observed(new DateOnly(year, 6, 19)), "Juneteenth National Independence Day");
        yield return new(Observed(new DateOnly(year, 7, 4)), "Independence Day");
        yield return new(Nth(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        yield return new(Nth(year, 10, DayOfWeek.Monday, 2), "Columbus Day");
        yield return new(Observed(new DateOnly(year, 11, 11)), "Veterans Day");
        yield return new(Nth(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day");
        yield return new(Observed(new DateOnly(year, 12, 25)), "Christmas Day");
    }

    /// <summary>
    /// Japan's national holidays: the fixed days, the "Happy Monday" ones, the two equinoxes (by the usual
    /// approximation, right from 1980 to 2099), a substitute weekday for one falling on a Sunday, and a weekday between
    /// two holidays (as 22 September 2026 is).
    /// </summary>
    public static IEnumerable<Holiday> Japan(int year)
    {
        var elapsed = year - 1980;
        var leap = elapsed / 4;
        var vernal = (int)Math.Floor(20.8431 + (0.242194 * elapsed)) - leap;
        var autumnal = (int)Math.Floor(23.2488 + (0.242194 * elapsed)) - leap;
        var days = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "New Year's Day"),
            new(Nth(year, 1, DayOfWeek.Monday, 2), "Coming of Age Day"),
            new(new DateOnly(year, 2, 11), "National Foundation Day"),
            new(new DateOnly(year, 2, 23), "The Emperor's Birthday"),
            new(new DateOnly(year, 3, vernal), "Vernal Equinox Day"),
            new(new DateOnly(year, 4, 29), "Showa Day"),
            new(new DateOnly(year, 5, 3), "Constitution Memorial Day"),
            new(new DateOnly(year, 5, 4), "Greenery Day"),
            new(new DateOnly(year, 5, 5), "Children's Day"),
            new(Nth(year, 7, DayOfWeek.Monday, 3), "Marine Day"),
            new(new DateOnly(year, 8, 11), "Mountain Day"),
            new(Nth(year, 9, DayOfWeek.Monday, 3), "Respect for the Aged Day"),
            new(new DateOnly(year, 9, autumnal), "Autumnal Equinox Day"),
            new(Nth(year, 10, DayOfWeek.Monday, 2), "Sports Day"),
            new(new DateOnly(year, 11, 3), "Culture Day"),
            new(new DateOnly(year, 11, 23), "Labour Thanksgiving Day"),
        };
        var taken = days.Select(d => d.Day).ToHashSet();

        // A Sunday holiday moves to the next day that is not a holiday already.
        foreach (var sunday in days.Where(d => d.Day.DayOfWeek == DayOfWeek.Sunday).Select(d => d.Day).ToList())
        {
            var substitute = sunday.AddDays(1);
            while (taken.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            taken.Add(substitute);
            days.Add(new(substitute, "Substitute holiday"));
        }

        foreach (var day in taken.Where(d => taken.Contains(d.AddDays(2)) && !taken.Contains(d.AddDays(1)) && d.AddDays(1).DayOfWeek != DayOfWeek.Sunday).ToList())
        {
            days.Add(new(day.AddDays(1), "Citizens' Holiday"));
        }

        return days.OrderBy(d => d.Day);
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    // US federal rule: a Saturday holiday is observed on the Friday before, a Sunday one on the Monday after.
    private static DateOnly Observed(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}
