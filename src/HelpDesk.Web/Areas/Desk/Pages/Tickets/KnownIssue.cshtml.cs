using HelpDesk.Core.Common;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// Links a ticket to a known issue: an existing one, or a new one made here from a title, product and kind. A ticket
/// links to at most one issue, so choosing another moves the link, and choosing none removes it.
/// </summary>
public sealed class KnownIssueModel(ITicketStore tickets, IKnownIssueStore issues, IScopeStore catalogue, CurrentActor actors) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    [BindProperty]
    public LinkInput Input { get; set; } = new();

    public Ticket Ticket { get; private set; } = null!;

    public KnownIssue? Current { get; private set; }

    public IReadOnlyList<KnownIssue> Choices { get; private set; } = [];

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input.KnownIssueId = Current?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveKnownIssue save, [FromServices] LinkTicketToKnownIssue link)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var actor = await actors.ResolveAsync(User) ?? throw new InvalidOperationException("An engineer has no actor.");
        var issueId = Input.KnownIssueId;
        if (!string.IsNullOrWhiteSpace(Input.NewTitle))
        {
            var created = await save.HandleAsync(
                new SaveKnownIssueRequest(actor, null, new KnownIssueDraft(Input.NewTitle, Input.NewProductId, Ticket.ProductRelease, Input.NewKind, KnownIssueStatus.Open, null, "")),
                HttpContext.RequestAborted);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError(error.Field switch { "title" => "Input.NewTitle", "productId" => "Input.NewProductId", "kind" => "Input.NewKind", _ => "" }, error.Message);
                }

                return Page();
            }

            issueId = created.Value!.Id;
        }

        var linked = await link.HandleAsync(new LinkTicketRequest(actor, Ticket.Id, issueId), HttpContext.RequestAborted);
        if (!linked.Succeeded)
        {
            ResultResponses.AddTo(linked, ModelState, "Input");
            return Page();
        }

        TempData["Notice"] = linked.Value is { } issue ? $"Linked {Ticket.Number} to the known issue \"{issue.Title}\"." : $"{Ticket.Number} is no longer linked to a known issue.";
        return Redirect($"/desk/tickets/{Ticket.Number}");
    }

    private async Task<bool> LoadAsync()
    {
        if (!TicketNumber.TryParse(Number, out var id) || await tickets.GetAsync(id, TicketScope.Staff, HttpContext.RequestAborted) is not { } ticket)
        {
            return false;
        }

        Ticket = ticket;
        Current = await issues.ForTicketAsync(id, HttpContext.RequestAborted);
        Choices = await issues.ListAsync(new KnownIssueFilter(), HttpContext.RequestAborted);
        Products = await catalogue.ListProductsAsync(HttpContext.RequestAborted);
        return true;
    }

    public sealed class LinkInput
    {
        public int? KnownIssueId { get; set; }

        public string? NewTitle { get; set; }

        public int? NewProductId { get; set; }

        public KnownIssueKind? NewKind { get; set; } = KnownIssueKind.Defect;
    }
}
