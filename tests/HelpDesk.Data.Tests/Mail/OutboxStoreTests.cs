using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Mail;

public abstract class OutboxStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task EnqueueAsync_KeepsTheMessageUnsent_WithItsRecipientAndText()
    {
        var outbox = new OutboxStore(Connections);

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
        var outbox = new OutboxStore(Connections);
        for (var i = 1; i <= 3; i++)
        {
            await outbox.EnqueueAsync(new OutboundMail(OutboundMail.PasswordReset, $"user{i}@example.test", $"Mail {i}", "body"), Now.AddMinutes(i));
        }

        var recent = await outbox.ListRecentAsync(2);

        recent.Select(m => m.Subject).Should().Equal("Mail 3", "Mail 2");
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
