using HelpDesk.Core.KnownIssues;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.KnownIssues;

/// <summary>One known issue with its linked tickets, and, once it is fixed, the action that tells every customer.</summary>
public sealed class IssueModel(IKnownIssueStore issues) : PageModel
{
    public KnownIssue Issue { get; private set; } = null!;

    public IReadOnlyList<LinkedTicket> Tickets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var issue = await issues.GetAsync(id, HttpContext.RequestAborted);
        if (issue is null)
        {
            return NotFound();
        }

        Issue = issue;
        Tickets = await issues.LinkedTicketsAsync([id], HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostTellAsync(int id, [FromServices] TellCustomersOfFix tell, [FromServices] CurrentActor actors)
    {
        var actor = await actors.ResolveAsync(User) ?? throw new InvalidOperationException("A manager has no actor.");
        var result = await tell.HandleAsync(actor, id, HttpContext.RequestAborted);
        if (result.Failure == Core.Common.Failure.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = result.Succeeded
            ? Told(result.Value!)
            : string.Join(" ", result.Errors.Select(e => e.Message));
        return RedirectToPage("Issue", new { id });
    }

    private static string Told(FixNotice notice)
    {
        var text = $"Told the customers of {notice.Told} linked open ticket(s) by a reply, mailed to each requester.";
        if (notice.AlreadyTold > 0)
        {
            text += $" {notice.AlreadyTold} had been told before and were not told again.";
        }

        return notice.NotTold.Count == 0 ? text : $"{text} Not told: {string.Join("; ", notice.NotTold)}";
    }
}
