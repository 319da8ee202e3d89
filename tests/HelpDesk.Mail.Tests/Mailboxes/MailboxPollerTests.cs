using System.Text;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Mail.Tests.Fakes;
using HelpDesk.Mail.Tests.Inbound;
using HelpDesk.Mail.Tests.Servers;
using HelpDesk.Testing.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Mail.Tests.Mailboxes;

[Collection(SharedMailServers.Name)]
public sealed class MailboxPollerTests(TestMailServers servers)
{
    private const string User = TestMailServers.Support;
    private readonly InMemoryMailboxStore _store = new();
    private readonly RecordingIntake _intake = new();
    private readonly MarkedSecretProtector _secrets = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));

    private MailboxPoller Poller() => new(_store, _intake, _secrets, _clock, NullLogger<MailboxPoller>.Instance);

    private Mailbox AddMailbox(string folder, string password = TestMailServers.Password, string name = "support") => _store.Add(new Mailbox
    {
        Name = name,
        Host = servers.ImapHost,
        Port = servers.ImapPort,
        TlsMode = MailTlsMode.None,
        UserName = User,
        ProtectedPassword = _secrets.Protect(password),
        Folder = folder,
        ProcessedFolder = folder + "/Processed",
        FailedFolder = folder + "-failed",
    });

    /// <summary>A person's message with its own Message-ID, so that tests never share keys.</summary>
    private static byte[] Message(int number, string? messageId = null)
    {
        var id = messageId ?? $"{Guid.NewGuid():N}@mail.northwind.example";
        return Encoding.UTF8.GetBytes(
            $"From: Anna Lindqvist <anna.lindqvist@northwind.example>\r\nTo: {User}\r\nSubject: Message {number}\r\n" +
            $"Date: Wed, 04 Mar 2026 08:00:00 +0000\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: text/plain; charset=utf-8\r\n\r\nThe printer is broken, message {number}.\r\n");
    }

    private async Task<List<uint>> AppendAsync(string folder, int count)
    {
        return [.. await servers.AppendManyAsync(User, folder, Enumerable.Range(1, count).Select(i => Message(i)))];
    }

    [Fact]
    public async Task Poll_TakesEachMessageOnce_AndMovesProcessedAndFailedMail()
    {
        var folder = TestMailServers.UniqueFolder();
        var mailbox = AddMailbox(folder);
        await AppendAsync(folder, 3);
        await servers.AppendAsync(User, folder, Corpus.Read("html-only.eml"));
        var unreadable = await servers.AppendAsync(User, folder, Encoding.ASCII.GetBytes("X-Note: no sender anywhere\r\nSubject: ?\r\n\r\nbody\r\n"));

        var poll = await Poller().PollAsync(mailbox.Id);

        poll.Error.Should().BeNull();
        poll.Should().BeEquivalentTo(new { Fetched = 5, Tickets = 4, Quarantined = 1, Duplicates = 0, MailboxName = "support" });
        poll.FinishedUtc.Should().Be(_clock.GetUtcNow().UtcDateTime);
        _intake.Calls.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        _intake.Sources.Should().AllBe("imap:support");
        (await servers.CountAsync(User, folder)).Should().Be(0);
        (await servers.CountAsync(User, folder + "/Processed")).Should().Be(4);
        (await servers.CountAsync(User, folder + "-failed")).Should().Be(1);
        var saved = _store.Get(mailbox.Id);
        saved.LastUid.Should().Be(unreadable);
        saved.UidValidity.Should().Be(await servers.UidValidityAsync(User, folder));
        saved.ConsecutiveFailures.Should().Be(0);
        saved.LastSuccessUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task Poll_ReadsOnlyMessagesAfterTheLastUid()
    {
        var folder = TestMailServers.UniqueFolder();
        var mailbox = AddMailbox(folder);
        var uids = await AppendAsync(folder, 3);
        _store.Set(_store.Get(mailbox.Id) with { UidValidity = await servers.UidValidityAsync(User, folder), LastUid = uids[0] });

        var poll = await Poller().PollAsync(mailbox.Id);

        poll.Fetched.Should().Be(2);
        (await servers.CountAsync(User, folder)).Should().Be(1, "the message at or below the last UID is left alone");
        _store.Get(mailbox.Id).LastUid.Should().Be(uids[2]);

        await AppendAsync(folder, 2);
        var next = await Poller().PollAsync(mailbox.Id);

        next.Fetched.Should().Be(2);
        _intake.Calls.Should().HaveCount(4).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Poll_StartsOver_WhenUidValidityChanged()
    {
        var folder = TestMailServers.UniqueFolder();
        var mailbox = AddMailbox(folder);
        await AppendAsync(folder, 2);
        var validity = await servers.UidValidityAsync(User, folder);
        _store.Set(_store.Get(mailbox.Id) with { UidValidity = validity - 1, LastUid = 500 });

        var poll = await Poller().PollAsync(mailbox.Id);

        poll.Fetched.Should().Be(2);
        (await servers.CountAsync(User, folder)).Should().Be(0);
        _store.Get(mailbox.Id).Should().BeEquivalentTo(new { UidValidity = (long)validity, LastUid = 2L });
    }

    [Fact]
    public async Task Poll_RecordsTheError_AndCountsTheFailure_WhenLoginFails()
    {
        var folder = TestMailServers.UniqueFolder();
        await servers.CreateFolderAsync(User, folder);
        var mailbox = AddMailbox(folder, password: "wrong");

        var first = await Poller().PollAsync(mailbox.Id);
        var second = await Poller().PollAsync(mailbox.Id);

        first.Error.Should().StartWith("Failed logging in as support@example.test");
        second.Error.Should().NotBeNull();
        var saved = _store.Get(mailbox.Id);
        saved.ConsecutiveFailures.Should().Be(2);
        saved.LastError.Should().Be(second.Error);
        saved.LastSuccessUtc.Should().BeNull();
        _intake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Poll_RecordsTheError_WhenTheServerCannotBeReached()
    {
        var mailbox = _store.Add(new Mailbox { Name = "down", Host = "127.0.0.1", Port = ClosedPort(), TlsMode = MailTlsMode.None, UserName = User, ProtectedPassword = _secrets.Protect("x") });

        var poll = await Poller().PollAsync(mailbox.Id);

        poll.Error.Should().StartWith("Failed connecting to 127.0.0.1:");
        _store.Get(mailbox.Id).ConsecutiveFailures.Should().Be(1);
    }

    [Fact]
    public async Task PollAll_PollsEveryEnabledMailbox_WhenOneFails()
    {
        var folder = TestMailServers.UniqueFolder();
        AddMailbox(folder, password: "wrong", name: "broken");
        var good = AddMailbox(folder, name: "good");
        _store.Add(new Mailbox { Name = "off", Host = "127.0.0.1", Port = ClosedPort(), UserName = User, Enabled = false });
        await AppendAsync(folder, 1);

        var polls = await Poller().PollAllAsync();

        polls.Select(p => (p.MailboxName, p.Error is null)).Should().Equal(("broken", false), ("good", true));
        polls[1].Fetched.Should().Be(1);
        _store.Get(good.Id).ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task Poll_TakesEveryMessageOnce_WhenIntakeStopsAfterASave_AndThePollIsRun_Again()
    {
        var folder = TestMailServers.UniqueFolder();
        var mailbox = AddMailbox(folder);
        await AppendAsync(folder, 12);
        _intake.FailAfterSaves = 5;

        var crashed = await Poller().PollAsync(mailbox.Id);

        crashed.Error.Should().Contain("The process stopped right after saving.");
        (await servers.CountAsync(User, folder)).Should().Be(12, "the batch was not finished, so nothing was moved");
        (await servers.CountAsync(User, folder + "/Processed")).Should().Be(0);
        _store.Get(mailbox.Id).LastUid.Should().Be(0);
        _store.Get(mailbox.Id).ConsecutiveFailures.Should().Be(1);

        var again = await Poller().PollAsync(mailbox.Id);

        again.Error.Should().BeNull();
        again.Should().BeEquivalentTo(new { Fetched = 12, Tickets = 7, Duplicates = 5 });
        _intake.Saved.Should().HaveCount(12).And.OnlyHaveUniqueItems();
        (await servers.CountAsync(User, folder)).Should().Be(0);
        (await servers.CountAsync(User, folder + "/Processed")).Should().Be(12);
        _store.Get(mailbox.Id).ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task Poll_MovesBatchByBatch_AndSavesProgressAfterEach()
    {
        var folder = TestMailServers.UniqueFolder();
        var mailbox = AddMailbox(folder);
        await AppendAsync(folder, MailboxPoller.BatchSize + 5);

        var poll = await Poller().PollAsync(mailbox.Id);

        poll.Fetched.Should().Be(MailboxPoller.BatchSize + 5);
        _store.Progress.Select(p => p.LastUid).Should().Equal(MailboxPoller.BatchSize, MailboxPoller.BatchSize + 5);
        (await servers.CountAsync(User, folder + "/Processed")).Should().Be(MailboxPoller.BatchSize + 5);
    }

    [Fact]
    public async Task TestConnection_SaysWhatItFound()
    {
        var folder = TestMailServers.UniqueFolder();
        await AppendAsync(folder, 2);
        var mailbox = AddMailbox(folder, password: "stored-but-wrong");

        var ok = await Poller().TestConnectionAsync(mailbox, TestMailServers.Password);
        var bad = await Poller().TestConnectionAsync(mailbox, null);

        ok.Should().Be(new ConnectionCheck(true, $"Connected as {User}; {folder} has 2 messages; MOVE supported."));
        bad.Ok.Should().BeFalse();
        bad.Message.Should().StartWith($"Could not log in as {User}:");
        (await servers.CountAsync(User, folder)).Should().Be(2, "a test moves nothing");
    }

    [Fact]
    public async Task TestConnection_SaysWhenTheStoredPasswordCannotBeRead()
    {
        var mailbox = AddMailbox("INBOX") with { ProtectedPassword = "from another installation" };

        var check = await Poller().TestConnectionAsync(mailbox, null);

        check.Ok.Should().BeFalse();
        check.Message.Should().StartWith("Could not read the stored password");
    }

    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
