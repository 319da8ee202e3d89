using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;

namespace HelpDesk.Data.Tests.Mail;

public abstract class OutboxStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task EnqueueAsync_KeepsTheMessageUnsent_WithItsRecipientAndText()
    {
        var outbox = TestStores.Outbox(Connections);

        var id = await outbox.EnqueueAsync(new OutboundMail(OutboundMail.AccountConfirmation, "ana@adatum.example", "Confirm", "Open the link"), Now);
        var recent = await outbox.ListRecentAsync(10);

        id.Should().BePositive();
        recent.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Id = id,
            Kind = OutboundMail.AccountConfirmation,
            ToAddress = "ana@adatum.example",
            Subject = "Confirm",
            TextBody = "Open the link",
            CreatedUtc = Now,
            SentUtc = (DateTime?)null,
        });
    }

    [SkippableFact]
    public async Task ListRecentAsync_ReturnsTheNewestFirst_UpToTheLimit()
    {
        var outbox = TestStores.Outbox(Connections);
        for (var i = 1; i <= 3; i++)
        {
            await outbox.EnqueueAsync(new OutboundMail(OutboundMail.PasswordReset, $"user{i}@example.test", $"Mail {i}", "body"), Now.AddMinutes(i));
        }

        var recent = await outbox.ListRecentAsync(2);

        recent.Select(m => m.Subject).Should().Equal("Mail 3", "Mail 2");
    }

    [SkippableFact]
    public async Task EnqueueAsync_GivesEachMessageItsOwnMessageId_OnTheSupportDomain_AndPending()
    {
        var outbox = TestStores.Outbox(Connections);

        var first = await outbox.GetAsync(await outbox.EnqueueAsync(Mail("a@example.test"), Now));
        var second = await outbox.GetAsync(await outbox.EnqueueAsync(Mail("b@example.test"), Now));

        first!.MessageId.Should().MatchRegex("^[0-9a-f]{32}@helpdesk[.]example$");
        second!.MessageId.Should().NotBe(first.MessageId);
        first.Status.Should().Be(OutboxStatus.Pending);
        first.NextAttemptUtc.Should().Be(Now);
        (await outbox.FindByMessageIdAsync(first.MessageId!))!.Id.Should().Be(first.Id);
        (await outbox.FindByMessageIdAsync($"<{first.MessageId}>"))!.Id.Should().Be(first.Id);
        (await outbox.FindByMessageIdAsync("nobody@helpdesk.example")).Should().BeNull();
    }

    [SkippableFact]
    public async Task EnqueueAsync_GivesMessageIdsThatSortInTheOrderTheyWereQueued()
    {
        // Time first, so each new Message-ID enters its indexes at their end instead of on a page of its own.
        var outbox = TestStores.Outbox(Connections);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var entry = await outbox.GetAsync(await outbox.EnqueueAsync(Mail($"m{i}@example.test"), Now.AddMilliseconds(i * 7)));
            ids.Add(entry!.MessageId!);
        }

        ids.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [SkippableFact]
    public async Task EnqueueAsync_RecordsTheMessageIdForThreading_WhenTheMailIsAboutATicket()
    {
        var ticketId = await TicketAsync();
        var outbox = TestStores.Outbox(Connections);

        var id = await outbox.EnqueueAsync(Mail("a@example.test", ticketId), Now);
        await outbox.EnqueueAsync(Mail("b@example.test"), Now);

        var entry = await outbox.GetAsync(id);
        await using var connection = await Connections.OpenAsync();
        var rows = (await connection.QueryAsync<(string MessageId, int TicketId, string Direction)>(
            "SELECT MessageId, TicketId, Direction FROM TicketMailIds")).ToList();
        rows.Should().ContainSingle().Which.Should().Be((entry!.MessageId!, ticketId, "out"));
    }

    [SkippableFact]
    public async Task ClaimDueAsync_TakesDueMessagesOldestFirst_AndExpiredClaims_ButNotLiveClaimsOrLaterOnes()
    {
        var outbox = TestStores.Outbox(Connections);
        var later = await outbox.EnqueueAsync(Mail("later@example.test"), Now.AddMinutes(5));
        var newer = await outbox.EnqueueAsync(Mail("newer@example.test"), Now.AddMinutes(-1));
        var older = await outbox.EnqueueAsync(Mail("older@example.test"), Now.AddMinutes(-2));

        var claimed = await outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 10);

        claimed.Select(c => c.Id).Should().Equal(older, newer);
        claimed.Should().OnlyContain(c => c.Status == OutboxStatus.Sending && c.Attempts == 1);
        (await outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(3), 10)).Should().BeEmpty("the claims still hold");

        // The sender died: at its claim's end the messages are due again, with the later one now due as well.
        var reclaimed = await outbox.ClaimDueAsync(Now.AddMinutes(5), Now.AddMinutes(7), 10);
        reclaimed.Select(c => (c.Id, c.Attempts)).Should().Equal((older, 2), (newer, 2), (later, 1));
        (await outbox.CountAsync()).Should().Be(new OutboxCounts(0, 3, 0, 0));
    }

    [SkippableFact]
    public async Task ClaimDueAsync_TakesNoMoreThanAsked()
    {
        var outbox = TestStores.Outbox(Connections);
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync(Mail($"user{i}@example.test"), Now.AddSeconds(i));
        }

        (await outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(2), 3)).Should().HaveCount(3);
        (await outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(2), 3)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task ClaimDueAsync_NeverGivesOneMessageToTwoSenders()
    {
        var outbox = TestStores.Outbox(Connections);
        for (var i = 0; i < 60; i++)
        {
            await outbox.EnqueueAsync(Mail($"user{i}@example.test"), Now.AddSeconds(-i));
        }

        // Four senders draining at once, in small batches, until nothing is left.
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<int>();
            while (await outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 5) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(b => b.Id));
            }

            return mine;
        }));
        var claims = (await Task.WhenAll(senders)).SelectMany(ids => ids).ToList();

        claims.Should().HaveCount(60).And.OnlyHaveUniqueItems();
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Attempts <> 1")).Should().Be(0);
    }

    [SkippableFact]
    public async Task MarkSentAsync_EndsTheClaim()
    {
        var outbox = TestStores.Outbox(Connections);
        var id = await outbox.EnqueueAsync(Mail("a@example.test"), Now);
        await outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 10);

        await outbox.MarkSentAsync(id, Now.AddSeconds(3));

        var sent = await outbox.GetAsync(id);
        sent!.Status.Should().Be(OutboxStatus.Sent);
        sent.SentUtc.Should().Be(Now.AddSeconds(3));
        (await outbox.ClaimDueAsync(Now.AddHours(1), Now.AddHours(2), 10)).Should().BeEmpty();
        (await outbox.ListAsync(OutboxStatus.Sent, 10)).Should().ContainSingle(m => m.Id == id);
    }

    [SkippableFact]
    public async Task MarkAttemptFailedAsync_WaitsForTheNextAttempt_ThenFailsForGood_AndRetryPutsItBack()
    {
        var outbox = TestStores.Outbox(Connections);
        var id = await outbox.EnqueueAsync(Mail("a@example.test"), Now);
        await outbox.ClaimDueAsync(Now, Now.AddMinutes(2), 10);

        await outbox.MarkAttemptFailedAsync(id, "connection refused", Now.AddMinutes(1), Now);

        var waiting = await outbox.GetAsync(id);
        waiting!.Should().BeEquivalentTo(new { Status = OutboxStatus.Pending, NextAttemptUtc = Now.AddMinutes(1), LastError = "connection refused", Attempts = 1 });
        (await outbox.ClaimDueAsync(Now.AddSeconds(30), Now.AddMinutes(2), 10)).Should().BeEmpty("the next attempt is not due yet");
        (await outbox.RetryAsync(id, Now)).Should().BeFalse("only a failed message is retried");

        (await outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(3), 10)).Should().ContainSingle();
        await outbox.MarkAttemptFailedAsync(id, "550 no such user", null, Now.AddMinutes(1));

        var failed = await outbox.GetAsync(id);
        failed!.Should().BeEquivalentTo(new { Status = OutboxStatus.Failed, FailedUtc = (DateTime?)Now.AddMinutes(1), LastError = "550 no such user", Attempts = 2 });
        (await outbox.ClaimDueAsync(Now.AddDays(1), Now.AddDays(2), 10)).Should().BeEmpty("a failed message waits for a person");
        (await outbox.ListAsync(OutboxStatus.Failed, 10)).Should().ContainSingle(m => m.Id == id);
        (await outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 0, 1));

        (await outbox.RetryAsync(id, Now.AddHours(1))).Should().BeTrue();

        var retried = await outbox.GetAsync(id);
        retried!.Should().BeEquivalentTo(new { Status = OutboxStatus.Pending, Attempts = 0, NextAttemptUtc = Now.AddHours(1), FailedUtc = (DateTime?)null });
        (await outbox.ClaimDueAsync(Now.AddHours(1), Now.AddHours(2), 10)).Should().ContainSingle(m => m.Id == id && m.Attempts == 1);
    }

    [SkippableFact]
    public async Task ListThreadAsync_GivesTheFirstIdAndTheLatestOnes_OldestFirst()
    {
        var ticketId = await TicketAsync();
        var other = await TicketAsync();
        var outbox = TestStores.Outbox(Connections);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await QueuedMessageIdAsync(outbox, ticketId, Now.AddMinutes(i)));
        }

        await outbox.EnqueueAsync(Mail("a@example.test", other), Now.AddMinutes(10));

        (await outbox.ListThreadAsync(ticketId, 20)).Should().Equal(ids);
        (await outbox.ListThreadAsync(ticketId, 7)).Should().Equal(ids, "the latest 6 are the whole thread");
        (await outbox.ListThreadAsync(ticketId, 6)).Should().Equal(ids, "the first and the latest 5");
        (await outbox.ListThreadAsync(ticketId, 5)).Should().Equal(ids[0], ids[2], ids[3], ids[4], ids[5]);
        (await outbox.ListThreadAsync(ticketId, 3)).Should().Equal(ids[0], ids[4], ids[5]);
        (await outbox.ListThreadAsync(ticketId, 1)).Should().Equal(ids[0]);
        (await outbox.ListThreadAsync(other, 20)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task ListThreadAsync_BeforeAMessage_GivesOnlyMailRecordedBeforeIt_EvenWhenQueuedAtTheSameMoment()
    {
        var ticketId = await TicketAsync();
        var outbox = TestStores.Outbox(Connections);
        var earlier = await QueuedMessageIdAsync(outbox, ticketId, Now.AddMinutes(-5));
        var together = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            together.Add(await QueuedMessageIdAsync(outbox, ticketId, Now));
        }

        var threads = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var id in together)
        {
            threads[id] = await outbox.ListThreadAsync(ticketId, 20, before: id);
        }

        // In one line: each sees the earlier mail and exactly those queued with it that come before it.
        threads.Values.Select(t => t.Count).Order().Should().Equal(1, 2, 3);
        threads.Values.Should().OnlyContain(t => t[0] == earlier);
        foreach (var (id, thread) in threads)
        {
            thread.Should().NotContain(id);
            thread.Should().OnlyContain(other => other == earlier || !threads[other].Contains(id), "two messages never refer to each other");
        }

        (await outbox.ListThreadAsync(ticketId, 20, before: earlier)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ListThreadAsync_BeforeAnotherTicketsMessage_GivesTheWholeThread()
    {
        var ticketId = await TicketAsync();
        var other = await TicketAsync();
        var outbox = TestStores.Outbox(Connections);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add(await QueuedMessageIdAsync(outbox, ticketId, Now.AddMinutes(i)));
        }

        var elsewhere = await QueuedMessageIdAsync(outbox, other, Now.AddMinutes(-1));

        (await outbox.ListThreadAsync(ticketId, 20, before: elsewhere)).Should().Equal(ids);
        (await outbox.ListThreadAsync(ticketId, 20, before: "unknown@example.test")).Should().Equal(ids);
    }

    [SkippableFact]
    public async Task ListThreadAsync_OfAMessageInAShortThread_IsOneStatement()
    {
        // The outbox sender asks for the thread of every message it sends: the acknowledgement's is the usual case.
        var ticketId = await TicketAsync();
        var outbox = TestStores.Outbox(Connections);
        var first = await QueuedMessageIdAsync(outbox, ticketId, Now);
        var second = await QueuedMessageIdAsync(outbox, ticketId, Now.AddMinutes(1));

        var before = Db.Connections.Executions;
        (await outbox.ListThreadAsync(ticketId, 20, before: second)).Should().Equal(first);
        (Db.Connections.Executions - before).Should().Be(1);
    }

    /// <summary>Queues a mail about the ticket at <paramref name="at"/> and gives the Message-ID it got.</summary>
    private static async Task<string> QueuedMessageIdAsync(OutboxStore outbox, int ticketId, DateTime at) =>
        (await outbox.GetAsync(await outbox.EnqueueAsync(Mail("a@example.test", ticketId), at)))!.MessageId!;

    private static OutboundMail Mail(string to, int? ticketId = null) =>
        new("reply", to, "[HD-1] Printer on fire", "Try turning it off.", TicketId: ticketId);

    private async Task<int> TicketAsync()
    {
        var organisation = await TestRows.OrganisationAsync(Connections, $"Org {Guid.NewGuid():N}");
        var requester = await TestRows.UserAsync(Connections, $"{Guid.NewGuid():N}@example.test", organisation);
        return (await TestStores.Tickets(Connections).CreateAsync(RoutingRows.Ticket(organisation, requester))).Id;
    }
}

public sealed class SqliteOutboxStoreTests : OutboxStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerOutboxStoreTests : OutboxStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
