using System.Globalization;
using System.Text;
using HelpDesk.Core.Economics;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>
/// Where a manager stands on the dashboard, as its address carries it: the period (a month, quarter or year by the
/// day it contains, or custom dates), the level the P&amp;L is grouped by, and the drill-down so far (region, customer,
/// contract or product, ticket). Every link on the page is this with one thing changed, so the period and the path
/// carry through.
/// </summary>
public sealed record DashboardQuery
{
    public PeriodKind Period { get; init; } = PeriodKind.Quarter;

    /// <summary>A day of the month, quarter or year shown; custom periods use <see cref="From"/> and <see cref="To"/>.</summary>
    public DateOnly? On { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public EconomicsLevel Level { get; init; } = EconomicsLevel.Region;

    public string? Region { get; init; }

    public int? Organisation { get; init; }

    public int? Contract { get; init; }

    public int? Product { get; init; }

    /// <summary>Show the tickets behind the filter rather than a level.</summary>
    public bool Tickets { get; init; }

    public int? Ticket { get; init; }

    /// <summary>The level the rows are grouped by at this point of the drill-down; null when they are tickets.</summary>
    public EconomicsLevel? RowLevel =>
        Tickets || Contract is not null || Product is not null ? null
        : Organisation is not null ? EconomicsLevel.Contract
        : Region is not null ? EconomicsLevel.Customer
        : Level;

    public EconomicsFilter Filter(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Filter with { Region = Region, OrganisationId = Organisation, ContractId = Contract, ProductId = Product };
    }

    /// <summary>The same place with no drill-down: the P&amp;L by <paramref name="level"/>.</summary>
    public DashboardQuery Top(EconomicsLevel level) => new() { Period = Period, On = On, From = From, To = To, Level = level };

    /// <summary>One step down from a row of <paramref name="level"/> with key <paramref name="key"/>.</summary>
    public DashboardQuery Into(EconomicsLevel level, string key)
    {
        var next = this with { Ticket = null, Tickets = false };
        return level switch
        {
            EconomicsLevel.Region => next with { Region = key },
            EconomicsLevel.Customer => next with { Organisation = int.Parse(key, CultureInfo.InvariantCulture) },
            EconomicsLevel.Contract => next with { Contract = int.Parse(key, CultureInfo.InvariantCulture) },
            _ => next with { Product = int.Parse(key, CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>The address: <c>/manage/economics?…</c> with every part that is set.</summary>
    public string Href(string? handler = null, string? table = null)
    {
        var parts = new List<(string Name, string Value)>();
        if (handler is not null)
        {
            parts.Add(("handler", handler));
        }

        if (table is not null)
        {
            parts.Add(("table", table));
        }

        parts.Add(("period", Period.ToString().ToLowerInvariant()));
        if (Period == PeriodKind.Custom)
        {
            Add("from", From);
            Add("to", To);
        }
        else if (On is { } on)
        {
            parts.Add(("on", on.ToString(ReportingPeriods.IsoDate, CultureInfo.InvariantCulture)));
        }

        if (Level != EconomicsLevel.Region)
        {
            parts.Add(("level", Level.ToString().ToLowerInvariant()));
        }

        Add("region", Region);
        Add("organisation", Organisation?.ToString(CultureInfo.InvariantCulture));
        Add("contract", Contract?.ToString(CultureInfo.InvariantCulture));
        Add("product", Product?.ToString(CultureInfo.InvariantCulture));
        if (Tickets)
        {
            parts.Add(("tickets", "true"));
        }

        Add("ticket", Ticket?.ToString(CultureInfo.InvariantCulture));
        var query = new StringBuilder("/manage/economics");
        for (var i = 0; i < parts.Count; i++)
        {
            query.Append(i == 0 ? '?' : '&').Append(parts[i].Name).Append('=').Append(Uri.EscapeDataString(parts[i].Value));
        }

        return query.ToString();

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add((name, value));
            }
        }
    }
}
