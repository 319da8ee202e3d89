using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Routing;

/// <summary>
/// What escalation, hand-back and reassignment share: staff only, a reason where one is needed, an open ticket at the
/// version the writer read, and a save that records the decision in the audit trail and lets the engineer who lost
/// the ticket pull another one.
/// </summary>
public sealed class Rerouting(
    ITicketStore tickets,
    IRoutingStore routing,
    IOrganisationStore organisations,
    IPeopleDirectory people,
    RoutingSettings settings,
    PullFromQueues pull,
    TimeProvider clock)
{
    public RoutingSettings Settings => settings;

    public DateTime UtcNow() => clock.UtcNow();

    /// <summary>
    /// The ticket, if the reason is acceptable (required when <paramref name="missingReason"/> says what to write),
    /// the actor is staff, the ticket exists, it is the version they read and it is still open.
    /// </summary>
    public async Task<Result<Ticket>> LoadOpenAsync(TicketActor actor, int ticketId, int? expectedVersion, string doing, string? reason, string? missingReason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason) && missingReason is not null)
        {
            return Result<Ticket>.Invalid("reason", missingReason);
        }

        if (reason is not null && reason.Trim().Length > TicketRules.NoteMaxLength)
        {
            return Result<Ticket>.Invalid("reason", $"Keep the reason under {TicketRules.NoteMaxLength} characters; add the detail as an internal note.");
        }

        if (actor.Kind == ActorKind.Customer)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(ticketId)}.");
        }

        var loaded = await TicketChanges.LoadAsync(tickets, ticketId, actor, ct);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, expectedVersion) is { } stale)
        {
            return stale;
        }

        return TicketWorkflow.IsOpen(ticket.Status)
            ? loaded
            : Result<Ticket>.Invalid("status", $"{ticket.Number} is {TicketWorkflow.Describe(ticket.Status)}; reopen it before {doing} it.");
    }

    /// <summary>What the ticket asks of an engineer, leaving out everyone who gave it up before and <paramref name="givingUp"/> now.</summary>
    public async Task<RoutingRequest> RequestAsync(Ticket ticket, IReadOnlyList<GivenUp> givingUp, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var organisation = await organisations.GetAsync(ticket.OrganisationId, ct);
        var givenUp = await routing.ListGivenUpAsync(ticket.Id, ct);
        return RoutingRequests.For(ticket, organisation?.Segment ?? CustomerSegment.Standard, nowUtc) with { GivenUpBy = [.. givenUp, .. givingUp] };
    }

    /// <summary>The engineers with their loads, the ticket no longer counting towards its current assignee's.</summary>
    public async Task<IReadOnlyList<EngineerLoad>> CandidatesAsync(Ticket ticket, CancellationToken ct) =>
        TicketRouting.WithoutTicket(await routing.LoadCandidatesAsync(ct), ticket);

    /// <summary>
    /// Saves the re-routed ticket with the reason, the assignee and queue changes and the router's summary in the
    /// audit trail, and who gave it up with it; then the engineer who lost it, now with room, pulls the next ticket
    /// (never this one).
    /// </summary>
    public async Task<Result<Ticket>> SaveAsync(
        Ticket before, Ticket after, TicketActor actor, IReadOnlyList<AuditChange> reasons, IReadOnlyList<GivenUp> givingUp, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(actor);
        var changes = new List<AuditChange>(reasons);
        if (before.AssigneeId != after.AssigneeId)
        {
            changes.Add(new("assignee", await NameAsync(before.AssigneeId, ct), await NameAsync(after.AssigneeId, ct)));
        }

        if (before.Queue != after.Queue)
        {
            changes.Add(new("queue", before.Queue, after.Queue));
        }

        if (after.Routing is { } decision)
        {
            changes.Add(new(TicketRouting.AuditField, null, decision.Summary));
        }

        var saved = await TicketChanges.SaveAsync(tickets, new TicketUpdate(after with { UpdatedUtc = nowUtc }, actor.UserId, changes, nowUtc) { GivenUp = givingUp }, ct);
        if (saved.Succeeded && before.AssigneeId is int previous && previous != after.AssigneeId)
        {
            await pull.FillAsync(previous, [before.Id], ct);
        }

        return saved;
    }

    private async Task<string?> NameAsync(int? userId, CancellationToken ct) =>
        userId is int id ? (await people.FindAsync(id, ct))?.Name ?? $"user {id}" : null;
}
