using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

/// <param name="Original">The number of the ticket this one duplicates, as HD-42 or 42.</param>
/// <param name="Note">Optional words for the requester, added to the message that closes the ticket.</param>
public sealed record MarkDuplicateRequest(TicketActor Actor, int TicketId, string? Original, string? Note, int? ExpectedVersion);

/// <summary>
/// Staff close a ticket as a duplicate of an open ticket of the same organisation: the ticket links to its original
/// and the original's audit trail names the duplicate (so each page links to the other), the requester gets a
/// message and a mail saying where the work carries on, and the incident the duplicate used is given back, since the
/// original is the incident.
/// </summary>
public sealed class MarkDuplicate(ITicketStore tickets, IPeopleDirectory people, ISlaCalendarSource calendars, PullFromQueues pull, TimeProvider clock)
{
    public async Task<Result<Ticket>> HandleAsync(MarkDuplicateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var note = TicketRules.Clean(request.Note);
        if (note is { Length: > TicketRules.NoteMaxLength })
        {
            return Result<Ticket>.Invalid("note", $"Keep the note under {TicketRules.NoteMaxLength} characters.");
        }

        if (!TicketNumber.TryParse(request.Original, out var originalId))
        {
            return Result<Ticket>.Invalid("original", "Give the number of the ticket this one duplicates, as HD-42 or 42.");
        }

        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, ct);
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
            return Result<Ticket>.Invalid("status", $"{ticket.Number} is already closed.");
        }

        var original = originalId == ticket.Id ? null : await tickets.GetAsync(originalId, TicketScope.Staff, ct);
        if (Refusal(ticket, original, originalId) is { } refused)
        {
            return Result<Ticket>.Invalid("original", refused);
        }

        var now = clock.UtcNow();
        var (closed, changes) = await TicketChanges.MoveAsync(ticket with { DuplicateOfId = original!.Id, UpdatedUtc = now }, TicketStatus.Closed, now, calendars, ct);
        changes.Insert(0, new("duplicate of", null, original.Number));
        IncidentMove? incident = null;
        if (ticket.IncidentContractId is int contractId)
        {
            incident = IncidentMove.GiveBack($"merged as a duplicate of {original.Number}");
            changes.Add(new("incident", Contracts.Contract.FormatNumber(contractId), $"given back: {incident.GiveBackReason}"));
        }

        var text = $"This request is the same as {original.Number} \"{original.Subject}\", so it is closed here and the work carries on in {original.Number}.";
        var requester = await people.FindAsync(ticket.RequesterId, ct);
        var saved = await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(closed, request.Actor.UserId, changes, now)
            {
                Message = new NewMessage(request.Actor.UserId, MessageKind.Reply, MessageBody.FromPlainText(note is null ? text : $"{text}\n\n{note}")),
                Mail = requester is null ? [] : [TicketMail.ClosedAsDuplicate(closed, original, requester)],
                Incident = incident,
                Related = [new RelatedAudit(original.Id, new AuditChange("duplicate", null, $"{ticket.Number} was closed as a duplicate of this ticket"))],
            },
            ct);
        if (saved.Succeeded && TicketChanges.FreesCapacity(ticket, closed))
        {
            await pull.FillAsync(ticket.AssigneeId!.Value, ct);
        }

        return saved;
    }

    private static string? Refusal(Ticket ticket, Ticket? original, int originalId) => original switch
    {
        _ when originalId == ticket.Id => "A ticket cannot be a duplicate of itself; give the number of the other ticket.",
        null => $"There is no ticket {TicketNumber.Format(originalId)}.",
        { OrganisationId: var organisation } when organisation != ticket.OrganisationId =>
            $"{original.Number} is another organisation's ticket; a duplicate must ask the same customer's question.",
        { DuplicateOfId: int further } => $"{original.Number} is itself a duplicate of {TicketNumber.Format(further)}; mark this one a duplicate of {TicketNumber.Format(further)}.",
        { Status: TicketStatus.Closed } => $"{original.Number} is closed, so the work cannot carry on there.",
        _ => null,
    };
}
