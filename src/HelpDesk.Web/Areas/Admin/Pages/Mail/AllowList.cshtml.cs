using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>
/// Senders whose automatic mail makes tickets (a monitoring system, a partner's ticketing tool): an address, or
/// "@domain" for all of a domain. Their mail is still never answered.
/// </summary>
public sealed class AllowListModel(IInboundMailStore inbound, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AllowInput Input { get; set; } = new();

    public IReadOnlyList<AllowListEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var address = Normalize(Input.Address);
        if (address is null)
        {
            ModelState.AddModelError("Input.Address", "Give a mail address (monitor@example.com) or a domain with its @ (@example.com).");
        }

        if (!ModelState.IsValid || address is null)
        {
            await LoadAsync();
            return Page();
        }

        if (!await inbound.AllowAsync(new AllowListEntry(address, Input.Note?.Trim() ?? "", User.UserId(), clock.UtcNow()), HttpContext.RequestAborted))
        {
            ModelState.AddModelError("Input.Address", $"{address} is already on the list.");
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{address} allow-listed: its automatic mail now makes tickets, never answered.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string address)
    {
        TempData["Notice"] = await inbound.DisallowAsync(address ?? "", HttpContext.RequestAborted)
            ? $"{address} removed from the allow-list."
            : $"{address} was not on the allow-list.";
        return RedirectToPage();
    }

    /// <summary>The lower-cased address or "@domain"; null when it is neither.</summary>
    public static string? Normalize(string? text)
    {
        var value = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || value.Length > 320)
        {
            return null;
        }

        if (value.StartsWith('@'))
        {
            var domain = value[1..];
            return domain.Length > 0 && domain.Contains('.', StringComparison.Ordinal) && MailAddress.TryCreate("x" + value, out _) ? value : null;
        }

        return MailAddress.TryCreate(value, out var address) && address.Address == value ? value : null;
    }

    private async Task LoadAsync() => Entries = await inbound.ListAllowListAsync(HttpContext.RequestAborted);

    public sealed class AllowInput
    {
        public string? Address { get; set; }

        [StringLength(500, ErrorMessage = "At most 500 characters.")]
        public string? Note { get; set; }
    }
}
