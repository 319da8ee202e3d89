using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Hosting;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Webhook subscriptions under <c>/api/webhooks</c>, for administrators (and tokens with the webhooks scope): the same
/// changes as <c>/admin/webhooks</c>, with the version read on every change (409 when stale).
/// </summary>
public static class WebhookEndpoints
{
    public const int RecentDeliveries = 50;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks")
            .RequireAuthorization(Hosting.Areas.Admin)
            .RequireScope(ApiScopes.ManageWebhooks);
        hooks.MapGet("/", ListAsync)
            .WithSummary("Every subscription with its health: state, why and since when it is paused, failing since, last delivered.")
            .Produces<IReadOnlyList<WebhookDto>>();
        hooks.MapPost("/", CreateAsync)
            .WithSummary("Subscribe a URL (http or https) to events (omit or \"*\" for every event). The answer holds the secret, shown this once.")
            .Produces<WebhookCreatedDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        hooks.MapGet("/{id:int}", GetAsync)
            .WithSummary("One subscription.")
            .Produces<WebhookDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPut("/{id:int}", UpdateAsync)
            .WithSummary("Change URL, description and events; send the version you read. Give state Paused or Active to pause or resume.")
            .Produces<WebhookDto>()
            .ProducesChangeProblems();
        hooks.MapPost("/{id:int}/secret", RotateAsync)
            .WithSummary("Make a new secret (the old one stops signing at once); the answer holds it, shown this once.")
            .Produces<WebhookCreatedDto>()
            .ProducesChangeProblems();
        hooks.MapDelete("/{id:int}", DeleteAsync)
            .WithSummary("Delete the subscription and its deliveries; give the version you read as ?version=.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesChangeProblems();
        hooks.MapGet("/{id:int}/deliveries", DeliveriesAsync)
            .WithSummary("The subscription's latest deliveries, newest first: event, status, attempts, last status code and the start of the answer.")
            .Produces<IReadOnlyList<WebhookDeliveryDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:int}/deliveries/{deliveryId:int}/redeliver", RedeliverAsync)
            .WithSummary("Send a delivered or failed delivery again, with the same event id, now.")
            .Produces<WebhookDeliveryDto>()
            .ProducesChangeProblems();
        hooks.MapPost("/{id:int}/ping", PingAsync)
            .WithSummary("Send a ping event to the subscription now; the answer is the delivery with what the receiver said.")
            .Produces<WebhookDeliveryDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(IWebhookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(WebhookDto.From).ToList());

    private static async Task<IResult> GetAsync(int id, IWebhookStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } subscription ? TypedResults.Ok(WebhookDto.From(subscription)) : Missing(id);

    private static async Task<IResult> CreateAsync(WebhookBody body, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var result = await subscriptions.CreateAsync(body.ToInput(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/webhooks/{result.Value!.Subscription.Id}", WebhookCreatedDto.From(result.Value))
            : ResultResponses.Problem(result);
    }

    private static async Task<IResult> UpdateAsync(int id, WebhookBody body, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var result = await subscriptions.UpdateAsync(id, body.Version, body.ToInput(), cancellationToken);
        if (result.Succeeded && body.State is { } state && state != result.Value!.State)
        {
            result = state == WebhookState.Paused
                ? await subscriptions.PauseAsync(id, result.Value.Version, cancellationToken)
                : await subscriptions.ResumeAsync(id, result.Value.Version, cancellationToken);
        }

        return result.Succeeded ? TypedResults.Ok(WebhookDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> RotateAsync(int id, VersionBody body, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var result = await subscriptions.RotateSecretAsync(id, body.Version, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(WebhookCreatedDto.From(result.Value!)) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> DeleteAsync(int id, int version, WebhookSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var result = await subscriptions.DeleteAsync(id, version, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ResultResponses.Problem(result);
    }

    private static async Task<IResult> DeliveriesAsync(int id, IWebhookStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Missing(id);
        }

        return TypedResults.Ok((await store.ListDeliveriesAsync(id, RecentDeliveries, cancellationToken)).Select(WebhookDeliveryDto.From).ToList());
    }

    private static async Task<IResult> RedeliverAsync(
        int id, int deliveryId, WebhookSubscriptions subscriptions, WebhookSender sender, IWebhookStore store, CancellationToken cancellationToken)
    {
        var result = await subscriptions.RedeliverAsync(id, deliveryId, cancellationToken);
        return result.Succeeded ? await SentAsync(result.Value, sender, store, cancellationToken) : ResultResponses.Problem(result);
    }

    private static async Task<IResult> PingAsync(int id, WebhookSubscriptions subscriptions, WebhookSender sender, IWebhookStore store, CancellationToken cancellationToken)
    {
        var result = await subscriptions.PingAsync(id, cancellationToken);
        return result.Succeeded ? await SentAsync(result.Value, sender, store, cancellationToken) : ResultResponses.Problem(result);
    }

    /// <summary>Sends the delivery now and answers with it as it stands (still pending when the job took it first).</summary>
    private static async Task<IResult> SentAsync(int deliveryId, WebhookSender sender, IWebhookStore store, CancellationToken cancellationToken)
    {
        var delivery = await sender.SendNowAsync(deliveryId, cancellationToken) ?? await store.GetDeliveryAsync(deliveryId, cancellationToken);
        return TypedResults.Ok(WebhookDeliveryDto.From(delivery!));
    }

    private static IResult Missing(int id) => ResultResponses.Problem(Result<WebhookSubscription>.NotFound($"There is no webhook {id}."));
}

/// <param name="Events">Event types, or omitted / ["*"] for every event.</param>
/// <param name="Version">The version read; needed to change, ignored on creation.</param>
/// <param name="State">On a change: Paused to pause, Active to resume; omitted leaves it.</param>
public sealed record WebhookBody(string? Url, string? Description, IReadOnlyList<string>? Events, int Version = 0, WebhookState? State = null)
{
    public WebhookInput ToInput() => new(Url, Description, Events ?? []);
}

public sealed record VersionBody(int Version);

public sealed record WebhookDto(
    int Id, string Url, string Description, IReadOnlyList<string> Events, WebhookState State, string? PausedReason, DateTime? PausedUtc,
    DateTime? FailingSinceUtc, DateTime? LastDeliveredUtc, DateTime CreatedUtc, int Version)
{
    public static WebhookDto From(WebhookSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Url, s.Description, s.Events, s.State, s.PausedReason, s.PausedUtc, s.FailingSinceUtc, s.LastDeliveredUtc, s.CreatedUtc, s.Version);
    }
}

/// <param name="Secret">The signing secret in clear: shown only in this answer.</param>
public sealed record WebhookCreatedDto(WebhookDto Webhook, string Secret)
{
    public static WebhookCreatedDto From(WebhookWithSecret made)
    {
        ArgumentNullException.ThrowIfNull(made);
        return new(WebhookDto.From(made.Subscription), made.Secret);
    }
}

public sealed record WebhookDeliveryDto(
    int Id, Guid EventId, string EventType, string? Ticket, WebhookDeliveryStatus Status, int Attempts, DateTime CreatedUtc,
    DateTime? NextAttemptUtc, DateTime? LastAttemptUtc, DateTime? DeliveredUtc, int? LastStatusCode, string? LastResponse)
{
    public static WebhookDeliveryDto From(WebhookDelivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.EventId, d.EventType, d.TicketId is int t ? Core.Tickets.TicketNumber.Format(t) : null, d.Status, d.Attempts, d.CreatedUtc,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptUtc : null, d.LastAttemptUtc, d.DeliveredUtc, d.LastStatusCode, d.LastResponse);
    }
}
