using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Users;

/// <summary>
/// One account: its roles, its state and what administrators did to it. Every form carries the concurrency stamp the
/// page was read with, so a change someone made meanwhile is shown instead of overwritten.
/// </summary>
public sealed class ShowModel(HelpDeskUserManager users, IOrganisationStore organisations, IManageAudit audit) : PageModel
{
    public HelpDeskUser Account { get; private set; } = new();

    public string? Organisation { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public AccountState State => AccountRules.StateOf(Account.DeactivatedUtc, Account.EmailConfirmed);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(
        int id, string? stamp, string[]? roles, [FromServices] AccountAdministration administration, [FromServices] SignInManager<HelpDeskUser> signIn)
    {
        var result = await administration.ChangeRolesAsync(User.UserId(), id, stamp ?? "", roles ?? [], HttpContext.RequestAborted);
        if (result.Succeeded && id == User.UserId())
        {
            // A role the administrator took from themself ended their sessions; this one carries on with the new roles.
            await signIn.RefreshSignInAsync((await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)))!);
        }

        return await AnswerAsync(id, result, roleList => $"Roles: {roleList}.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, string? stamp, [FromServices] AccountAdministration administration) =>
        await AnswerAsync(
            id,
            await administration.DeactivateAsync(User.UserId(), id, stamp ?? "", HttpContext.RequestAborted),
            user => $"{user.Email} is deactivated: it cannot sign in, and every session and token it had has ended.");

    public async Task<IActionResult> OnPostReactivateAsync(int id, string? stamp, [FromServices] AccountAdministration administration) =>
        await AnswerAsync(
            id,
            await administration.ReactivateAsync(User.UserId(), id, stamp ?? "", HttpContext.RequestAborted),
            user => $"{user.Email} is active again and can sign in.");

    public async Task<IActionResult> OnPostResetAsync(int id, [FromServices] AccountAdministration administration) =>
        await AnswerAsync(
            id,
            await administration.SendResetAsync(User.UserId(), id, HttpContext.RequestAborted),
            user => $"A password reset link is on its way to {user.Email}.");

    private async Task<IActionResult> AnswerAsync<T>(int id, Result<T> result, Func<T, string> notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice(result.Value!);
            return RedirectToPage(new { id });
        }

        if (result.Failure == Failure.NotFound || !await LoadAsync(id))
        {
            return NotFound();
        }

        // Refusals and a stale page are told above the forms; the page shows the account as it is now.
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.Message);
        }

        Response.StatusCode = result.Failure == Failure.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)) is not { } account)
        {
            return false;
        }

        Account = account;
        Roles = [.. await users.GetRolesAsync(account)];
        Organisation = account.OrganisationId is int organisationId ? (await organisations.GetAsync(organisationId, cancellationToken))?.Name : null;
        History = await audit.ListAsync(AuditSubjects.Account, id, cancellationToken);
        return true;
    }
}
