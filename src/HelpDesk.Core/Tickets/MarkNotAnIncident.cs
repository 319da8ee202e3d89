using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

public sealed record MarkNotAnIncidentRequest(TicketActor Actor, int TicketId, string? Reason, int? ExpectedVersion);

/// <summary>
/// Staff say a ticket is not an incident (a how-to question answered in a minute, a report of our own outage), with a
/// reason: the incident it used is given back to its contract, and it never takes one again, whatever a later
/// classification judges. The audit trail and the contract's usage both say so.
/// </summary>
public sealed class MarkNotAnIncident(ITicketStore tickets, TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result<Ticket>> HandleAsync(MarkNotAnIncidentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var reason = TicketRules.Clean(request.Reason);
        if (reason is null)
        {
            return Result<Ticket>.Invalid("reason", "Say why this is not an incident; the customer's account team reads it beside the contract's usage.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            return Result<Ticket>.Invalid("reason", $"Keep the reason under {ReasonMaxLength:N0} characters.");
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

        if (ticket.NotAnIncidentReason is { } already)
        {
            return Result<Ticket>.Invalid("reason", $"{ticket.Number} is already marked not an incident: {already}");
        }

        var now = clock.UtcNow();
        var changes = new List<AuditChange> { new("not an incident", null, reason) };
        IncidentMove? incident = null;
        if (ticket.IncidentContractId is int contractId)
        {
            incident = IncidentMove.GiveBack($"not an incident: {reason}");
            changes.Add(new("incident", Contracts.Contract.FormatNumber(contractId), $"given back: {incident.GiveBackReason}"));
        }

        return await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(ticket with { NotAnIncidentReason = reason, UpdatedUtc = now }, request.Actor.UserId, changes, now) { Incident = incident },
            ct);
    }
}
