using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Hosting;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Tickets;

/// <summary>
/// One ticket of the customer's organisation: its conversation and what the customer may do next (reply, rate the
/// resolution, mark it resolved). A number that is malformed, unknown or another organisation's answers 404.
/// </summary>
[ShowsMail]
public sealed partial class DetailsModel(CurrentActor actors, TicketViews views, AttachmentPolicy attachments, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    [BindProperty]
    public RateInput Rate { get; set; } = new();

    /// <summary>The version the customer saw when they pressed "Mark as resolved".</summary>
    [BindProperty]
    public int? Version { get; set; }

    public TicketView View { get; private set; } = null!;

    public TicketActor Actor { get; private set; } = null!;

    public bool FilesDropped { get; private set; }

    public AttachmentPolicy Attachments => attachments;

    public Ticket Ticket => View.Ticket;

    public DateTime NowUtc => clock.UtcNow();

    public bool CanReply => Ticket.Status != TicketStatus.Closed;

    public bool CanResolve => TicketWorkflow.AllowedTargets(Ticket.Status, ActorKind.Customer).Contains(TicketStatus.Resolved);

    /// <summary>The requester rates each resolution once, while it is resolved or after it closed.</summary>
    public bool CanRate =>
        Ticket.Status is TicketStatus.Resolved or TicketStatus.Closed
        && Ticket.Resolutions > 0
        && View.Rating is null
        && Actor.UserId == Ticket.RequesterId;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync([FromServices] ReplyToTicket replyToTicket)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (FormFiles.TooMany(Reply.Attachments) is { } tooMany)
        {
            FilesDropped = true;
            return Failed(Result<Ticket>.Invalid([tooMany]), nameof(Reply), CanReply);
        }

        var files = await FormFiles.ReadAsync(Reply.Attachments, attachments, HttpContext.RequestAborted);
        var result = await replyToTicket.HandleAsync(
            new ReplyToTicketRequest { Actor = Actor, TicketId = Ticket.Id, Body = Reply.Body, Attachments = files, Key = FormKeys.Of(Actor, Reply.IdempotencyKey) },
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = Ticket.Status == TicketStatus.Resolved && result.Value!.Status != TicketStatus.Resolved
                ? $"Reply added. {Ticket.Number} was resolved; your reply has reopened it."
                : "Reply added.";
            return Redirect(TicketLinks.Portal(Ticket.Number));
        }

        FilesDropped = files.Count > 0;
        return Failed(result, nameof(Reply), CanReply);
    }

    public async Task<IActionResult> OnPostRateAsync([FromServices] RateTicket rateTicket)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await rateTicket.HandleAsync(new RateTicketRequest(Actor, Ticket.Id, Rate.Score, Rate.Comment), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Thank you for rating {Ticket.Number}.";
            return Redirect(TicketLinks.Portal(Ticket.Number));
        }

        return Failed(result, nameof(Rate), CanRate);
    }

    public async Task<IActionResult> OnPostResolveAsync([FromServices] ChangeTicketStatus changeStatus)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await changeStatus.HandleAsync(
            new ChangeTicketStatusRequest(Actor, Ticket.Id, TicketStatus.Resolved, Version),
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"{Ticket.Number} is marked as resolved. Thank you for letting us know.";
            return Redirect(TicketLinks.Portal(Ticket.Number));
        }

        // There is no field to put a status error beside; it goes above the actions.
        AddAboveActions(result.Errors);
        return result.Failure == Failure.NotFound ? NotFound() : Page();
    }

    private IActionResult Failed<T>(Result<T> result, string prefix, bool formShown)
    {
        if (result.Failure == Failure.NotFound)
        {
            return NotFound();
        }

        // A form the page no longer shows (a closed ticket's reply, a rated resolution) has no fields to put
        // errors beside; they go above the actions instead.
        if (formShown)
        {
            ResultResponses.AddTo(result, ModelState, prefix);
        }
        else
        {
            AddAboveActions(result.Errors);
        }

        return Page();
    }

    private void AddAboveActions(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error.Message);
        }
    }

    private async Task<bool> LoadAsync()
    {
        if (!TicketNumber.TryParse(Number, out var id) || await actors.ResolveAsync(User) is not { } actor)
        {
            return false;
        }

        Actor = actor;
        var view = await views.LoadAsync(id, actor, HttpContext.RequestAborted);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }

    public sealed class ReplyInput
    {
        public string? Body { get; set; }

        public List<IFormFile> Attachments { get; set; } = [];

        /// <summary>The form's key (see <see cref="FormKeys"/>).</summary>
        public string? IdempotencyKey { get; set; }
    }

    public sealed class RateInput
    {
        public int Score { get; set; }

        public string? Comment { get; set; }
    }
}
