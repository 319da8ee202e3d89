using HelpDesk.Core.Mail;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>The stores under test, wired as the host wires them, with the default mail settings.</summary>
public static class TestStores
{
    public static readonly MailSettings Mail = new();

    public static OutboxStore Outbox(IDbConnectionFactory connections) => new(connections, Mail);

    public static TicketStore Tickets(IDbConnectionFactory connections) =>
        new(connections, new AttachmentStore(connections), Outbox(connections));
}
