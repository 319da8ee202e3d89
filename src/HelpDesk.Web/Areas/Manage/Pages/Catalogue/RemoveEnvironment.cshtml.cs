using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Catalogue;

/// <summary>
/// The confirmation step of taking an environment out of use: what retiring it does (worked out here, from the
/// tickets, scope versions and skills that refer to it), why it cannot be retired yet when a scope still supports
/// it, and whether it may be deleted instead because nothing refers to it. Works without a script.
/// </summary>
public sealed class RemoveEnvironmentModel(EnvironmentRetirement retirement, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    public EnvironmentRemoval Removal { get; private set; } = null!;

    /// <summary>Who retired and reinstated it, newest first.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    /// <summary>Why the change just asked for was refused.</summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await ShowAsync(id, null);

    public async Task<IActionResult> OnPostRetireAsync(int id)
    {
        var result = await retirement.RetireAsync(new EnvironmentChangeRequest(id, users.IdOf(User)), HttpContext.RequestAborted);
        return await AfterAsync(id, result, removal => $"Retired {removal.Environment.Name}. Customers are no longer offered it; requests naming it are still judged against it.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var result = await retirement.DeleteAsync(new EnvironmentChangeRequest(id, users.IdOf(User)), HttpContext.RequestAborted);
        return await AfterAsync(id, result, removal => $"Deleted {removal.Environment.Name}.");
    }

    private async Task<IActionResult> AfterAsync(int id, Result<EnvironmentRemoval> result, Func<EnvironmentRemoval, string> notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice(result.Value!);
            return Redirect("/manage/catalogue/environments");
        }

        return result.Failure == Failure.NotFound ? NotFound() : await ShowAsync(id, result.Errors[0].Message);
    }

    private async Task<IActionResult> ShowAsync(int id, string? message)
    {
        var described = await retirement.DescribeAsync(id, HttpContext.RequestAborted);
        if (!described.Succeeded)
        {
            return NotFound();
        }

        Removal = described.Value!;
        History = await audit.ListAsync(AuditSubjects.Environment, id, HttpContext.RequestAborted);
        Message = message;
        return Page();
    }
}
