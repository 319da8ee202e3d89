using HelpDesk.Core.Mail;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages.Mail;

/// <summary>
/// A received message as it arrived: what became of it, its headers, its text, and the original as an .eml file.
/// The ticket shows the message trimmed of quoted history; this page is where the whole of it stays readable.
/// </summary>
public sealed class MessageModel(IInboundMailStore inbound, IInboundMailParser parser) : PageModel
{
    public InboundMessageEntry Entry { get; private set; } = null!;

    public MailContent? Mail { get; private set; }

    public bool HasRaw { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var entry = await inbound.GetAsync(id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        var raw = await inbound.GetRawAsync(id, HttpContext.RequestAborted);
        HasRaw = raw is { Length: > 0 };
        if (raw is { Length: > 0 })
        {
            Mail = MailContent.Read(raw, parser);
        }

        return Page();
    }

    /// <summary>Nothing here changes anything.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    /// <summary>The original bytes as a download; never shown inline, since a browser would render its HTML.</summary>
    public async Task<IActionResult> OnGetRawAsync(int id)
    {
        var raw = await inbound.GetRawAsync(id, HttpContext.RequestAborted);
        return raw is { Length: > 0 } ? File(raw, "application/octet-stream", $"message-{id}.eml") : NotFound();
    }
}
