using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Webhooks;

/// <summary>Adds or edits a webhook subscription. A new one's secret is shown once, on its page.</summary>
public sealed class EditModel(IWebhookStore store, WebhookSubscriptions subscriptions) : PageModel
{
    [BindProperty]
    public WebhookForm Input { get; set; } = new();

    public bool IsNew { get; private set; } = true;

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not int existing)
        {
            Input.Events = [WebhookEvents.Everything];
            return Page();
        }

        if (await store.GetAsync(existing, HttpContext.RequestAborted) is not { } subscription)
        {
            return NotFound();
        }

        IsNew = false;
        Input = new WebhookForm { Url = subscription.Url, Description = subscription.Description, Events = [.. subscription.Events], Version = subscription.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        IsNew = id is null;
        var input = new WebhookInput(Input.Url, Input.Description, Input.Events);
        if (id is not int existing)
        {
            var created = await subscriptions.CreateAsync(input, HttpContext.RequestAborted);
            if (!created.Succeeded)
            {
                ResultResponses.AddTo(created, ModelState, "Input");
                return Page();
            }

            TempData[ShowModel.SecretKey] = created.Value!.Secret;
            return Redirect($"/admin/webhooks/{created.Value.Subscription.Id}");
        }

        var saved = await subscriptions.UpdateAsync(existing, Input.Version, input, HttpContext.RequestAborted);
        if (saved.Succeeded)
        {
            TempData["Notice"] = "Webhook saved.";
            return Redirect($"/admin/webhooks/{existing}");
        }

        if (!ResultResponses.ShowOnForm(saved, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;
        return Page();
    }

    public sealed class WebhookForm
    {
        public string? Url { get; set; }
        public string? Description { get; set; }
        public List<string> Events { get; set; } = [];
        public int Version { get; set; }
    }
}
