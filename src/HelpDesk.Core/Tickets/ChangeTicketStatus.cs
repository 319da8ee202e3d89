using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

public sealed record ChangeTicketStatusRequest(TicketActor Actor, int TicketId, TicketStatus Status, int? ExpectedVersion);

/// <summary>
/// Moves a ticket to another status if the workflow allows it; the requester hears about resolution. Waiting on the
/// customer stops the SLA clock and leaving that status starts it again. Resolving or closing an assigned ticket
/// gives the engineer room, and they pull the next waiting ticket at once.
/// </summary>
/// <param name="calendars">The contracts' support calendars, to move due times after a wait; without it every minute of a wait counts.</param>
/// <param name="pull">Without it, freed capacity is filled by the recurring pull instead.</param>
/// <param name="nps">
/// The contacts' NPS asks: a resolution mail to a customer contact who is due asks the question, and the ask is saved
/// with the resolution. Without it the mail never asks (the demo's history is written so, leaving its customers due).
/// </param>
/// <param name="ratings">Signs the one-click rating links of a resolution mail to a customer; without it the mail points to the portal.</param>
public sealed class ChangeTicketStatus(
    ITicketStore tickets,
    IPeopleDirectory people,
    TimeProvider clock,
    PublicSite site,
    ISlaCalendarSource? calendars = null,
    PullFromQueues? pull = null,
    INpsStore? nps = null,
    IRatingTokens? ratings = null)
{
    public async Task<Result<Ticket>> HandleAsync(ChangeTicketStatusRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
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

        var decision = TicketWorkflow.Decide(ticket.Status, request.Status, request.Actor.Kind);
        if (!decision.Allowed)
        {
            return Result<Ticket>.Invalid("status", decision.Reason);
        }

        var now = clock.UtcNow();
        var (changed, changes) = await TicketChanges.MoveAsync(ticket with { UpdatedUtc = now }, request.Status, now, calendars, cancellationToken);
        var requester = await people.FindAsync(ticket.RequesterId, cancellationToken);
        var notify = requester is not null && request.Status == TicketStatus.Resolved && request.Actor.Kind != ActorKind.Customer;
        var askNps = notify && nps is not null && !requester!.IsStaff && requester.OrganisationId is not null
            && NpsSurvey.Decide(await nps.GetContactAsync(requester.Id, cancellationToken), now).IsDue;
        var saved = await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(changed, request.Actor.UserId, changes, now)
            {
                Mail = notify ? [TicketMail.StatusChanged(changed, requester!, site, askNps, RatingLinks(changed, requester!))] : [],
                NpsAsk = askNps ? new NewNpsAsk(requester!.Id, NpsChannels.Mail, changed.Id, now) : null,
            },
            cancellationToken);
        if (saved.Succeeded && pull is not null && TicketChanges.FreesCapacity(ticket, changed))
        {
            await pull.FillAsync(ticket.AssigneeId!.Value, cancellationToken);
        }

        return saved;
    }

    /// <summary>The one-click links rating this resolution 1 to 5, for a customer who asked; none for staff.</summary>
    private List<string>? RatingLinks(Ticket resolved, Person requester) =>
        ratings is null || requester.IsStaff || requester.Id != resolved.RequesterId
            ? null
            : [.. Enumerable.Range(RatingScale.Min, RatingScale.Count)
                .Select(score => site.Link($"/rate/{ratings.Issue(new RatingGrant(resolved.Id, resolved.Resolutions, requester.Id, score))}"))];
}
