using System.Security.Claims;
using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Live;

/// <summary>
/// The live desk, for engineers and managers only (signed in with their cookie): every connection hears that a ticket
/// changed, and the connections on one ticket's page hear who is replying to it. Customers never connect, so nothing
/// about any organisation's tickets reaches them this way. Only the fact of typing travels, never the text.
/// </summary>
[Authorize(Policy = Hosting.Areas.Desk)]
public sealed class DeskHub(IPeopleDirectory people, DeskConnections connections) : Hub
{
    public const string Route = "/hubs/desk";

    /// <summary>Every desk connection's group: the queues and ticket pages that show changes.</summary>
    public const string DeskGroup = "desk";

    private const string NameKey = "name";

    public static string TicketGroup(int ticketId) => "ticket:" + ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, DeskGroup, Context.ConnectionAborted);
        connections.Opened();
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The page shows this ticket: it hears who else is replying to it.</summary>
    public Task Watch(int ticketId) => Groups.AddToGroupAsync(Context.ConnectionId, TicketGroup(ticketId), Context.ConnectionAborted);

    /// <summary>
    /// The engineer is typing a reply on this ticket's page (sent every few seconds while they type); the others on the
    /// page show "name is replying…" until the pings stop.
    /// </summary>
    public async Task Replying(int ticketId)
    {
        var name = await NameAsync();
        await Clients.OthersInGroup(TicketGroup(ticketId)).SendAsync("replying", new { ticketId, name }, Context.ConnectionAborted);
    }

    private async Task<string> NameAsync()
    {
        if (Context.Items.TryGetValue(NameKey, out var known) && known is string name)
        {
            return name;
        }

        var person = int.TryParse(Context.User?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? await people.FindAsync(userId, Context.ConnectionAborted)
            : null;
        name = string.IsNullOrWhiteSpace(person?.Name) ? "A colleague" : person.Name;
        Context.Items[NameKey] = name;
        return name;
    }
}
