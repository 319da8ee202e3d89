using System.ComponentModel.DataAnnotations;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>
/// Adds or edits a mailbox. The password is write-only: the form never shows it, an empty one keeps the stored one,
/// and it is protected before it is saved. "Test connection" tries what is in the form without saving it.
/// </summary>
public sealed class MailboxModel(IMailboxStore mailboxes, ISecretProtector secrets, IMailServerActions servers, MailHealth health, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MailboxInput Input { get; set; } = new();

    public bool IsNew => Input.Id == 0;

    public bool HasPassword { get; private set; }

    public string? StaleMessage { get; private set; }

    public ConnectionCheck? Check { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not int existing)
        {
            return Page();
        }

        var mailbox = await mailboxes.GetAsync(existing, HttpContext.RequestAborted);
        if (mailbox is null)
        {
            return NotFound();
        }

        Input = MailboxInput.From(mailbox);
        HasPassword = mailbox.ProtectedPassword.Length > 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Input.Id = id ?? 0;
        var stored = id is int existing ? await mailboxes.GetAsync(existing, HttpContext.RequestAborted) : null;
        if (id is not null && stored is null)
        {
            return NotFound();
        }

        HasPassword = stored?.ProtectedPassword.Length > 0;
        Validate(requirePassword: stored is null);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mailbox = Input.ToMailbox(string.IsNullOrEmpty(Input.Password) ? "" : secrets.Protect(Input.Password));
        if (stored is null)
        {
            var created = await mailboxes.CreateAsync(mailbox, clock.UtcNow(), HttpContext.RequestAborted);
            if (created is null)
            {
                ModelState.AddModelError("Input.Name", "Another mailbox has this name.");
                return Page();
            }

            TempData["Notice"] = $"Mailbox {mailbox.Name} added; it is polled within a minute.";
        }
        else if (!await mailboxes.UpdateAsync(mailbox, HttpContext.RequestAborted))
        {
            var now = await mailboxes.GetAsync(stored.Id, HttpContext.RequestAborted);
            if (now is null)
            {
                return NotFound();
            }

            if (now.Version == Input.Version)
            {
                ModelState.AddModelError("Input.Name", "Another mailbox has this name.");
                return Page();
            }

            StaleMessage = "Someone changed this mailbox while you were editing it; your changes are still in the form, save again to keep them.";
            Input.Version = now.Version;
            return Page();
        }
        else
        {
            TempData["Notice"] = $"Mailbox {mailbox.Name} saved.";
        }

        health.Forget();
        return RedirectToPage("Mailboxes");
    }

    public async Task<IActionResult> OnPostTestAsync(int? id)
    {
        Input.Id = id ?? 0;
        var stored = id is int existing ? await mailboxes.GetAsync(existing, HttpContext.RequestAborted) : null;
        HasPassword = stored?.ProtectedPassword.Length > 0;
        Validate(requirePassword: stored is null);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mailbox = Input.ToMailbox(stored?.ProtectedPassword ?? "");
        Check = await servers.TestConnectionAsync(mailbox, string.IsNullOrEmpty(Input.Password) ? null : Input.Password, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var mailbox = await mailboxes.GetAsync(id, HttpContext.RequestAborted);
        if (mailbox is null || !await mailboxes.DeleteAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        health.Forget();
        TempData["Notice"] = $"Mailbox {mailbox.Name} deleted. Mail already received stays.";
        return RedirectToPage("Mailboxes");
    }

    private void Validate(bool requirePassword)
    {
        if (requirePassword && string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Give the mailbox's password.");
        }

        if (Input.Folder is { } folder && (folder == Input.ProcessedFolder || folder == Input.FailedFolder))
        {
            ModelState.AddModelError("Input.ProcessedFolder", "The processed and failed folders must differ from the folder read.");
        }
    }

    public sealed class MailboxInput
    {
        public int Id { get; set; }

        public int Version { get; set; }

        [Required(ErrorMessage = "Give the mailbox a name.")]
        [StringLength(100, ErrorMessage = "At most 100 characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Give the IMAP server's host name.")]
        [StringLength(255, ErrorMessage = "At most 255 characters.")]
        public string? Host { get; set; }

        [Range(1, 65535, ErrorMessage = "A port from 1 to 65535 (993 for IMAPS, 143 for STARTTLS).")]
        public int Port { get; set; } = 993;

        public MailTlsMode TlsMode { get; set; } = MailTlsMode.SslOnConnect;

        [Required(ErrorMessage = "Give the user name to sign in with.")]
        [StringLength(255, ErrorMessage = "At most 255 characters.")]
        public string? UserName { get; set; }

        [StringLength(1000, ErrorMessage = "At most 1000 characters.")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Give the folder to read, usually INBOX.")]
        [StringLength(255, ErrorMessage = "At most 255 characters.")]
        public string? Folder { get; set; } = "INBOX";

        [Required(ErrorMessage = "Give the folder processed mail is moved to.")]
        [StringLength(255, ErrorMessage = "At most 255 characters.")]
        public string? ProcessedFolder { get; set; } = "HelpDesk/Processed";

        [Required(ErrorMessage = "Give the folder unreadable mail is moved to.")]
        [StringLength(255, ErrorMessage = "At most 255 characters.")]
        public string? FailedFolder { get; set; } = "HelpDesk/Failed";

        public bool Enabled { get; set; } = true;

        public static MailboxInput From(Mailbox mailbox) => new()
        {
            Id = mailbox.Id,
            Version = mailbox.Version,
            Name = mailbox.Name,
            Host = mailbox.Host,
            Port = mailbox.Port,
            TlsMode = mailbox.TlsMode,
            UserName = mailbox.UserName,
            Folder = mailbox.Folder,
            ProcessedFolder = mailbox.ProcessedFolder,
            FailedFolder = mailbox.FailedFolder,
            Enabled = mailbox.Enabled,
        };

        public Mailbox ToMailbox(string protectedPassword) => new()
        {
            Id = Id,
            Version = Version,
            Name = Name!.Trim(),
            Host = Host!.Trim(),
            Port = Port,
            TlsMode = TlsMode,
            UserName = UserName!.Trim(),
            ProtectedPassword = protectedPassword,
            Folder = Folder!.Trim(),
            ProcessedFolder = ProcessedFolder!.Trim(),
            FailedFolder = FailedFolder!.Trim(),
            Enabled = Enabled,
        };
    }
}
