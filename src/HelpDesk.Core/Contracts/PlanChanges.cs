using System.Globalization;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Contracts;

/// <summary>A plan's creation or change as its audit trail words it; <c>calendars</c> names holiday calendars by id.</summary>
public static class PlanChanges
{
    public static string Describe(Plan? before, Plan after, IReadOnlyDictionary<int, string> calendars, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(currency);
        if (before is null)
        {
            return $"{after.Name} ({after.Code}): list price {Money.Format(after.ListPriceCents, currency)}, {Allowance(after)}, by {EntitlementWording.Channels(after.Channels)}, "
                + $"support {Hours(after)}, closed on {Calendar(after, calendars)}; targets {EntitlementWording.List([.. Enum.GetValues<Severity>().Select(s => $"{EntitlementWording.Severity(s)} {Target(after, s)}")])}.";
        }

        var wording = new ChangeWording()
            .Value("code", before.Code, after.Code)
            .Value("name", before.Name, after.Name)
            .Text("description", before.Description, after.Description)
            .Value("list price", Money.Format(before.ListPriceCents, currency), Money.Format(after.ListPriceCents, currency))
            .Value("incidents", Allowance(before), Allowance(after))
            .Value("channels", EntitlementWording.Channels(before.Channels), EntitlementWording.Channels(after.Channels))
            .Value("support hours", Hours(before), Hours(after))
            .Value("holidays", Calendar(before, calendars), Calendar(after, calendars));
        foreach (var severity in Enum.GetValues<Severity>())
        {
            wording.Value($"{EntitlementWording.Severity(severity)} target", Target(before, severity), Target(after, severity));
        }

        return wording.Describe();
    }

    private static string Allowance(Plan plan) => plan.IncidentAllowance switch
    {
        null => "unlimited incidents",
        1 => "1 incident a term",
        int n => $"{n.ToString(CultureInfo.InvariantCulture)} incidents a term",
    };

    private static string Hours(Plan plan) => plan.Hours.AroundTheClock ? "around the clock" : EntitlementWording.Hours(plan.Hours);

    private static string Calendar(Plan plan, IReadOnlyDictionary<int, string> calendars) => plan.HolidayCalendarId is int id
        ? calendars.GetValueOrDefault(id, $"calendar {id.ToString(CultureInfo.InvariantCulture)}")
        : "no holidays";

    private static string Target(Plan plan, Severity severity) => plan.TargetFor(severity) is { } target
        ? $"first response {EntitlementWording.Duration(target.FirstResponseMinutes)}, resolved {EntitlementWording.Duration(target.ResolveMinutes)}"
        : "none";
}
