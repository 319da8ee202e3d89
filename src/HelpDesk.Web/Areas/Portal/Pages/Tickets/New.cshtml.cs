using HelpDesk.Core.Attachments;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Tickets;

public sealed class NewModel(CurrentActor actors, FileTicket fileTicket, AttachmentPolicy attachments) : PageModel
{
    public static IReadOnlyList<(int Value, string Label)> Severities { get; } =
    [
        (1, "1 – critical: production is down"),
        (2, "2 – high: a major function fails"),
        (3, "3 – normal: something does not work as it should"),
        (4, "4 – low: a question or a small problem"),
    ];

    [BindProperty]
    public TicketInput Input { get; set; } = new();

    /// <summary>True when files came with a form that is shown again: the browser does not keep them.</summary>
    public bool FilesDropped { get; private set; }

    public AttachmentPolicy Attachments => attachments;

    public async Task<IActionResult> OnGetAsync() =>
        await actors.ResolveAsync(User) is null ? RedirectToPage("/Index") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return RedirectToPage("/Index");
        }

        var files = await FormFiles.ReadAsync(Input.Attachments, attachments, HttpContext.RequestAborted);
        var result = await fileTicket.HandleAsync(
            new FileTicketRequest
            {
                RequesterId = actor.UserId!.Value,
                OrganisationId = actor.OrganisationId!.Value,
                Channel = TicketChannel.Web,
                Subject = Input.Subject,
                Body = Input.Body,
                Severity = Input.Severity,
                Product = Input.Product,
                ProductRelease = Input.ProductRelease,
                Environment = Input.Environment,
                Category = Input.Category,
                Attachments = files,
            },
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Ticket {result.Value!.Number} filed. We have sent you a confirmation by email.";
            return Redirect(TicketLinks.Portal(result.Value.Number));
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        FilesDropped = files.Count > 0;
        return Page();
    }

    public sealed class TicketInput
    {
        public string? Subject { get; set; }

        public string? Body { get; set; }

        public int Severity { get; set; } = (int)Core.Tickets.Severity.Normal;

        public string? Product { get; set; }

        public string? ProductRelease { get; set; }

        public string? Environment { get; set; }

        public string? Category { get; set; }

        public List<IFormFile> Attachments { get; set; } = [];
    }
}
