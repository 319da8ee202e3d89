using System.Globalization;
using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Mail;

/// <summary>
/// A list of mail waiting for review (held or quarantined): a page at a time, newest first, with the count per reason,
/// filters by reason and sender that every link and form keeps, and release or delete of the selected messages.
/// </summary>
public abstract class ReviewListModel(IInboundReviewList list) : PageModel
{
    public const int PageSize = 50;

    private const int MaxSenderLength = 320;

    public abstract InboundStatus Status { get; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sender { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? After { get; set; }

    public ReviewPage Listing { get; private set; } = new([], null, null);

    public ReviewCounts Counts { get; private set; } = new(new Dictionary<string, int>());

    /// <summary>What the last release or delete of a selection did, row by row.</summary>
    public IReadOnlyList<ReviewOutcome> Outcomes { get; private set; } = [];

    public IReadOnlyList<string> Reasons => ReviewReason.For(Status);

    public bool Filtered => Reason is not null || Sender is not null;

    /// <summary>The filters as route values, for links and forms that must keep them.</summary>
    public Dictionary<string, string> Filters => RouteValues(("reason", Reason), ("sender", Sender));

    /// <summary>The filters and the page, for the actions that come back to where they were.</summary>
    public Dictionary<string, string> Place => RouteValues(
        ("reason", Reason),
        ("sender", Sender),
        ("before", Before?.ToString(CultureInfo.InvariantCulture)),
        ("after", After?.ToString(CultureInfo.InvariantCulture)));

    public async Task OnGetAsync()
    {
        Normalize();
        Listing = await list.PageAsync(
            new ReviewQuery(Status) { Reason = Reason, Sender = Sender, Before = Before, After = After, Take = PageSize },
            HttpContext.RequestAborted);
        Counts = await list.CountAsync(Status, Sender, HttpContext.RequestAborted);
        Outcomes = ReviewOutcome.Take(TempData);
    }

    public Task<IActionResult> OnPostReleaseSelectedAsync(int[] ids, [FromServices] ReviewBatch batch) =>
        ActAsync(ids, (selected, cancellationToken) => batch.ReleaseAsync(Status, selected, User.UserId(), cancellationToken));

    public Task<IActionResult> OnPostDeleteSelectedAsync(int[] ids, [FromServices] ReviewBatch batch) =>
        ActAsync(ids, (selected, cancellationToken) => batch.DeleteAsync(Status, selected, User.UserId(), cancellationToken));

    /// <summary>Back to the list as it was: same filters, same page.</summary>
    protected IActionResult BackToList()
    {
        Normalize();
        return RedirectToPage(new { reason = Reason, sender = Sender, before = Before, after = After });
    }

    private async Task<IActionResult> ActAsync(int[] ids, Func<IReadOnlyCollection<int>, CancellationToken, Task<IReadOnlyList<ReviewOutcome>>> act)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
        {
            TempData["Notice"] = "Nothing was selected.";
        }
        else if (ids.Length > ReviewBatch.MaxSelected)
        {
            TempData["Notice"] = $"Select at most {ReviewBatch.MaxSelected} messages at a time; nothing was done.";
        }
        else
        {
            ReviewOutcome.Keep(TempData, await act(ids, HttpContext.RequestAborted));
        }

        return BackToList();
    }

    private static Dictionary<string, string> RouteValues(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);

    private void Normalize()
    {
        Reason = Reason is { } reason && Reasons.Contains(reason, StringComparer.Ordinal) ? reason : null;
        Sender = Sender?.Trim() is { Length: > 0 } sender ? sender[..Math.Min(sender.Length, MaxSenderLength)] : null;
        if (After is not null)
        {
            Before = null;
        }
    }
}
