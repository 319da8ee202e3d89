using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapAttachments(RouteGroupBuilder tickets)
    {
        var policy = ((IEndpointRouteBuilder)tickets).ServiceProvider.GetRequiredService<AttachmentPolicy>();
        var limit = FormFiles.MaxRequestBytes(policy);

        // Anti-forgery is checked in the handler, for cookie sign-ins only: a bearer token is not sent by a browser on
        // its own, so a script with one has no token to send and needs none.
        tickets.MapPost("/{number}/attachments", UploadAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .WithFormOptions(multipartBodyLengthLimit: limit)
            .WithSummary("Attach files (multipart/form-data: one or more files, and an optional body): a reply that carries them.")
            .Produces<IReadOnlyList<AttachmentDto>>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tickets.MapGet("/{number}/attachments/{attachmentId:int}", DownloadAsync)
            .RequireScope(ApiScopes.ReadTickets)
            .WithSummary("Download an attached file, always as a download, with its stored content type.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync(
        string number,
        IFormFileCollection files,
        [FromForm] string? body,
        HttpContext context,
        CurrentActor actors,
        IAntiforgery antiforgery,
        AttachmentPolicy policy,
        ReplyToTicket reply,
        TicketViews views)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        if (!HasBearerToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            return MalformedInput([new FieldError("__RequestVerificationToken", "The form's anti-forgery token is missing or expired; reload the page and attach the files again.")]);
        }

        var errors = new List<FieldError>();
        if (files.Count == 0)
        {
            errors.Add(new("files", "Attach at least one file."));
        }

        if (FormFiles.TooMany(files) is { } tooMany)
        {
            errors.Add(tooMany with { Field = "files" });
        }

        var checks = files.Select(file => (File: file, Check: policy.Check(file.FileName, file.Length))).ToList();
        errors.AddRange(checks.Where(c => !c.Check.IsAccepted).Select(c => new FieldError("files", c.Check.Reason!)));
        if (errors.Count > 0)
        {
            return ResultResponses.Problem(Result<Ticket>.Invalid(errors));
        }

        var attachments = await FormFiles.ReadAsync(files, policy, context.RequestAborted);

        var text = string.IsNullOrWhiteSpace(body) ? "Attached " + string.Join(", ", attachments.Select(a => a.FileName)) + "." : body;
        var result = await reply.HandleAsync(
            new ReplyToTicketRequest { Actor = actor, TicketId = id, Body = text, Attachments = attachments },
            context.RequestAborted);
        if (!result.Succeeded)
        {
            return ResultResponses.Problem(result);
        }

        var view = await views.LoadAsync(id, actor, context.RequestAborted);
        var message = view?.Messages.LastOrDefault(m => m.AuthorId == actor.UserId && m.Kind == MessageKind.Reply);
        IReadOnlyList<AttachmentDto> added = view is null || message is null ? [] : [.. view.AttachmentsOf(message).Select(AttachmentDto.From)];
        return TypedResults.Created(Location(id), added);
    }

    private static async Task<IResult> DownloadAsync(
        string number,
        int attachmentId,
        HttpContext context,
        CurrentActor actors,
        ITicketStore tickets,
        IAttachmentStore attachments)
    {
        var start = await BeginAsync(number, context, actors);
        if (start.Call is not (var id, var actor))
        {
            return start.Problem;
        }

        var ticket = await tickets.GetAsync(id, actor.Scope, context.RequestAborted);
        var file = ticket is null ? null : await attachments.GetAsync(attachmentId, context.RequestAborted);
        if (ticket is null || file is null || file.TicketId != ticket.Id)
        {
            return NoSuchAttachment(id);
        }

        // The message list in the customer's scope leaves out internal notes, and with them their files.
        if (actor.IsCustomer)
        {
            var messages = await tickets.ListMessagesAsync(id, actor.Scope, context.RequestAborted);
            if (!messages.Any(m => m.Id == file.MessageId))
            {
                return NoSuchAttachment(id);
            }
        }

        var content = await attachments.OpenContentAsync(file.Sha256, context.RequestAborted);
        if (content is null)
        {
            return NoSuchAttachment(id);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(content, file.ContentType, fileDownloadName: file.FileName);
    }

    private static bool HasBearerToken(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static IResult NoSuchAttachment(int ticketId) =>
        ResultResponses.Problem(Result<Ticket>.NotFound($"There is no such attachment on {TicketNumber.Format(ticketId)}."));
}
