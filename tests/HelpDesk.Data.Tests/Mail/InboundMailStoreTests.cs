using System.Text;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;

namespace HelpDesk.Data.Tests.Mail;

public abstract class InboundMailStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private InboundMailStore Store => new(Connections);

    private static ReceivedMail Mail(string messageId, InboundStatus status = InboundStatus.Held, string from = "robot@monitor.example", DateTime? receivedUtc = null)
    {
        var raw = Encoding.UTF8.GetBytes($"Message-ID: <{messageId}>\r\nFrom: {from}\r\n\r\nDisk full");
        return new ReceivedMail
        {
            MessageKey = ReceivedMail.KeyFor(messageId, raw),
            MessageId = messageId,
            Source = "api",
            FromAddress = from,
            FromName = "Monitor",
            Subject = "Disk full",
            ReceivedUtc = receivedUtc ?? Now,
            Status = status,
            Kind = MailKind.AutoReply,
            Reason = status == InboundStatus.Held ? HoldKind.Robot + ": auto-submitted" : null,
            Raw = raw,
        };
    }

    private async Task<(int TicketId, int OutboxId, string OutboxMessageId)> TicketWithMailAsync()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, $"Org {Guid.NewGuid():N}", CustomerSegment.Standard);
        var requester = await RoutingRows.UserAsync(Connections, $"Casey {Guid.NewGuid():N}", organisation);
        var ticket = await TestStores.Tickets(Connections).CreateAsync(RoutingRows.Ticket(organisation, requester));
        var outbox = TestStores.Outbox(Connections);
        var outboxId = await outbox.EnqueueAsync(new OutboundMail(TicketMail.Reply, "casey@example.test", "[HD-1] Hi", "Hello", TicketId: ticket.Id), Now);
        return (ticket.Id, outboxId, (await outbox.GetAsync(outboxId))!.MessageId!);
    }

    [SkippableFact]
    public async Task AddAsync_KeepsTheMessageAndItsBytes_AndFindsItByKeyAndStatus()
    {
        var mail = Mail("m1@monitor.example");

        var id = await Store.AddAsync(mail);

        var entry = await Store.FindByKeyAsync(mail.MessageKey);
        entry.Should().BeEquivalentTo(new
        {
            Id = id,
            mail.MessageKey,
            mail.MessageId,
            Source = "api",
            FromAddress = "robot@monitor.example",
            Status = InboundStatus.Held,
            Kind = MailKind.AutoReply,
            Reason = "robot: auto-submitted",
            TicketId = (int?)null,
            SizeBytes = mail.Raw.Length,
            ReceivedUtc = Now,
        });
        (await Store.GetAsync(id)).Should().BeEquivalentTo(entry);
        (await Store.GetRawAsync(id)).Should().Equal(mail.Raw);
        (await Store.ListAsync(InboundStatus.Held, 10)).Should().ContainSingle(m => m.Id == id);
        (await Store.CountAsync(InboundStatus.Held)).Should().Be(1);
        (await Store.CountAsync(InboundStatus.Quarantined)).Should().Be(0);
        (await Store.FindByKeyAsync("mid:nobody")).Should().BeNull();
    }

    [SkippableFact]
    public async Task AddAsync_ThrowsDuplicateMail_WhenTheKeyWasRecordedBefore()
    {
        var mail = Mail("m1@monitor.example");
        await Store.AddAsync(mail);

        var again = () => Store.AddAsync(mail with { Source = "imap:support" });

        (await again.Should().ThrowAsync<DuplicateMailException>()).Which.MessageKey.Should().Be(mail.MessageKey);
        (await Store.CountAsync(InboundStatus.Held)).Should().Be(1);
    }

    [SkippableFact]
    public async Task ListAsync_IsNewestFirst_UpToTheLimit()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Store.AddAsync(Mail($"m{i}@monitor.example"));
        }

        (await Store.ListAsync(InboundStatus.Held, 2)).Select(m => m.MessageId).Should().Equal("m3@monitor.example", "m2@monitor.example");
    }

    [SkippableFact]
    public async Task AddBounceAsync_RecordsTheReport_FailsTheOutboundMail_AndNotesItOnTheTicket_Together()
    {
        var sent = await TicketWithMailAsync();
        var report = Mail("dsn-1@mx.example", InboundStatus.Bounce, "mailer-daemon@mx.example") with { Kind = MailKind.Bounce, Reason = "550 5.1.1 user unknown" };

        var id = await Store.AddBounceAsync(report, sent.OutboxId, "Mail to casey@example.test failed: 550 5.1.1 user unknown");

        var entry = await Store.GetAsync(id);
        entry!.Status.Should().Be(InboundStatus.Bounce);
        entry.TicketId.Should().Be(sent.TicketId);
        var outbound = await TestStores.Outbox(Connections).GetAsync(sent.OutboxId);
        outbound.Should().BeEquivalentTo(new
        {
            Status = OutboxStatus.Failed,
            FailedUtc = (DateTime?)Now,
            LastError = "Mail to casey@example.test failed: 550 5.1.1 user unknown",
        });
        var audit = await TestStores.Tickets(Connections).ListAuditAsync(sent.TicketId);
        audit.Should().ContainSingle(a => a.Field == "mail").Which.Should().BeEquivalentTo(new
        {
            ActorId = (int?)null,
            NewValue = "Mail to casey@example.test failed: 550 5.1.1 user unknown",
        });
        (await Store.ListForTicketAsync(sent.TicketId)).Should().ContainSingle(m => m.Id == id);
    }

    [SkippableFact]
    public async Task AddBounceAsync_ChangesNothing_WhenTheReportWasRecordedBefore()
    {
        var sent = await TicketWithMailAsync();
        var report = Mail("dsn-1@mx.example", InboundStatus.Bounce) with { Kind = MailKind.Bounce };
        await Store.AddAsync(report);

        var again = () => Store.AddBounceAsync(report, sent.OutboxId, "failed");

        await again.Should().ThrowAsync<DuplicateMailException>();
        (await TestStores.Outbox(Connections).GetAsync(sent.OutboxId))!.Status.Should().Be(OutboxStatus.Pending);
        (await TestStores.Tickets(Connections).ListAuditAsync(sent.TicketId)).Should().NotContain(a => a.Field == "mail");
    }

    [SkippableFact]
    public async Task FindTicketByMessageIdsAsync_MatchesSentAndReceivedIds_TheLatestWinning()
    {
        var first = await TicketWithMailAsync();
        var second = await TicketWithMailAsync();
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO TicketMailIds (MessageId, TicketId, Direction, CreatedUtc) VALUES ('late@customer.example', @TicketId, 'in', @Later)",
                new { first.TicketId, Later = Now.AddHours(1) });
        }

        (await Store.FindTicketByMessageIdsAsync([first.OutboxMessageId])).Should().Be(first.TicketId);
        (await Store.FindTicketByMessageIdsAsync([$"<{second.OutboxMessageId}>", "unknown@elsewhere.example"])).Should().Be(second.TicketId);
        (await Store.FindTicketByMessageIdsAsync([second.OutboxMessageId, "late@customer.example"])).Should().Be(first.TicketId);
        (await Store.FindTicketByMessageIdsAsync(["unknown@elsewhere.example"])).Should().BeNull();
        (await Store.FindTicketByMessageIdsAsync([])).Should().BeNull();
    }

    [SkippableFact]
    public async Task ResolveAsync_ReleasesAHeldMessage_OnlyOnce_AndThreadsItOnTheTicket()
    {
        var sent = await TicketWithMailAsync();
        var actor = await TestRows.UserAsync(Connections, "eng@helpdesk.test");
        var id = await Store.AddAsync(Mail("m1@monitor.example"));

        (await Store.ResolveAsync(id, InboundStatus.Held, InboundStatus.Released, sent.TicketId, actor, Now)).Should().BeTrue();
        (await Store.ResolveAsync(id, InboundStatus.Held, InboundStatus.Deleted, null, actor, Now)).Should().BeFalse("someone released it first");

        (await Store.GetAsync(id)).Should().BeEquivalentTo(new
        {
            Status = InboundStatus.Released,
            TicketId = (int?)sent.TicketId,
            ResolvedById = (int?)actor,
            ResolvedUtc = (DateTime?)Now,
        });
        (await Store.FindTicketByMessageIdsAsync(["m1@monitor.example"])).Should().Be(sent.TicketId);
        (await Store.GetRawAsync(id)).Should().NotBeEmpty();
    }

    [SkippableFact]
    public async Task ResolveAsync_DeletingAQuarantinedMessage_DropsItsBytes_ButKeepsTheRecord()
    {
        var actor = await TestRows.UserAsync(Connections, "admin@helpdesk.test");
        var raw = Encoding.UTF8.GetBytes("\0\0 not mail");
        var id = await Store.AddAsync(new ReceivedMail
        {
            MessageKey = ReceivedMail.QuarantineKeyFor(raw),
            Source = "api",
            Status = InboundStatus.Quarantined,
            Reason = "no sender address",
            ReceivedUtc = Now,
            Raw = raw,
        });

        (await Store.ResolveAsync(id, InboundStatus.Held, InboundStatus.Deleted, null, actor, Now)).Should().BeFalse("it is quarantined, not held");
        (await Store.ResolveAsync(id, InboundStatus.Quarantined, InboundStatus.Deleted, null, actor, Now)).Should().BeTrue();

        (await Store.GetRawAsync(id)).Should().BeEmpty();
        var entry = await Store.FindByKeyAsync(ReceivedMail.QuarantineKeyFor(raw));
        entry!.Status.Should().Be(InboundStatus.Deleted);
        entry.SizeBytes.Should().Be(raw.Length);
    }

    [SkippableFact]
    public async Task AllowList_MatchesAnAddressOrItsWholeDomain_WithoutRegardToCase()
    {
        (await Store.AllowAsync(new AllowListEntry("Alerts@Monitor.example", "monitoring", null, Now))).Should().BeTrue();
        (await Store.AllowAsync(new AllowListEntry("@Partner.example", "their ticketing tool", null, Now))).Should().BeTrue();
        (await Store.AllowAsync(new AllowListEntry("alerts@monitor.example", "again", null, Now))).Should().BeFalse();

        (await Store.IsAllowListedAsync("alerts@monitor.example")).Should().BeTrue();
        (await Store.IsAllowListedAsync("other@monitor.example")).Should().BeFalse();
        (await Store.IsAllowListedAsync("noreply@PARTNER.example")).Should().BeTrue();
        (await Store.IsAllowListedAsync("noreply@sub.partner.example")).Should().BeFalse();
        (await Store.ListAllowListAsync()).Should().Equal(
            new AllowListEntry("@partner.example", "their ticketing tool", null, Now),
            new AllowListEntry("alerts@monitor.example", "monitoring", null, Now));

        (await Store.DisallowAsync("@partner.example")).Should().BeTrue();
        (await Store.DisallowAsync("@partner.example")).Should().BeFalse();
        (await Store.IsAllowListedAsync("noreply@partner.example")).Should().BeFalse();
    }
}

public sealed class SqliteInboundMailStoreTests : InboundMailStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerInboundMailStoreTests : InboundMailStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
