using HelpDesk.Core.Common;
using HelpDesk.Core.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Webhooks;

/// <summary>
/// One webhook: its health, its recent deliveries with what each receiver answered, and the admin's buttons: test ping,
/// redeliver, pause or resume, rotate the secret, delete. A new secret is shown once, right after it is made.
/// </summary>
public sealed class ShowModel(IWebhookStore store) : PageModel
{
    public const string SecretKey = "WebhookSecret";
    public const int RecentDeliveries = 50;

    public WebhookSubscription Subscription { get; private set; } = new() { Url = "" };

    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];

    public string? Secret { get; private set; }

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Secret = TempData[SecretKey] as string;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPingAsync(int id, [FromServices] WebhookSubscriptions subscriptions, [FromServices] WebhookSender sender)
    {
        var queued = await subscriptions.PingAsync(id, HttpContext.RequestAborted);
        if (!queued.Succeeded)
        {
            return NotFound();
        }

        var sent = await sender.SendNowAsync(queued.Value, HttpContext.RequestAborted);
        TempData["Notice"] = sent is { Status: WebhookDeliveryStatus.Delivered }
            ? $"Ping delivered: the receiver answered {sent.LastStatusCode}."
            : $"Ping not delivered: {Answer(sent)} It is tried again with the usual backoff.";
        return Redirect($"/admin/webhooks/{id}");
    }

    public async Task<IActionResult> OnPostRedeliverAsync(int id, int deliveryId, [FromServices] WebhookSubscriptions subscriptions, [FromServices] WebhookSender sender)
    {
        var queued = await subscriptions.RedeliverAsync(id, deliveryId, HttpContext.RequestAborted);
        if (queued.Failure == Failure.NotFound)
        {
            return NotFound();
        }

        if (!queued.Succeeded)
        {
            TempData["Notice"] = queued.Errors[0].Message;
            return Redirect($"/admin/webhooks/{id}");
        }

        var sent = await sender.SendNowAsync(deliveryId, HttpContext.RequestAborted);
        TempData["Notice"] = sent is { Status: WebhookDeliveryStatus.Delivered }
            ? $"Delivered again: the receiver answered {sent.LastStatusCode}."
            : $"Not delivered: {Answer(sent)} It is tried again with the usual backoff.";
        return Redirect($"/admin/webhooks/{id}");
    }

    public Task<IActionResult> OnPostPauseAsync(int id, int version, [FromServices] WebhookSubscriptions subscriptions) =>
        ChangeAsync(id, subscriptions.PauseAsync(id, version, HttpContext.RequestAborted), "Webhook paused: events are kept and sent when it is resumed.");

    public Task<IActionResult> OnPostResumeAsync(int id, int version, [FromServices] WebhookSubscriptions subscriptions) =>
        ChangeAsync(id, subscriptions.ResumeAsync(id, version, HttpContext.RequestAborted), "Webhook resumed: the events kept meanwhile are sent within a minute.");

    public async Task<IActionResult> OnPostRotateAsync(int id, int version, [FromServices] WebhookSubscriptions subscriptions)
    {
        var rotated = await subscriptions.RotateSecretAsync(id, version, HttpContext.RequestAborted);
        if (rotated.Succeeded)
        {
            TempData[SecretKey] = rotated.Value!.Secret;
            TempData["Notice"] = "The old secret no longer signs; give the receiver the new one.";
            return Redirect($"/admin/webhooks/{id}");
        }

        return rotated.Failure == Failure.NotFound ? NotFound() : await StaleAsync(id, rotated.Errors[0].Message);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int version, [FromServices] WebhookSubscriptions subscriptions)
    {
        var deleted = await subscriptions.DeleteAsync(id, version, HttpContext.RequestAborted);
        if (deleted.Succeeded)
        {
            TempData["Notice"] = "Webhook deleted with its deliveries.";
            return RedirectToPage("Index");
        }

        return deleted.Failure == Failure.NotFound ? NotFound() : await StaleAsync(id, deleted.Errors[0].Message);
    }

    private async Task<IActionResult> ChangeAsync(int id, Task<Result<WebhookSubscription>> change, string notice)
    {
        var result = await change;
        if (result.Succeeded)
        {
            TempData["Notice"] = notice;
            return Redirect($"/admin/webhooks/{id}");
        }

        return result.Failure == Failure.NotFound ? NotFound() : await StaleAsync(id, result.Errors[0].Message);
    }

    private async Task<IActionResult> StaleAsync(int id, string message)
    {
        StaleMessage = message;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await store.GetAsync(id, HttpContext.RequestAborted) is not { } subscription)
        {
            return false;
        }

        Subscription = subscription;
        Deliveries = await store.ListDeliveriesAsync(id, RecentDeliveries, HttpContext.RequestAborted);
        return true;
    }

    private static string Answer(WebhookDelivery? delivery) => delivery switch
    {
        null => "another sender has it.",
        { LastStatusCode: int code } => $"the receiver answered {code}.",
        _ => (delivery.LastResponse ?? "no answer") + ".",
    };
}
