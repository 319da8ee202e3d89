using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>
/// The support P&amp;L for managers at <c>/manage/economics</c>: a period compared with the one before it, the headline
/// figures, the P&amp;L by region, customer, contract or product with drill-down to tickets and their time entries, and
/// the sections answering the four questions; every table also as CSV (<c>?handler=Csv&amp;table=…</c>). The figures
/// come from the rolled-up facts through <see cref="IEconomicsReader"/>; the page only shows them.
/// </summary>
public sealed class IndexModel(IEconomicsReader reader, IRollupStatusReader rollup, Currency currency, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Contract { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Tickets { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ticket { get; set; }

    public DashboardQuery Query { get; private set; } = new();

    /// <summary>Null when the period asked for cannot be read; the form then shows why.</summary>
    public EconomicsDashboard? Dashboard { get; private set; }

    public Currency Currency => currency;

    /// <summary>How many changes wait for the first rollup ever, when it has not run yet; the page then says the figures are coming.</summary>
    public int? FirstRollupBacklog { get; private set; }

    public async Task OnGetAsync()
    {
        var status = await rollup.ReadAsync(HttpContext.RequestAborted);
        FirstRollupBacklog = status.FirstRollupPending ? status.Backlog : null;
        if (Choose() is { } period)
        {
            Dashboard = await EconomicsDashboard.LoadAsync(reader, Query, period, currency, HttpContext.RequestAborted);
        }
    }

    /// <summary>One table of the dashboard, as the page shows it now, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table)
    {
        if (Choose() is not { } period)
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        var dashboard = await EconomicsDashboard.LoadAsync(reader, Query, period, currency, HttpContext.RequestAborted);
        if (dashboard.Table(table ?? "") is not { } chosen)
        {
            return NotFound();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"economics-{chosen.Id}-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv");
        return File(chosen.ToCsv(), "text/csv; charset=utf-8", name);
    }

    private ReportingPeriod? Choose()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var kind = PeriodKind.Quarter;
        if (!string.IsNullOrWhiteSpace(PeriodText) && !ReportingPeriods.TryParseKind(PeriodText, out kind))
        {
            ModelState.AddModelError("period", "Choose a month, a quarter, a year or custom dates.");
            kind = PeriodKind.Quarter;
        }

        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(On))
        {
            if (DateOnly.TryParseExact(On.Trim(), ReportingPeriods.IsoDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                on = day;
            }
            else
            {
                ModelState.AddModelError("on", $"'{On.Trim()}' is not a date; write it as yyyy-mm-dd.");
            }
        }

        var level = EconomicsLevel.Region;
        if (!string.IsNullOrWhiteSpace(Level) && !(Enum.TryParse(Level.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level)))
        {
            ModelState.AddModelError("level", "Group the P&L by region, customer, contract or product.");
            level = EconomicsLevel.Region;
        }

        int? ticket = null;
        if (!string.IsNullOrWhiteSpace(Ticket))
        {
            if (TicketNumber.TryParse(Ticket, out var id))
            {
                ticket = id;
            }
            else
            {
                ModelState.AddModelError("ticket", "That is not a ticket number; use the form HD-42 or 42.");
            }
        }

        Query = new DashboardQuery
        {
            Period = kind,
            On = on,
            From = From?.Trim(),
            To = To?.Trim(),
            Level = level,
            Region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
            Organisation = Organisation,
            Contract = Contract,
            Product = Product,
            Tickets = Tickets,
            Ticket = ticket,
        };
        var chosen = ReportingPeriods.Choose(kind, on ?? today, today, From, To);
        foreach (var error in chosen.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        return ModelState.IsValid ? chosen.Value : null;
    }
}
