using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Users;

/// <summary>Every account, searched by name, address or organisation, role and state, a page at a time.</summary>
public sealed class IndexModel(IAccountStore accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public AccountState? State { get; set; }

    // Not "page": Razor Pages keeps that name for the page's own route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AccountPage Results { get; private set; } = new([], 0, 1, AccountQuery.DefaultPageSize);

    public async Task OnGetAsync()
    {
        // A state the form never offers (a tampered link) searches every state.
        var state = State is { } s && Enum.IsDefined(s) ? s : (AccountState?)null;
        Results = await accounts.SearchAsync(new AccountQuery(Text, Role, state, PageNumber), HttpContext.RequestAborted);
    }

    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    /// <summary>This search on another page.</summary>
    public string PageLink(int page) => Url.Page("Index", new { q = Text, role = Role, state = State, p = page })!;
}
