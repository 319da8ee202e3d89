using Hangfire;
using HelpDesk.Core.Common;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages;

/// <summary>
/// The economics facts as the rollup keeps them: the latest full rebuild's progress, the change log's backlog and the
/// watermark, and "Rebuild all facts", which queues one rebuild unless one is already queued or running.
/// </summary>
public sealed class EconomicsModel(IRollupStatusReader status, JobStorage storage, TimeProvider clock) : PageModel
{
    /// <summary>How often a running rebuild's progress is read again, by the page's script or, without it, a refresh.</summary>
    public const int RefreshSeconds = 3;

    public RollupStatus Status { get; private set; } = null!;

    public DateTime NowUtc { get; private set; }

    public bool Running => Status.Rebuild?.State == RebuildState.Running && Status.LeaseHeld(NowUtc);

    public bool Queued { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The progress as JSON, for the page's script to move the bar while a rebuild runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync()
    {
        await LoadAsync();
        var rebuild = Status.Rebuild;
        return new JsonResult(new
        {
            state = rebuild?.State.ToString(),
            running = Running,
            queued = Queued,
            done = rebuild?.Done ?? 0,
            total = rebuild?.Total ?? 0,
            percent = rebuild?.Percent ?? 0,
            startedUtc = rebuild?.StartedUtc,
            finishedUtc = rebuild?.FinishedUtc,
            error = rebuild?.Error,
            backlog = Status.Backlog,
        });
    }

    public async Task<IActionResult> OnPostRebuildAsync([FromServices] IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        await LoadAsync();
        var decision = RebuildRequests.Decide(Status, Queued, NowUtc);
        if (decision.MayQueue)
        {
            RecurringJobs.EnqueueRebuild(jobs);
        }

        TempData["Notice"] = decision.Message;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        NowUtc = clock.UtcNow();
        Status = await status.ReadAsync(HttpContext.RequestAborted);
        Queued = RecurringJobs.IsRebuildPending(storage);
    }
}
