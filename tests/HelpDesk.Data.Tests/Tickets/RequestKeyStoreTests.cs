using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// Request keys on real databases: stored in the transaction of the ticket or message their request made, one row per
/// user and key however many requests race with it, and forgotten after their lifetime.
/// </summary>
public abstract class RequestKeyStoreTests : ProviderTestBase
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private TicketStore Tickets => TestStores.Tickets(Connections);

    private RequestKeyStore Keys => new(Connections);

    private FileTicket Filing => new(Tickets, new PeopleDirectory(Connections), [], AttachmentPolicy.Default, _clock, Keys);

    private async Task<(int Organisation, int Requester)> SeedAsync()
    {
        var organisation = await RoutingRows.OrganisationAsync(Connections, "Contoso", CustomerSegment.Standard);
        return (organisation, await RoutingRows.UserAsync(Connections, "Casey Customer", organisation));
    }

    private static FileTicketRequest Request((int Organisation, int Requester) seed, string key, string subject = "Export hangs") => new()
    {
        RequesterId = seed.Requester,
        OrganisationId = seed.Organisation,
        Channel = TicketChannel.Api,
        Subject = subject,
        Body = "At 90%.",
        Key = new RequestKey(seed.Requester, key),
    };

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    [SkippableFact]
    public async Task TheKey_IsStoredWithTheTicket_AndAStoredKeySavesNothing()
    {
        var seed = await SeedAsync();
        var filed = await Filing.HandleAsync(Request(seed, "k-1"));
        var stored = await Keys.FindAsync(new RequestKey(seed.Requester, "k-1"));
        var draft = RoutingRows.Ticket(seed.Organisation, seed.Requester);

        var again = () => Tickets.CreateAsync(new NewTicket(draft, new NewMessage(seed.Requester, MessageKind.Reply, MessageBody.FromPlainText("Again.")), _ => [], draft.CreatedUtc)
        {
            Key = new NewKeyedRequest(new RequestKey(seed.Requester, "k-1"), "other"),
        });

        stored.Should().NotBeNull();
        stored!.TicketId.Should().Be(filed.Value!.Id);
        stored.MessageId.Should().NotBeNull();
        await again.Should().ThrowAsync<DuplicateRequestKeyException>();
        (await CountAsync("Tickets")).Should().Be(1);
        (await CountAsync("TicketMessages")).Should().Be(1);
    }

    [SkippableFact]
    public async Task RequestsSentAtOnceWithOneKey_FileOneTicket_AndAllAnswerWithIt()
    {
        var seed = await SeedAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Filing.HandleAsync(Request(seed, "k-race")))));

        results.Should().OnlyContain(r => r.Succeeded, string.Join(" ", results.SelectMany(r => r.Errors).Select(e => e.Message)));
        results.Select(r => r.Value!.Id).Distinct().Should().ContainSingle();
        (await CountAsync("Tickets")).Should().Be(1);
        (await CountAsync("RequestKeys")).Should().Be(1);
    }

    [SkippableFact]
    public async Task KeysOlderThanTheCutoff_AreForgotten()
    {
        var seed = await SeedAsync();
        await Filing.HandleAsync(Request(seed, "old"));
        _clock.Advance(TimeSpan.FromHours(23));
        await Filing.HandleAsync(Request(seed, "new", "Another"));
        _clock.Advance(TimeSpan.FromHours(2));

        var forgotten = await new ForgetRequestKeys(Keys, _clock).RunAsync();

        forgotten.Should().Be(1);
        (await Keys.FindAsync(new RequestKey(seed.Requester, "old"))).Should().BeNull();
        (await Keys.FindAsync(new RequestKey(seed.Requester, "new"))).Should().NotBeNull();
    }
}

public sealed class SqliteRequestKeyStoreTests : RequestKeyStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerRequestKeyStoreTests : RequestKeyStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
