using HelpDesk.Core.Accounts;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Live;

/// <summary>
/// Tells every desk connection that a ticket changed and who changed it. Only staff connect to the hub (see
/// <see cref="DeskHub"/>), so a customer's ticket is never announced to another organisation. A failure to tell is
/// logged and swallowed: the change is saved, and the pages still show it on the next load.
/// </summary>
public sealed partial class HubTicketChangeNotifier(
    IHubContext<DeskHub> hub,
    IPeopleDirectory people,
    DeskConnections connections,
    ILogger<HubTicketChangeNotifier> logger) : ITicketChangeNotifier
{
    public async Task TicketChangedAsync(TicketChanged change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!connections.Any)
        {
            return;
        }

        try
        {
            var by = change.ActorId is int actorId ? await people.FindAsync(actorId, CancellationToken.None) : null;
            await hub.Clients.Group(DeskHub.DeskGroup).SendAsync(
                "ticketChanged",
                new { ticketId = change.TicketId, number = TicketNumber.Format(change.TicketId), byId = change.ActorId, by = by?.Name },
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotFailed(logger, ex, change.TicketId);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The desk could not be told that ticket {TicketId} changed; it shows on the next load")]
    private static partial void LogNotFailed(ILogger logger, Exception exception, int ticketId);
}
