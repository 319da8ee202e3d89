using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tests.Contracts;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tests.Tickets;
using HelpDesk.Core.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Mail;

/// <summary>Email intake over in-memory stores: Contoso owns contoso.example, Ann is its contact, Eve is an engineer.</summary>
internal sealed class MailWorld
{
    public const int Contoso = 1;
    public const int Ann = 10;
    public const int Bob = 11;
    public const int Eve = 20;

    public MailWorld()
    {
        Organisations.Organisations.Add(new Organisation { Id = Contoso, Name = "Contoso", EmailDomains = ["contoso.example"], Version = 1 });
        People.Add(new Person { Id = Ann, Name = "Ann Archer", Email = "ann@contoso.example", OrganisationId = Contoso });
        People.Add(new Person { Id = Bob, Name = "Bob Baker", Email = "bob@contoso.example", OrganisationId = Contoso });
        People.Add(new Person { Id = Eve, Name = "Eve Engineer", Email = "eve@helpdesk.example", IsStaff = true });
        Tickets.Mailroom = Mail;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc));
    public InMemoryTicketStore Tickets { get; } = new();
    public InMemoryOrganisationStore Organisations { get; } = new();
    public InMemoryPeople People { get; } = new();
    public InMemoryMail Mail { get; } = new();
    public MailSettings Settings { get; set; } = new()
    {
        SupportAddress = "support@helpdesk.example",
        ThrottleMessages = 5,
        ThrottleMinutes = 10,
        TrustedAuthServId = "mx.helpdesk.example",
        Html = new MailHtmlLimits { Budget = TimeSpan.FromMinutes(1) },
    };

    public AttachmentPolicy Attachments { get; set; } = AttachmentPolicy.Default;

    /// <summary>The counts found full, shared by every intake of this world as the app's singleton is.</summary>
    public FullMailCounts FullCounts { get; } = new();

    public ReceiveEmail Intake => new(
        Mail,
        Mail,
        Mail,
        People,
        Organisations,
        Tickets,
        new FileTicket(Tickets, People, [], Attachments, Clock),
        new ReplyToTicket(Tickets, People, Attachments, Clock),
        Attachments,
        Settings,
        FullCounts,
        Clock);

    public Task<IntakeOutcome> ReceiveAsync(InboundEmail email) => Intake.ReceiveAsync(Mail.Raw(email), "imap:support");

    public static InboundEmail From(string address, string subject = "Printer on fire", string text = "It is on fire.", string? messageId = null) => new()
    {
        MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.example",
        FromAddress = address,
        FromName = address.Split('@')[0],
        Subject = subject,
        Text = text,
    };
}
