namespace HelpDesk.Core.Offers;

/// <summary>
/// Judges a ticket's entitlement again after something it rests on changed (an incident pack raised its contract's
/// allowance), recording the new verdict with <paramref name="why"/> in its audit trail.
/// </summary>
public interface ITicketRejudging
{
    Task RejudgeAsync(int ticketId, int? actorId, string why, CancellationToken cancellationToken = default);
}
