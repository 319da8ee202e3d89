using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

public sealed record ReplyToTicketRequest
{
    public required TicketActor Actor { get; init; }
    public required int TicketId { get; init; }
    public string? Body { get; init; }

    /// <summary>A public reply, or (staff only) an internal note.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Reply;

    /// <summary>Staff may set a status with the reply (for example Pending customer).</summary>
    public TicketStatus? Status { get; init; }

    /// <summary>
    /// The version the writer read; when given and stale, nothing is saved. Without it the message is an append: it
    /// is added whatever changed meanwhile. A status set with the message is a change to the ticket, which the pages
    /// and the API make only with the version the writer read.
    /// </summary>
    public int? ExpectedVersion { get; init; }

    public IReadOnlyList<NewAttachment> Attachments { get; init; } = [];

    /// <summary>The body as HTML from elsewhere (mail), already made safe. <see cref="Body"/> is its text.</summary>
    public SanitizedHtml? BodyHtml { get; init; }

    /// <summary>The received message the reply comes from (see <see cref="NewTicket.Received"/>).</summary>
    public ReceivedMail? Received { get; init; }

    /// <summary>Lines for the audit trail after the reply's (for example an attachment dropped from a mail).</summary>
    public IReadOnlyList<AuditChange> Notes { get; init; } = [];

    /// <summary>
    /// The key the sender gave the request: a repeat under it answers with the ticket as it is and adds nothing
    /// (see <see cref="RequestKeys"/>).
    /// </summary>
    public RequestKey? Key { get; init; }
}

/// <summary>
/// Adds a public reply or an internal note. A customer's reply reopens a resolved ticket and mails the assignee;
/// an engineer's reply is the first response if none was given yet (recording whether it met its SLA), and mails the
/// requester. Notes mail no one. A status set with the reply moves the SLA clock as <see cref="ChangeTicketStatus"/> does.
/// A message without an expected version is added to the ticket as it is when it is saved: a save that lost a race
/// with another change (the SLA monitor marking the ticket at risk, a colleague's note) is worked out again on the
/// ticket as it now stands, instead of telling the writer that someone else changed it. A request sent again under its
/// key adds nothing and answers with the ticket.
/// </summary>
public sealed class ReplyToTicket(
    ITicketStore tickets,
    IPeopleDirectory people,
    AttachmentPolicy attachments,
    TimeProvider clock,
    ISlaCalendarSource? calendars = null,
    PullFromQueues? pull = null,
    IRequestKeyStore? keys = null)
{
    /// <summary>How many times an append is worked out again after losing a race, before the writer is told.</summary>
    private const int AppendAttempts = 5;

    public async Task<Result<Ticket>> HandleAsync(ReplyToTicketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        TicketRules.Body(errors, request.Body);
        TicketRules.Attachments(errors, request.Attachments, attachments);
        if (request.Kind == MessageKind.Note && request.Actor.IsCustomer)
        {
            errors.Add(new("kind", "Only staff can add internal notes."));
        }

        if (request.Status is not null && request.Actor.IsCustomer)
        {
            errors.Add(new("status", "A reply cannot set the status; reply, and the ticket reopens if it was resolved."));
        }

        RequestKeys.Validate(errors, request.Key);
        if (errors.Count > 0)
        {
            return Result<Ticket>.Invalid(errors);
        }

        var keyed = Keyed(request);
        if (await RepeatAsync(keyed, request, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var result = await AddAsync(request, keyed, cancellationToken);
                if (result.Failure != Failure.Conflict || request.ExpectedVersion is not null || attempt == AppendAttempts)
                {
                    return result;
                }
            }
        }
        catch (DuplicateRequestKeyException)
        {
            // The same request under the same key, sent at the same moment, won: answer with what it made.
            return await RepeatAsync(keyed, request, cancellationToken) ?? throw new InvalidOperationException("A request key was reported used, but it is not stored.");
        }
    }

    private static NewKeyedRequest? Keyed(ReplyToTicketRequest request) => request.Key is not { } key
        ? null
        : new NewKeyedRequest(key, RequestKeys.Fingerprint(
            "message",
            new
            {
                request.TicketId,
                request.Body,
                Kind = request.Kind.ToString(),
                Status = request.Status?.ToString(),
                request.ExpectedVersion,
            },
            request.Attachments));

    private async Task<Result<Ticket>?> RepeatAsync(NewKeyedRequest? keyed, ReplyToTicketRequest request, CancellationToken cancellationToken) =>
        keyed is null || keys is null
            ? null
            : await RequestKeys.RepeatAsync(keys, tickets, keyed, request.Actor.Scope, cancellationToken);

    private async Task<Result<Ticket>> AddAsync(ReplyToTicketRequest request, NewKeyedRequest? keyed, CancellationToken cancellationToken)
    {
        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }

        if (ticket.Status == TicketStatus.Closed)
        {
            return Result<Ticket>.Invalid("body", $"{ticket.Number} is closed. File a new ticket and mention {ticket.Number} in it.");
        }

        var now = clock.UtcNow();
        var actorKind = request.Actor.Kind;
        var target = request.Kind == MessageKind.Note
            ? request.Status ?? ticket.Status
            : request.Status ?? TicketWorkflow.AfterReply(ticket.Status, actorKind);
        // Only a status the writer chose is judged: the move a reply makes by itself (a customer's reply reopening a
        // resolved ticket) is the workflow's own rule, and a customer may not choose that move directly.
        if (request.Status is TicketStatus chosen && chosen != ticket.Status)
        {
            var decision = TicketWorkflow.Decide(ticket.Status, target, actorKind);
            if (!decision.Allowed)
            {
                return Result<Ticket>.Invalid("status", decision.Reason);
            }
        }

        var changes = new List<AuditChange> { new(request.Kind == MessageKind.Note ? "note" : "reply", null, Preview(request.Body!)) };
        var changed = ticket with { UpdatedUtc = now };
        if (target != ticket.Status)
        {
            (changed, var moves) = await TicketChanges.MoveAsync(changed, target, now, calendars, cancellationToken);
            changes.AddRange(moves);
        }

        var isFirstResponse = request.Kind == MessageKind.Reply && actorKind == ActorKind.Staff && ticket.FirstResponseUtc is null;
        if (isFirstResponse)
        {
            changed = SlaClock.RecordFirstResponse(changed, now);
        }

        changes.AddRange(request.Notes);
        var body = request.BodyHtml is null ? MessageBody.FromPlainText(request.Body!) : MessageBody.FromHtml(request.BodyHtml, request.Body!);
        var mail = request.Kind == MessageKind.Reply ? await NotifyAsync(changed, request.Actor, body, cancellationToken) : [];
        var saved = await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(changed, request.Actor.UserId, changes, now)
            {
                Message = new NewMessage(request.Actor.UserId, request.Kind, body),
                Attachments = request.Attachments,
                Mail = mail,
                Received = request.Received,
                Key = keyed,
            },
            cancellationToken);
        if (saved.Succeeded && pull is not null && TicketChanges.FreesCapacity(ticket, changed))
        {
            await pull.FillAsync(ticket.AssigneeId!.Value, cancellationToken);
        }

        return saved;
    }

    private async Task<IReadOnlyList<OutboundMail>> NotifyAsync(Ticket ticket, TicketActor actor, MessageBody body, CancellationToken cancellationToken)
    {
        var author = actor.UserId is int authorId ? await people.FindAsync(authorId, cancellationToken) : null;
        if (author is null)
        {
            return [];
        }

        if (actor.IsCustomer)
        {
            var assignee = ticket.AssigneeId is int assigneeId ? await people.FindAsync(assigneeId, cancellationToken) : null;
            return assignee is null ? [] : [TicketMail.CustomerReplied(ticket, assignee, author, body)];
        }

        var requester = await people.FindAsync(ticket.RequesterId, cancellationToken);
        return requester is null ? [] : [TicketMail.EngineerReplied(ticket, requester, author, body)];
    }

    private static string Preview(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 117), "...");
    }
}
