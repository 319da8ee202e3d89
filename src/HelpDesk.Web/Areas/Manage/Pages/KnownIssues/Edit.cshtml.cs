using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.KnownIssues;

/// <summary>
/// Creates a known issue (no id) or edits one. A save refused because someone else changed the issue meanwhile keeps
/// the form as typed and says so.
/// </summary>
public sealed class EditModel(IKnownIssueStore issues, IScopeStore catalogue, CurrentActor actors) : PageModel
{
    [BindProperty]
    public IssueInput Input { get; set; } = new();

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    public bool IsNew => Input.Id == 0;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is int issueId)
        {
            var issue = await issues.GetAsync(issueId, HttpContext.RequestAborted);
            if (issue is null)
            {
                return NotFound();
            }

            Input = IssueInput.From(issue);
        }

        Products = await catalogue.ListProductsAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, [FromServices] SaveKnownIssue save)
    {
        Input.Id = id ?? 0;
        var actor = await actors.ResolveAsync(User) ?? throw new InvalidOperationException("A manager has no actor.");
        var result = await save.HandleAsync(new SaveKnownIssueRequest(actor, id, Input.ToDraft(), id is null ? null : Input.Version), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved the known issue \"{result.Value!.Title}\".";
            return RedirectToPage("Issue", new { id = result.Value.Id });
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;
        Products = await catalogue.ListProductsAsync(HttpContext.RequestAborted);
        return Page();
    }

    public sealed class IssueInput
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Title { get; set; }

        public int? ProductId { get; set; }

        public string? AffectedReleases { get; set; }

        public KnownIssueKind? Kind { get; set; } = KnownIssueKind.Defect;

        public KnownIssueStatus? Status { get; set; } = KnownIssueStatus.Open;

        public string? StatusRelease { get; set; }

        public string? PublicNote { get; set; }

        public static IssueInput From(KnownIssue issue) => new()
        {
            Id = issue.Id,
            Version = issue.Version,
            Title = issue.Title,
            ProductId = issue.ProductId,
            AffectedReleases = issue.AffectedReleases,
            Kind = issue.Kind,
            Status = issue.Status,
            StatusRelease = issue.StatusRelease,
            PublicNote = issue.PublicNote,
        };

        public KnownIssueDraft ToDraft() => new(Title, ProductId, AffectedReleases, Kind, Status, StatusRelease, PublicNote);
    }
}
