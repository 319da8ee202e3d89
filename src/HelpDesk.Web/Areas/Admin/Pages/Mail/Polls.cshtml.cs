using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mail;

/// <summary>The latest polls of every mailbox (or one, <c>?mailbox=3</c>): what each fetched and what stopped it.</summary>
public sealed class PollsModel(IMailboxStore mailboxes) : PageModel
{
    public const int Take = 100;

    [BindProperty(SupportsGet = true)]
    public int? Mailbox { get; set; }

    public IReadOnlyList<MailboxPoll> Polls { get; private set; } = [];

    public async Task OnGetAsync() => Polls = await mailboxes.ListPollsAsync(Mailbox, Take, HttpContext.RequestAborted);

    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);
}
