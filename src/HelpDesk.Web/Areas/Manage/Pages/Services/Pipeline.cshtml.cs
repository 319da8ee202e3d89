using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Services;

/// <summary>
/// The services pipeline: offers by status, conversion by offering, product, segment and engineer, revenue booked by
/// month, decline reasons and the open quote requests (with Close), over the last few months or all time; the
/// conversion table as CSV. The figures come from <see cref="ServicesPipeline"/>; the page only shows them.
/// </summary>
public sealed class PipelineModel(IOfferPipelineStore pipeline, TimeProvider clock) : PageModel
{
    /// <summary>The windows offered, in months (0: all time).</summary>
    public static IReadOnlyList<int> Periods { get; } = [3, 6, 12, 0];

    public const int DefaultMonths = 12;

    [BindProperty(SupportsGet = true)]
    public int Months { get; set; } = DefaultMonths;

    public DateOnly? Since { get; private set; }

    public PipelineReport Report { get; private set; } = null!;

    public IReadOnlyList<PipelineQuoteRequest> QuoteRequests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Report = await LoadAsync();
        QuoteRequests = await pipeline.ListOpenQuoteRequestsAsync(HttpContext.RequestAborted);
    }

    /// <summary>The conversion table (every group of every dimension, and the total) as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromServices] Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var report = await LoadAsync();
        var name = $"services-pipeline-{(Since is DateOnly since ? $"since-{since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "all")}.csv";
        return File(PipelineCsv.Write(report, currency), "text/csv; charset=utf-8", name);
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, int version, [FromServices] CloseQuoteRequest close, [FromServices] CurrentActor actors)
    {
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(actors);
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return Forbid();
        }

        var result = await close.HandleAsync(new CloseQuoteRequestRequest(actor, id, version), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"Closed the quote request on {Core.Tickets.TicketNumber.Format(result.Value!.TicketId)} without an offer."
            : result.Errors[0].Message;
        return RedirectToPage(new { Months });
    }

    private async Task<PipelineReport> LoadAsync()
    {
        if (!Periods.Contains(Months))
        {
            Months = DefaultMonths;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Since = Months == 0 ? null : new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var offers = await pipeline.ListOffersAsync(Since?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), HttpContext.RequestAborted);
        return ServicesPipeline.Build(offers, Since);
    }
}
