using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Accounts;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages;

public sealed class IndexModel(
    HelpDeskUserManager users,
    DapperUserStore userStore,
    IOrganisationStore organisations,
    IMailboxStore mailboxes,
    IInboundMailStore inbound,
    IOutbox outbox,
    TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public MailCounts Mail { get; private set; } = new(0, 0, 0, 0, 0, new(0, 0, 0, 0));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRolesAsync(int userId, string[] roles, [FromServices] SignInManager<HelpDeskUser> signIn)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return NotFound();
        }

        var wanted = roles.Where(Roles.All.Contains).ToHashSet(StringComparer.Ordinal);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        if (user.Email == User.Identity?.Name && current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
        {
            ModelState.AddModelError(string.Empty, "You cannot take the Admin role from yourself; ask another administrator.");
            await LoadAsync();
            return Page();
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
        if (!added.Succeeded)
        {
            ModelState.AddModelError(string.Empty, string.Join(" ", added.Errors.Select(e => e.Description)));
            await LoadAsync();
            return Page();
        }

        if (user.Email == User.Identity?.Name)
        {
            // The change ended the account's sessions; the administrator's own carries on with the new roles.
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Notice"] = $"Roles of {user.Email}: {(wanted.Count == 0 ? "none" : string.Join(", ", wanted.Order(StringComparer.Ordinal)))}.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var boxes = await mailboxes.ListAsync(cancellationToken);
        Mail = new MailCounts(
            boxes.Count,
            boxes.Count(b => b.IsDegraded),
            await inbound.CountAsync(InboundStatus.Held, cancellationToken),
            await inbound.CountAsync(InboundStatus.Quarantined, cancellationToken),
            (await inbound.ListAllowListAsync(cancellationToken)).Count,
            await outbox.CountAsync(cancellationToken));

        var names = (await organisations.ListAsync(HttpContext.RequestAborted)).ToDictionary(o => o.Id, o => o.Name);
        var rows = new List<UserRow>();
        var now = clock.GetUtcNow();
        foreach (var user in await userStore.ListAsync(HttpContext.RequestAborted))
        {
            var state = user.LockoutEnd > now ? "locked" : user.EmailConfirmed ? "active" : "unconfirmed";
            var organisation = user.OrganisationId is int id && names.TryGetValue(id, out var name) ? name : null;
            rows.Add(new UserRow(user, organisation, state, [.. await users.GetRolesAsync(user)]));
        }

        Users = rows;
    }

    public sealed record MailCounts(int Mailboxes, int DegradedMailboxes, int Held, int Quarantined, int AllowListed, OutboxCounts Outbox);

    public sealed record UserRow(HelpDeskUser User, string? Organisation, string State, IReadOnlyList<string> Roles);
}
