using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>Tickets and replies made from received mail: the record, the thread ids and the triage flag.</summary>
public abstract class TicketMailTests : ProviderTestBase
{
    private static readonly DateTime Now = RoutingRows.Now;

    private TicketStore Store => TestStores.Tickets(Connections);

    private async Task<(int Organisation, int Requester)> SeedAsync()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        return (organisation, await RoutingRows.UserAsync(Connections, "Casey Customer", organisation));
    }

    private static ReceivedMail Received(string messageId, string body = "Printer on fire") => new()
    {
        MessageKey = ReceivedMail.KeyFor(messageId, System.Text.Encoding.UTF8.GetBytes(body)),
        MessageId = messageId,
        Source = "imap:support",
        FromAddress = "casey.customer@helpdesk.test",
        FromName = "Casey Customer",
        Subject = "Printer on fire",
        ReceivedUtc = Now,
        Status = InboundStatus.Processed,
        Kind = MailKind.Person,
        Raw = System.Text.Encoding.UTF8.GetBytes($"Message-ID: <{messageId}>\r\n\r\n{body}"),
    };

    private static NewTicket FromMail(Ticket ticket, ReceivedMail received) =>
        new(ticket, new NewMessage(ticket.RequesterId, MessageKind.Reply, MessageBody.FromPlainText("It smokes.")),
            saved => [new OutboundMail(TicketMail.Acknowledgement, "casey.customer@helpdesk.test", $"[{saved.Number}] Printer on fire", "We have it.", TicketId: saved.Id)],
            Now)
        {
            Received = received,
        };

    private static TicketUpdate Reply(Ticket ticket, ReceivedMail received) =>
        new(ticket with { UpdatedUtc = Now.AddMinutes(5) }, ticket.RequesterId, [], Now.AddMinutes(5))
        {
            Message = new NewMessage(ticket.RequesterId, MessageKind.Reply, MessageBody.FromPlainText("Still smoking.")),
            Mail = [new OutboundMail(TicketMail.Reply, "eng@helpdesk.test", $"[{ticket.Number}] Printer on fire", "The customer wrote.", TicketId: ticket.Id)],
            Received = received,
        };

    private async Task<int> CountAsync(string table)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table}");
    }

    [SkippableFact]
    public async Task CreateAsync_RecordsTheReceivedMessage_LinkedToTheTicketAndItsFirstMessage()
    {
        var seed = await SeedAsync();
        var received = Received("abc@mail.contoso.example") with { Reason = "sender known" };

        var ticket = await Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), received));

        var message = (await Store.ListMessagesAsync(ticket.Id, TicketScope.Staff)).Should().ContainSingle().Subject;
        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string MessageKey, string Status, string Kind, string Reason, int TicketId, int TicketMessageId, int SizeBytes)>(
            "SELECT MessageKey, Status, Kind, Reason, TicketId, TicketMessageId, SizeBytes FROM InboundMessages");
        row.Should().Be((received.MessageKey, "Processed", "Person", "sender known", ticket.Id, message.Id, received.Raw.Length));
        (await connection.ExecuteScalarAsync<byte[]>("SELECT Raw FROM InboundMessages")).Should().Equal(received.Raw);
        var threadIds = (await connection.QueryAsync<(string MessageId, string Direction)>(
            "SELECT MessageId, Direction FROM TicketMailIds WHERE TicketId = @Id ORDER BY Direction", new { ticket.Id })).ToList();
        threadIds.Should().HaveCount(2);
        threadIds[0].Should().Be(("abc@mail.contoso.example", "in"));
        threadIds[1].Direction.Should().Be("out", "the acknowledgement is in the thread too");
    }

    [SkippableFact]
    public async Task CreateAsync_ThrowsDuplicateMail_AndSavesNothing_WhenTheMessageWasRecordedBefore()
    {
        var seed = await SeedAsync();
        var received = Received("abc@mail.contoso.example");
        await Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), received));
        var before = (Tickets: await CountAsync("Tickets"), Messages: await CountAsync("TicketMessages"), Outbox: await CountAsync("OutboxMessages"),
            Audit: await CountAsync("TicketAudit"), Ids: await CountAsync("TicketMailIds"), Inbound: await CountAsync("InboundMessages"));

        var again = () => Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), received));

        (await again.Should().ThrowAsync<DuplicateMailException>()).Which.MessageKey.Should().Be(received.MessageKey);
        (await CountAsync("Tickets"), await CountAsync("TicketMessages"), await CountAsync("OutboxMessages"),
                await CountAsync("TicketAudit"), await CountAsync("TicketMailIds"), await CountAsync("InboundMessages"))
            .Should().Be(before);
    }

    [SkippableFact]
    public async Task UpdateAsync_RecordsTheReceivedReply_LinkedToItsMessage()
    {
        var seed = await SeedAsync();
        var ticket = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester));
        var received = Received("reply-1@mail.contoso.example", "Still smoking");

        var updated = await Store.UpdateAsync(Reply(ticket, received));

        updated.Should().NotBeNull();
        var reply = (await Store.ListMessagesAsync(ticket.Id, TicketScope.Staff)).Should().HaveCount(2).And.Subject.Last();
        await using var connection = await Connections.OpenAsync();
        (await connection.QuerySingleAsync<(int TicketId, int TicketMessageId)>("SELECT TicketId, TicketMessageId FROM InboundMessages"))
            .Should().Be((ticket.Id, reply.Id));
        (await connection.ExecuteScalarAsync<int>(
                "SELECT TicketId FROM TicketMailIds WHERE MessageId = 'reply-1@mail.contoso.example' AND Direction = 'in'"))
            .Should().Be(ticket.Id);
    }

    [SkippableFact]
    public async Task TheReceivedRecord_IsWrittenOnce_WithItsLinks_AndNeverUpdated()
    {
        // The record holds the message's bytes: an update would write them again. A trigger counts any update; it is not
        // SQL the app runs, so it goes through a connection the test does not check as T-SQL.
        await using (var connection = await Db.Unrecorded.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE InboundUpdates (Id INT NOT NULL)");
            await connection.ExecuteAsync(Provider == DatabaseProvider.SqlServer
                ? "CREATE TRIGGER TR_InboundUpdates ON InboundMessages AFTER UPDATE AS INSERT INTO InboundUpdates (Id) SELECT Id FROM inserted"
                : "CREATE TRIGGER TR_InboundUpdates AFTER UPDATE ON InboundMessages BEGIN INSERT INTO InboundUpdates (Id) VALUES (NEW.Id); END");
        }

        var seed = await SeedAsync();
        var ticket = await Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), Received("first@mail.contoso.example")));
        await Store.UpdateAsync(Reply(ticket, Received("reply-1@mail.contoso.example", "Still smoking")));

        var messages = await Store.ListMessagesAsync(ticket.Id, TicketScope.Staff);
        await using var check = await Connections.OpenAsync();
        (await check.QueryAsync<(int TicketId, int TicketMessageId)>("SELECT TicketId, TicketMessageId FROM InboundMessages ORDER BY Id"))
            .Should().Equal((ticket.Id, messages[0].Id), (ticket.Id, messages[1].Id));
        (await CountAsync("InboundUpdates")).Should().Be(0);
    }

    [SkippableFact]
    public async Task UpdateAsync_ThrowsDuplicateMail_AndSavesNothing_WhenTheReplyWasRecordedBefore()
    {
        var seed = await SeedAsync();
        var ticket = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester));
        var received = Received("reply-1@mail.contoso.example", "Still smoking");
        var first = await Store.UpdateAsync(Reply(ticket, received));
        var before = (Messages: await CountAsync("TicketMessages"), Outbox: await CountAsync("OutboxMessages"), Inbound: await CountAsync("InboundMessages"));

        var again = () => Store.UpdateAsync(Reply(first!, received));

        await again.Should().ThrowAsync<DuplicateMailException>();
        (await CountAsync("TicketMessages"), await CountAsync("OutboxMessages"), await CountAsync("InboundMessages")).Should().Be(before);
        (await Store.GetAsync(ticket.Id, TicketScope.Staff))!.Version.Should().Be(first!.Version, "the ticket's change was rolled back too");
    }

    [SkippableFact]
    public async Task CreateAsync_TakesTheAllowanceWithTheTicket_AndAFullThrottleSavesNothing()
    {
        var seed = await SeedAsync();
        var throttle = new SenderThrottle("casey.customer@helpdesk.test", Now, 1);
        var allowance = new MailAllowance { Sender = throttle, Acknowledgements = AcknowledgementBudget.CountersFor("casey.customer@helpdesk.test", Now, new AcknowledgementLimits()) };
        await Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), Received("first@mail.contoso.example") with { Allowance = allowance }));
        var before = (Tickets: await CountAsync("Tickets"), Messages: await CountAsync("TicketMessages"), Outbox: await CountAsync("OutboxMessages"),
            Audit: await CountAsync("TicketAudit"), Inbound: await CountAsync("InboundMessages"));

        var over = () => Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), Received("second@mail.contoso.example") with { Allowance = allowance }));

        (await over.Should().ThrowAsync<SenderThrottledException>()).Which.Throttle.Should().Be(throttle);
        (await CountAsync("Tickets"), await CountAsync("TicketMessages"), await CountAsync("OutboxMessages"), await CountAsync("TicketAudit"),
                await CountAsync("InboundMessages"))
            .Should().Be(before);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT Taken FROM SenderCounts")).Should().Be(1);
        (await connection.ExecuteScalarAsync<int>("SELECT Taken FROM AcknowledgementCounts WHERE CounterKey = 'all'")).Should().Be(1, "the refused write took nothing");
    }

    [SkippableFact]
    public async Task CreateAsync_AFullAcknowledgementCount_SavesNothing_AndLeavesTheSendersCount()
    {
        var seed = await SeedAsync();
        var limits = new AcknowledgementLimits { PerAddress = 1 };
        MailAllowance Allowance() => new()
        {
            Sender = new SenderThrottle("casey.customer@helpdesk.test", Now, 10),
            Acknowledgements = AcknowledgementBudget.CountersFor("casey.customer@helpdesk.test", Now, limits),
        };
        await Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), Received("first@mail.contoso.example") with { Allowance = Allowance() }));
        var tickets = await CountAsync("Tickets");

        var over = () => Store.CreateAsync(FromMail(RoutingRows.Ticket(seed.Organisation, seed.Requester), Received("second@mail.contoso.example") with { Allowance = Allowance() }));

        (await over.Should().ThrowAsync<AcknowledgementBudgetUsedException>()).Which.Full.Key.Should().Be("address:casey.customer@helpdesk.test");
        (await CountAsync("Tickets")).Should().Be(tickets);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT Taken FROM SenderCounts")).Should().Be(1, "the sender's count taken before the full one was undone");
    }

    [SkippableFact]
    public async Task UpdateAsync_AFullThrottle_RollsTheReplyBack()
    {
        var seed = await SeedAsync();
        var ticket = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester));
        var allowance = new MailAllowance { Sender = new SenderThrottle("casey.customer@helpdesk.test", Now, 1) };
        var first = await Store.UpdateAsync(Reply(ticket, Received("reply-1@mail.contoso.example", "Still smoking") with { Allowance = allowance }));
        var before = (Messages: await CountAsync("TicketMessages"), Outbox: await CountAsync("OutboxMessages"), Inbound: await CountAsync("InboundMessages"));

        var over = () => Store.UpdateAsync(Reply(first!, Received("reply-2@mail.contoso.example", "Smoke everywhere") with { Allowance = allowance }));

        await over.Should().ThrowAsync<SenderThrottledException>();
        (await CountAsync("TicketMessages"), await CountAsync("OutboxMessages"), await CountAsync("InboundMessages")).Should().Be(before);
        (await Store.GetAsync(ticket.Id, TicketScope.Staff))!.Version.Should().Be(first!.Version, "the ticket's change was rolled back too");
    }

    [SkippableFact]
    public async Task ThreadIds_AreKeptOnce_AndNotAtAll_WhenTooLong()
    {
        var seed = await SeedAsync();
        var ticket = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester));
        var longId = new string('x', 401) + "@mail.contoso.example";

        var afterLong = await Store.UpdateAsync(Reply(ticket, Received(longId)));
        // The same Message-ID under another key (a retried quarantined message): the thread id is already there.
        var again = Received("reply-1@mail.contoso.example");
        var afterFirst = await Store.UpdateAsync(Reply(afterLong!, again));
        await Store.UpdateAsync(Reply(afterFirst!, again with { MessageKey = "sha256:other" }));

        await using var connection = await Connections.OpenAsync();
        (await connection.QueryAsync<string>("SELECT MessageId FROM TicketMailIds WHERE Direction = 'in'"))
            .Should().Equal("reply-1@mail.contoso.example");
        (await CountAsync("InboundMessages")).Should().Be(3);
    }

    [SkippableFact]
    public async Task CreateAsync_WritesTheNotes_AfterCreated_WithNoActor()
    {
        var seed = await SeedAsync();
        var ticket = RoutingRows.Ticket(seed.Organisation, seed.Requester);

        var saved = await Store.CreateAsync(FromMail(ticket, Received("abc@mail.contoso.example")) with
        {
            Notes = [new AuditChange("attachment", "huge.iso", "dropped: larger than 25 MB")],
        });

        var audit = await Store.ListAuditAsync(saved.Id);
        audit.Select(a => a.Field).Should().Equal("created", "attachment");
        audit[1].Should().BeEquivalentTo(new { ActorId = (int?)null, OldValue = "huge.iso", NewValue = "dropped: larger than 25 MB" });
    }

    [SkippableFact]
    public async Task TriageReason_IsSavedAndRead_AndTriageOnlyListsOpenFlaggedTickets()
    {
        var seed = await SeedAsync();
        var flagged = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester, "Who is this?") with { TriageReason = "sender unknown" });
        var resolved = await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester, "Old") with { TriageReason = "sender unknown", Status = TicketStatus.Resolved });
        await Store.CreateAsync(RoutingRows.Ticket(seed.Organisation, seed.Requester, "Known"));

        (await Store.GetAsync(flagged.Id, TicketScope.Staff))!.TriageReason.Should().Be("sender unknown");
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, TriageOnly = true })).Items.Select(t => t.Id).Should().Equal(flagged.Id);
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, TriageOnly = true, Statuses = [TicketStatus.New, TicketStatus.Resolved] }))
            .Items.Select(t => t.Id).Should().Equal(flagged.Id);
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff })).Items.Should().HaveCount(3);

        var triaged = await Store.UpdateAsync(new TicketUpdate(flagged with { TriageReason = null }, null, [], Now));

        (await Store.GetAsync(flagged.Id, TicketScope.Staff))!.TriageReason.Should().BeNull();
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, TriageOnly = true })).Items.Should().BeEmpty();
        triaged.Should().NotBeNull();
        resolved.TriageReason.Should().Be("sender unknown");
    }
}

public sealed class SqliteTicketMailTests : TicketMailTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketMailTests : TicketMailTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
