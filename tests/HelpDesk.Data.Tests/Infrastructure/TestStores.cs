using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Organisations;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>The stores under test, wired as the host wires them, with the default mail settings.</summary>
public static class TestStores
{
    public static readonly MailSettings Mail = new();

    public static OutboxStore Outbox(IDbConnectionFactory connections) => new(connections, Mail);

    public static TicketStore Tickets(IDbConnectionFactory connections) =>
        new(connections, new AttachmentStore(connections), Outbox(connections), new WebhookSignal());

    /// <summary>The assign use case over the real stores, with the router's default settings.</summary>
    public static AssignTicket Assign(IDbConnectionFactory connections, TimeProvider clock)
    {
        var tickets = Tickets(connections);
        var people = new PeopleDirectory(connections);
        var routing = new RoutingStore(connections);
        var settings = new RoutingSettings();
        var pull = new PullFromQueues(routing, new EngineerStore(connections), settings, clock);
        return new AssignTicket(tickets, people, new Rerouting(tickets, routing, new OrganisationStore(connections), people, settings, pull, clock), clock);
    }
}
