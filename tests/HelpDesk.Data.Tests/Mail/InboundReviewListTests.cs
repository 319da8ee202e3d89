using System.Text;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Mail;

public abstract class InboundReviewListTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private InboundReviewList List => new(Connections);

    private InboundMailStore Store => new(Connections);

    [SkippableFact]
    public async Task PageAsync_WalksPastTwoHundred_NewestFirst_WithNoMessageTwiceOrMissed()
    {
        var ids = new List<int>();
        for (var i = 0; i < 230; i++)
        {
            ids.Add(await HoldAsync($"robot{i}@monitor.example", HoldKind.Robot));
        }

        await Store.AddAsync(Mail("processed@example.test", InboundStatus.Processed, null));
        var seen = new List<int>();
        var query = new ReviewQuery(InboundStatus.Held) { Take = 50 };
        ReviewPage page;
        var pages = 0;
        do
        {
            page = await List.PageAsync(query);
            seen.AddRange(page.Messages.Select(m => m.Id));
            query = query with { Before = page.OlderBefore };
            pages++;
        }
        while (page.OlderBefore is not null);

        pages.Should().Be(5);
        seen.Should().Equal(Enumerable.Reverse(ids));
        page.Messages.Should().HaveCount(30);
    }

    [SkippableFact]
    public async Task PageAsync_PagesBackToTheNewerPage_AndSaysWhereTheEndsAre()
    {
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await HoldAsync($"robot{i}@monitor.example", HoldKind.Robot));
        }

        var first = await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Take = 5 });
        var second = await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Take = 5, Before = first.OlderBefore });
        var back = await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Take = 5, After = second.NewerAfter });
        var last = await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Take = 5, Before = second.OlderBefore });

        first.NewerAfter.Should().BeNull();
        first.Messages.Select(m => m.Id).Should().Equal(ids[11], ids[10], ids[9], ids[8], ids[7]);
        second.Messages.Select(m => m.Id).Should().Equal(ids[6], ids[5], ids[4], ids[3], ids[2]);
        second.NewerAfter.Should().Be(ids[6]);
        back.Messages.Select(m => m.Id).Should().Equal(first.Messages.Select(m => m.Id));
        back.NewerAfter.Should().BeNull();
        back.OlderBefore.Should().Be(ids[7]);
        last.Messages.Select(m => m.Id).Should().Equal(ids[1], ids[0]);
        last.OlderBefore.Should().BeNull();
        last.NewerAfter.Should().Be(ids[1]);
    }

    [SkippableFact]
    public async Task PageAsync_AnEmptiedPage_StillLinksBackToNewerMessages()
    {
        var newer = await HoldAsync("a@monitor.example", HoldKind.Robot);
        var gone = await HoldAsync("b@monitor.example", HoldKind.Robot);
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE InboundMessages SET Status = 'Deleted' WHERE Id = @Id", new { Id = gone });
        }

        var page = await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Take = 5, After = gone });

        page.Messages.Should().BeEmpty();
        page.OlderBefore.Should().Be(gone + 1);
        (await List.PageAsync(new ReviewQuery(InboundStatus.Held) { Before = page.OlderBefore })).Messages.Select(m => m.Id).Should().Equal(newer);
    }

    [SkippableFact]
    public async Task PageAndCount_FilterByReasonAndSender_AndCountEachReason()
    {
        var robot = await HoldAsync("noreply@shop.example", HoldKind.Robot);
        var bounce = await HoldAsync("mailer-daemon@relay.example", HoldKind.Robot, MailKind.Bounce);
        var throttled = await HoldAsync("flood@shop.example", HoldKind.Throttled, MailKind.Person);
        var outsider = await HoldAsync("Stranger@Other.example", HoldKind.NotParticipant, MailKind.Person);
        var unverified = await HoldAsync("engineer@helpdesk.example", HoldKind.Unverified, MailKind.Person);
        await Store.AddAsync(Mail("quarantined@shop.example", InboundStatus.Quarantined, "The message is 30 MB, over the limit of 25 MB."));

        var all = await List.CountAsync(InboundStatus.Held, null);
        var shop = await List.CountAsync(InboundStatus.Held, "SHOP.example");

        all.ByReason.Should().Equal(new Dictionary<string, int>
        {
            [ReviewReason.Robot] = 1,
            [ReviewReason.Bounce] = 1,
            [ReviewReason.Throttled] = 1,
            [ReviewReason.NotParticipant] = 1,
            [ReviewReason.Unverified] = 1,
        });
        all.Total.Should().Be(5);
        shop.ByReason.Should().Equal(new Dictionary<string, int> { [ReviewReason.Robot] = 1, [ReviewReason.Throttled] = 1 });
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Reason = ReviewReason.Bounce })).Should().Equal(bounce);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Reason = ReviewReason.Robot })).Should().Equal(robot);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Sender = "@shop.example" })).Should().Equal(throttled, robot);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Sender = "stranger@other" })).Should().Equal(outsider);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Reason = ReviewReason.Unverified, Sender = "helpdesk" })).Should().Equal(unverified);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Reason = ReviewReason.Unverified, Sender = "shop" })).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Sender_MatchesLikeWildcardsAsPlainText()
    {
        var underscore = await HoldAsync("first_last@shop.example", HoldKind.Robot);
        await HoldAsync("firstXlast@shop.example", HoldKind.Robot);
        await HoldAsync("100pct@shop.example", HoldKind.Robot);

        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Sender = "first_last" })).Should().Equal(underscore);
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Sender = "%" })).Should().BeEmpty();
        (await IdsAsync(new ReviewQuery(InboundStatus.Held) { Sender = "[f]" })).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Quarantine_IsCountedAndFilteredByItsOwnReasons()
    {
        var large = await Store.AddAsync(Mail("big@shop.example", InboundStatus.Quarantined, "The message is 30 MB, over the limit of 25 MB."));
        var noTicket = await Store.AddAsync(Mail("x@shop.example", InboundStatus.Quarantined, "A ticket could not be made: the organisation is archived"));
        var unreadable = await Store.AddAsync(Mail(null, InboundStatus.Quarantined, "it names no sender"));
        await HoldAsync("robot@monitor.example", HoldKind.Robot);

        var counts = await List.CountAsync(InboundStatus.Quarantined, null);

        counts.ByReason.Should().Equal(new Dictionary<string, int> { [ReviewReason.TooLarge] = 1, [ReviewReason.NoTicket] = 1, [ReviewReason.Unreadable] = 1 });
        (await IdsAsync(new ReviewQuery(InboundStatus.Quarantined))).Should().Equal(unreadable, noTicket, large);
        (await IdsAsync(new ReviewQuery(InboundStatus.Quarantined) { Reason = ReviewReason.TooLarge })).Should().Equal(large);
        (await IdsAsync(new ReviewQuery(InboundStatus.Quarantined) { Reason = ReviewReason.Unreadable })).Should().Equal(unreadable);
    }

    private async Task<IReadOnlyList<int>> IdsAsync(ReviewQuery query) => (await List.PageAsync(query)).Messages.Select(m => m.Id).ToList();

    private Task<int> HoldAsync(string from, string holdKind, MailKind kind = MailKind.AutoReply) =>
        Store.AddAsync(Mail(from, InboundStatus.Held, $"{holdKind}: because") with { Kind = kind });

    private static ReceivedMail Mail(string? from, InboundStatus status, string? reason)
    {
        var raw = Encoding.UTF8.GetBytes($"From: {from}\r\nSubject: {Guid.NewGuid():N}\r\n\r\nText");
        return new ReceivedMail
        {
            MessageKey = "mid:" + Guid.NewGuid().ToString("N"),
            Source = "api",
            FromAddress = from ?? "",
            Subject = "Held",
            ReceivedUtc = Now,
            Status = status,
            Kind = MailKind.Person,
            Reason = reason,
            Raw = raw,
        };
    }
}

public sealed class SqliteInboundReviewListTests : InboundReviewListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerInboundReviewListTests : InboundReviewListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
