using HelpDesk.Core.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Webhooks;

/// <summary>The webhook subscriptions with their health.</summary>
public sealed class IndexModel(IWebhookStore store) : PageModel
{
    public IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];

    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task OnGetAsync() => Subscriptions = await store.ListAsync(HttpContext.RequestAborted);
}
