using System.Security.Cryptography;
using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HelpDesk.Web.Api;

/// <summary>
/// <c>POST /api/inbound/email</c>: a mail provider pushes one raw message (<c>message/rfc822</c>) and it goes through
/// the same intake as a polled mailbox. The caller is the provider, not a person: it proves itself with the ingress
/// key, never with a sign-in cookie.
/// </summary>
public static class InboundMailEndpoints
{
    public const string ContentType = "message/rfc822";

    public static IEndpointRouteBuilder MapInboundMailEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/inbound/email", ReceiveAsync)
            .WithTags("Inbound mail")
            .WithSummary("A mail provider delivers one raw message (Content-Type: message/rfc822) with the ingress key as a Bearer token or X-Api-Key. 200 with what became of it; 202 when it could not be read and was quarantined.")
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(MailHosting.IngressRateLimit)
            .Produces<InboundMailResponse>()
            .Produces<InboundMailResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, MailIngress ingress, MailSettings settings, IEmailIntake intake)
    {
        if (ingress.ApiKey is not { } expected)
        {
            return TypedResults.Problem(
                "Inbound mail is not configured: set Mail:IngressApiKey to accept pushed mail.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "inbound mail is not configured");
        }

        if (!KeyMatches(PresentedKey(context.Request), expected))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                "Send the mail-ingress key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The ingress key is missing or wrong");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                $"Send the raw message as the body with Content-Type: {ContentType}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Not a message");
        }

        var raw = await ReadLimitedAsync(context, settings.MaxMessageBytes);
        if (raw is null)
        {
            return TypedResults.Problem(
                $"A message may be at most {settings.MaxMessageBytes} bytes (Mail:MaxMessageBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Message too large");
        }

        var outcome = await intake.ReceiveAsync(raw, "api", context.RequestAborted);
        var body = new InboundMailResponse(
            outcome.Result.ToString(),
            outcome.TicketId is int id ? TicketNumber.Format(id) : null,
            outcome.InboundId,
            outcome.Reason);
        return outcome.Failed ? TypedResults.Json(body, statusCode: StatusCodes.Status202Accepted) : TypedResults.Ok(body);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers.TryGetValue("X-Api-Key", out var key) ? key.ToString().Trim() : null;
    }

    /// <summary>Compares hashes in fixed time, so neither the key's content nor its length shows in how long a wrong guess takes.</summary>
    private static bool KeyMatches(string? presented, string expected) =>
        presented is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>; stops reading as soon as it is.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // The server's own request limit would otherwise answer first, with a bare 413 and no words.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = (long)limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body (no Content-Length) runs into the server's limit set above while it is read.
            return null;
        }

        return buffer.ToArray();
    }
}

/// <param name="Result">Ticket, Reply, Bounce, Held, Quarantined or Duplicate.</param>
/// <param name="Ticket">The ticket made, joined or concerned, as HD-12; null when none.</param>
/// <param name="InboundId">The stored record of the message.</param>
/// <param name="Reason">What happened, in words.</param>
public sealed record InboundMailResponse(string Result, string? Ticket, int? InboundId, string Reason);
