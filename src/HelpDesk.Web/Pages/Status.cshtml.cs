using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

/// <summary>Renders the body of an error status (403, 404, …) for pages; the status code itself is kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            StatusCodes.Status403Forbidden => ("Not for your role", "You are signed in, but this page belongs to another role's area. The menu shows what you can use."),
            StatusCodes.Status404NotFound => ("Not found", "There is no such page, or it is not yours to see."),
            StatusCodes.Status413PayloadTooLarge => ("Too large", "What you sent is larger than this page accepts. Go back and choose a smaller file; the page says its limit."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", "Wait a minute and try again."),
            _ => ($"Error {code}", "The request could not be completed."),
        };

        // A direct visit to /status/403 is not itself an error.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status200OK;
        }
    }
}
