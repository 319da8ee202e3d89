using HelpDesk.Core.Attachments;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// A mail attached to a ticket (an .eml file: a forwarded message, one of a digest) read like a received message:
/// who sent it to whom and when, its headers, its text and its files. The download stays on the attachment's link.
/// </summary>
public sealed class AttachedMailModel(CurrentActor currentActor, ITicketStore tickets, IAttachmentStore attachments, IInboundMailParser parser) : PageModel
{
    public string Number { get; private set; } = "";

    public int AttachmentId { get; private set; }

    public string FileName { get; private set; } = "";

    public int SizeBytes { get; private set; }

    public MailContent Mail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, int id)
    {
        if (!TicketNumber.TryParse(number, out var ticketId))
        {
            return NotFound();
        }

        var actor = await currentActor.ResolveAsync(User);
        if (actor is null || actor.Kind != ActorKind.Staff)
        {
            return Forbid();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var ticket = await tickets.GetAsync(ticketId, actor.Scope, cancellationToken);
        var file = ticket is null ? null : await attachments.GetAsync(id, cancellationToken);
        if (ticket is null || file is null || file.TicketId != ticket.Id || !IsMail(file.FileName))
        {
            return NotFound();
        }

        await using var content = await attachments.OpenContentAsync(file.Sha256, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Number = TicketNumber.Format(ticket.Id);
        AttachmentId = file.Id;
        FileName = file.FileName;
        SizeBytes = (int)Math.Min(int.MaxValue, file.SizeBytes);
        Mail = MailContent.Read(buffer.ToArray(), parser);
        return Page();
    }

    /// <summary>Nothing here changes anything.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public static bool IsMail(string fileName) => fileName.EndsWith(".eml", StringComparison.OrdinalIgnoreCase);
}
