using HelpDesk.Core.Accounts;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Accounts;

/// <summary>The form that makes a token: a name, scopes, and an expiry as a lifetime offered or a date.</summary>
public sealed class ApiTokenForm
{
    public string? Name { get; set; }

    public List<string> Scopes { get; set; } = [];

    /// <summary>One of <see cref="ApiTokenRules.OfferedDays"/>, or 0 for the date in <see cref="ExpiresOn"/>.</summary>
    public int ExpiresInDays { get; set; } = 90;

    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>
/// A page that lists one account's API tokens, makes one (shown once, on the answer to the form, never stored) and
/// revokes one after a confirmation step. The account is the signed-in person's own, or a service account's.
/// </summary>
public abstract class ApiTokenPageModel(IApiTokenStore tokens, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ApiTokenForm Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The text of the token just made: shown on this answer only.</summary>
    public string? NewToken { get; private set; }

    /// <summary>The token whose revocation waits for confirmation (<c>?revoke=id</c>).</summary>
    public ApiToken? Confirming { get; private set; }

    public DateTime NowUtc { get; } = clock.GetUtcNow().UtcDateTime;

    /// <summary>The account whose tokens the page shows; null when there is no such account (404).</summary>
    protected abstract Task<int?> OwnerIdAsync();

    /// <summary>Loads whatever else the page shows beside the tokens.</summary>
    protected virtual Task LoadPageAsync() => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(int? revoke)
    {
        if (await OwnerIdAsync() is not int owner)
        {
            return NotFound();
        }

        await LoadAsync(owner);
        Confirming = revoke is int id ? Tokens.FirstOrDefault(t => t.Id == id && t.RevokedUtc is null) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromServices] ApiTokenIssuer issuer)
    {
        if (await OwnerIdAsync() is not int owner)
        {
            return NotFound();
        }

        var expires = ApiTokenRules.ExpiryFor(Input.ExpiresInDays, Input.ExpiresOn, NowUtc);
        var result = await issuer.CreateAsync(User.UserId(), owner, new NewApiToken(Input.Name, Input.Scopes, expires), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            NewToken = result.Value!.Text;
            Input = new ApiTokenForm();
            ModelState.Clear();

            // The answer carries the secret: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            ResultResponses.AddTo(result, ModelState, nameof(Input));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(owner);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, [FromServices] ApiTokenIssuer issuer)
    {
        if (await OwnerIdAsync() is not int owner)
        {
            return NotFound();
        }

        var result = await issuer.RevokeAsync(User.UserId(), owner, tokenId, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["Notice"] = $"The token “{result.Value!.Name}” is revoked: a request that sends it is refused from now on.";
        return RedirectToPage();
    }

    private async Task LoadAsync(int owner)
    {
        Tokens = await tokens.ListAsync(owner, HttpContext.RequestAborted);
        await LoadPageAsync();
    }
}
