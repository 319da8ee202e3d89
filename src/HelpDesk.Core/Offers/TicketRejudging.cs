using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>
/// Judges a ticket again with its facts as they stand, through the same use case that judges a corrected ticket:
/// against the scope and contracts in force when it was filed, with the contract's allowance as it is now, so a
/// ticket that had used up its incidents is Entitled once a pack is bought for its contract.
/// </summary>
public sealed class TicketRejudging(ClassifyTicket classify) : ITicketRejudging
{
    public async Task RejudgeAsync(int ticketId, int? actorId, string why, CancellationToken cancellationToken = default)
    {
        var judged = await classify.HandleAsync(
            new ClassifyTicketRequest { Actor = new TicketActor(actorId, ActorKind.System), TicketId = ticketId, Rejudge = why },
            cancellationToken);
        if (!judged.Succeeded)
        {
            throw new InvalidOperationException($"Ticket {TicketNumber.Format(ticketId)} could not be judged again: {string.Join(" ", judged.Errors.Select(e => e.Message))}");
        }
    }
}
