using HelpDesk.Core.Audit;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Contracts;

/// <summary>A holiday calendar's creation or change as its audit trail words it: its name and the days added or taken out.</summary>
public static class HolidayCalendarChanges
{
    public static string Describe(HolidayCalendar? before, HolidayCalendar after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return after.Days.Count == 0 ? $"{after.Name}, with no days yet." : $"{after.Name}, with {EntitlementWording.List([.. after.Days.Select(Day)])}.";
        }

        return new ChangeWording()
            .Value("name", before.Name, after.Name)
            .Members("day", "days", before.Days.Select(Day), after.Days.Select(Day))
            .Describe();
    }

    private static string Day(Holiday holiday) => $"{EntitlementWording.Date(holiday.Day)} {holiday.Name}";
}
