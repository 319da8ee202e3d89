using System.Globalization;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>
/// The drill-downs of the what-if: each number on the preview links to <c>?tickets=KEY</c>, and the key names the
/// choice (<c>now</c> or <c>renewal</c>), the direction (<c>out</c> or <c>in</c>) and optionally a clause
/// (<c>clause:ID</c>), a customer (<c>customer:ID</c>) or a service (<c>service:NAME</c>).
/// </summary>
public static class WhatIfDrill
{
    public static string Key(ScopeApplication choice, bool toOut, string? filter = null) =>
        $"{(choice == ScopeApplication.AtRenewal ? "renewal" : "now")}-{(toOut ? "out" : "in")}{(filter is null ? "" : "-" + filter)}";

    public static string Clause(ScopeApplication choice, bool toOut, string clause) => Key(choice, toOut, "clause:" + clause);

    public static string Customer(ScopeApplication choice, bool toOut, int organisationId) =>
        Key(choice, toOut, "customer:" + organisationId.ToString(CultureInfo.InvariantCulture));

    public static string Service(ScopeApplication choice, string service) => Key(choice, toOut: true, "service:" + service);

    /// <summary>The tickets behind a key, with a heading; null for a key that names nothing.</summary>
    public static (string Title, IReadOnlyList<string> Tickets)? Find(WhatIfReport report, string key)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('-', 3);
        if (parts.Length < 2 || parts[0] is not ("now" or "renewal") || parts[1] is not ("out" or "in"))
        {
            return null;
        }

        var choice = parts[0] == "renewal" ? ScopeApplication.AtRenewal : ScopeApplication.Now;
        var toOut = parts[1] == "out";
        var outcome = report.Of(choice);
        var how = $"{(toOut ? "would have moved out of scope" : "would have come into scope")} {(choice == ScopeApplication.AtRenewal ? "if published to apply at renewal" : "if published to apply now")}";
        var shifts = outcome.Shifts.Where(s => s.ToOut == toOut);
        if (parts.Length == 2)
        {
            return ($"Tickets that {how}", shifts.Select(s => s.Number).ToList());
        }

        var filter = parts[2];
        if (filter.StartsWith("clause:", StringComparison.Ordinal))
        {
            var clause = filter["clause:".Length..];
            return ($"Tickets that {how}, under “{ScopeClauses.Title(clause)}”", shifts.Where(s => s.Clauses.Contains(clause)).Select(s => s.Number).ToList());
        }

        if (filter.StartsWith("customer:", StringComparison.Ordinal) && int.TryParse(filter["customer:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var organisation))
        {
            var name = outcome.Customers.FirstOrDefault(c => c.OrganisationId == organisation)?.Name ?? "the customer";
            return ($"Tickets of {name} that {how}", shifts.Where(s => s.OrganisationId == organisation).Select(s => s.Number).ToList());
        }

        if (filter.StartsWith("service:", StringComparison.Ordinal))
        {
            var service = filter["service:".Length..];
            return ($"Tickets that {how} and that {service} answers", shifts.Where(s => s.Service == service).Select(s => s.Number).ToList());
        }

        return null;
    }
}
