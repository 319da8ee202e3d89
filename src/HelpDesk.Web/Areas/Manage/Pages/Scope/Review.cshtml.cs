using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Areas.Manage.Pages.Economics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Scope;

/// <summary>
/// The scope review: for a period (the last twelve months by default), per product, what falls outside the scope and
/// what it earned, what each release and environment costs to support, and the goodwill given, from the ticket-day
/// facts; every count of tickets drills down to the tickets behind it, and every table downloads as CSV.
/// </summary>
public sealed class ReviewModel(IScopeReviewReader reader, Currency currency, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "table")]
    public string? Table { get; set; }

    [FromQuery(Name = "product")]
    public int? Product { get; set; }

    [FromQuery(Name = "key")]
    public string? Key { get; set; }

    public ReportingPeriod? Period { get; private set; }

    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];

    /// <summary>The tickets behind the row asked for; null when none was.</summary>
    public DashboardTable? Behind { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetCsvAsync(string? csv)
    {
        if (!await LoadAsync())
        {
            return BadRequest(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        if (Tables.Append(Behind).FirstOrDefault(t => t is not null && string.Equals(t.Id, csv, StringComparison.OrdinalIgnoreCase)) is not { } chosen)
        {
            return NotFound();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"scope-review-{chosen.Id}-{Period!.From:yyyy-MM-dd}-to-{Period.To:yyyy-MM-dd}.csv");
        return File(chosen.ToCsv(), "text/csv; charset=utf-8", name);
    }

    /// <summary>The address of a table's CSV, with the period and the row drilled into.</summary>
    public string CsvHref(string table) => QueryHelpers(new Dictionary<string, string?>
    {
        ["handler"] = "Csv",
        ["csv"] = table,
        ["from"] = Period?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = Period?.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["table"] = Table,
        ["product"] = Product?.ToString(CultureInfo.InvariantCulture),
        ["key"] = Key,
    });

    private static string QueryHelpers(Dictionary<string, string?> values) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/manage/scope/review", values);

    private async Task<bool> LoadAsync()
    {
        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To))
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            Period = ReportingPeriods.LastTwelveMonths(today);
        }
        else
        {
            var chosen = ReportingPeriods.Between(From, To);
            foreach (var error in chosen.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            Period = chosen.Value;
        }

        if (Period is null)
        {
            return false;
        }

        var tickets = await reader.TicketsAsync(Period.From, Period.To, HttpContext.RequestAborted);
        Tables = [.. Enum.GetValues<ScopeReviewTable>().Select(t => ScopeReviewTables.Of(t, tickets, Period, currency))];
        if (Table is not null && ScopeReviewTables.Ids.TryGetValue(Table, out var table) && Product is int product && Key is not null
            && ScopeReview.Row(table, tickets, product, Key) is { } row)
        {
            Behind = ScopeReviewTables.Tickets(row, currency);
        }

        return true;
    }
}
