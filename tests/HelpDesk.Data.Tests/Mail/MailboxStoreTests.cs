using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Mail;

public abstract class MailboxStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);

    private MailboxStore Store => new(Connections);

    private static Mailbox Support(string name = "support") => new()
    {
        Name = name,
        Host = "imap.example.test",
        Port = 993,
        TlsMode = MailTlsMode.SslOnConnect,
        UserName = "support@example.test",
        ProtectedPassword = "protected-secret",
    };

    [SkippableFact]
    public async Task CreateAsync_SavesEverySetting_AndAFreshStart()
    {
        var id = await Store.CreateAsync(Support() with { TlsMode = MailTlsMode.StartTls, Enabled = false, Folder = "Support" }, Now);

        var saved = await Store.GetAsync(id!.Value);
        saved.Should().BeEquivalentTo(Support() with
        {
            Id = id.Value,
            TlsMode = MailTlsMode.StartTls,
            Enabled = false,
            Folder = "Support",
            CreatedUtc = Now,
            Version = 1,
        });
        (await Store.ListAsync()).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task CreateAsync_ReturnsNull_WhenTheNameIsTaken_InAnyCase()
    {
        await Store.CreateAsync(Support("Support"), Now);

        (await Store.CreateAsync(Support("support"), Now)).Should().BeNull();
        (await Store.CreateAsync(Support("Support"), Now)).Should().BeNull();
        (await Store.ListAsync()).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task UpdateAsync_KeepsThePassword_WhenNoneIsGiven_AndRefusesAStaleVersion()
    {
        var id = (await Store.CreateAsync(Support(), Now))!.Value;
        var saved = (await Store.GetAsync(id))!;

        (await Store.UpdateAsync(saved with { Port = 143, TlsMode = MailTlsMode.StartTls, ProtectedPassword = "" })).Should().BeTrue();
        (await Store.UpdateAsync(saved with { Port = 1993 })).Should().BeFalse("the version is stale");

        var updated = (await Store.GetAsync(id))!;
        updated.Should().BeEquivalentTo(new { Port = 143, TlsMode = MailTlsMode.StartTls, ProtectedPassword = "protected-secret", Version = 2 });
        (await Store.UpdateAsync(updated with { ProtectedPassword = "new-secret" })).Should().BeTrue();
        (await Store.GetAsync(id))!.ProtectedPassword.Should().Be("new-secret");
    }

    [SkippableFact]
    public async Task UpdateAsync_StartsOver_WhenTheFolderMoves_ButNotForOtherChanges()
    {
        var id = (await Store.CreateAsync(Support(), Now))!.Value;
        await Store.SaveProgressAsync(id, 1_700_000_000, 42);

        (await Store.UpdateAsync((await Store.GetAsync(id))! with { Port = 143 })).Should().BeTrue();
        (await Store.GetAsync(id)).Should().BeEquivalentTo(new { UidValidity = (long?)1_700_000_000, LastUid = 42L });

        (await Store.UpdateAsync((await Store.GetAsync(id))! with { Folder = "Support" })).Should().BeTrue();
        (await Store.GetAsync(id)).Should().BeEquivalentTo(new { UidValidity = (long?)null, LastUid = 0L });
    }

    [SkippableFact]
    public async Task UpdateAsync_ReturnsFalse_WhenTheNameIsTakenByAnother()
    {
        await Store.CreateAsync(Support("sales"), Now);
        var id = (await Store.CreateAsync(Support("support"), Now))!.Value;

        (await Store.UpdateAsync((await Store.GetAsync(id))! with { Name = "Sales" })).Should().BeFalse();
        (await Store.GetAsync(id))!.Name.Should().Be("support");
    }

    [SkippableFact]
    public async Task FinishPollAsync_CountsFailuresInARow_UntilASuccess()
    {
        var id = (await Store.CreateAsync(Support(), Now))!.Value;

        for (var i = 1; i <= Mailbox.DegradedAfterFailures; i++)
        {
            var pollId = await Store.StartPollAsync(id, Now.AddMinutes(i));
            await Store.FinishPollAsync(new MailboxPoll { Id = pollId, MailboxId = id, Error = $"connection refused {i}" }, Now.AddMinutes(i).AddSeconds(2));
        }

        var failing = (await Store.GetAsync(id))!;
        failing.Should().BeEquivalentTo(new
        {
            ConsecutiveFailures = Mailbox.DegradedAfterFailures,
            LastError = "connection refused 3",
            LastPollUtc = (DateTime?)Now.AddMinutes(3).AddSeconds(2),
            LastSuccessUtc = (DateTime?)null,
        });
        failing.IsDegraded.Should().BeTrue();

        var good = await Store.StartPollAsync(id, Now.AddMinutes(10));
        await Store.FinishPollAsync(new MailboxPoll { Id = good, MailboxId = id, Fetched = 7, Tickets = 3, Replies = 1, Held = 1, Bounces = 1, Quarantined = 0, Duplicates = 1 }, Now.AddMinutes(11));

        var recovered = (await Store.GetAsync(id))!;
        recovered.Should().BeEquivalentTo(new { ConsecutiveFailures = 0, LastError = (string?)null, LastSuccessUtc = (DateTime?)Now.AddMinutes(11) });
        recovered.IsDegraded.Should().BeFalse();
        var polls = await Store.ListPollsAsync(id, 2);
        polls.Select(p => p.Id).Should().Equal(good, good - 1);
        polls[0].Should().BeEquivalentTo(new
        {
            MailboxName = "support",
            StartedUtc = Now.AddMinutes(10),
            FinishedUtc = (DateTime?)Now.AddMinutes(11),
            Fetched = 7,
            Tickets = 3,
            Replies = 1,
            Held = 1,
            Bounces = 1,
            Quarantined = 0,
            Duplicates = 1,
            Error = (string?)null,
        });
        polls[1].Error.Should().Be("connection refused 3");
    }

    [SkippableFact]
    public async Task ListPollsAsync_ListsEveryMailbox_OrOne()
    {
        var support = (await Store.CreateAsync(Support("support"), Now))!.Value;
        var sales = (await Store.CreateAsync(Support("sales"), Now))!.Value;
        await Store.StartPollAsync(support, Now);
        await Store.StartPollAsync(sales, Now);

        (await Store.ListPollsAsync(null, 10)).Select(p => p.MailboxName).Should().Equal("sales", "support");
        (await Store.ListPollsAsync(support, 10)).Should().ContainSingle().Which.FinishedUtc.Should().BeNull();
    }

    [SkippableFact]
    public async Task DeleteAsync_RemovesTheMailboxAndItsPolls()
    {
        var id = (await Store.CreateAsync(Support(), Now))!.Value;
        await Store.StartPollAsync(id, Now);

        (await Store.DeleteAsync(id)).Should().BeTrue();
        (await Store.DeleteAsync(id)).Should().BeFalse();

        (await Store.GetAsync(id)).Should().BeNull();
        (await Store.ListPollsAsync(null, 10)).Should().BeEmpty();
    }
}

public sealed class SqliteMailboxStoreTests : MailboxStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerMailboxStoreTests : MailboxStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
