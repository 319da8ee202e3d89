using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Mail;

public abstract class AcknowledgementCounterStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);
    private static readonly AcknowledgementLimits Limits = new() { PerAddress = 3, PerDomain = 5, Total = 8, Window = TimeSpan.FromHours(1) };

    private AcknowledgementCounterStore Store => new(Connections);

    private static IReadOnlyList<AcknowledgementCounter> For(string address, DateTime? nowUtc = null) =>
        AcknowledgementBudget.CountersFor(address, nowUtc ?? Now, Limits);

    [SkippableFact]
    public async Task TakeAsync_GivesEachAddressItsLimit_ThenNamesTheFullCounter()
    {
        var taken = new List<AcknowledgementCounter?>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await Store.TakeAsync(For("zed@spam.example")));
        }

        taken.Take(3).Should().OnlyContain(t => t == null);
        taken[3].Should().Be(For("zed@spam.example")[0]);
    }

    [SkippableFact]
    public async Task TakeAsync_StopsRotatingAddressesAtTheDomainLimit_AndEveryoneAtTheTotal()
    {
        var spam = new List<AcknowledgementCounter?>();
        for (var i = 0; i < 7; i++)
        {
            spam.Add(await Store.TakeAsync(For($"victim{i}@spam.example")));
        }

        spam.Count(t => t == null).Should().Be(5);
        spam.Skip(5).Should().OnlyContain(t => t != null && t.Key == "domain:spam.example");

        var others = new List<AcknowledgementCounter?>();
        for (var i = 0; i < 5; i++)
        {
            others.Add(await Store.TakeAsync(For($"someone@other{i}.example")));
        }

        others.Count(t => t == null).Should().Be(3, "5 of the total of 8 went to spam.example");
        others.Skip(3).Should().OnlyContain(t => t != null && t.Key == AcknowledgementBudget.AllKey);
    }

    [SkippableFact]
    public async Task TakeAsync_TakesNothing_WhenOneCounterIsFull()
    {
        for (var i = 0; i < 5; i++)
        {
            (await Store.TakeAsync(For($"victim{i}@spam.example"))).Should().BeNull();
        }

        // Refused for the domain: the address and total counts the refusal passed must not have moved.
        (await Store.TakeAsync(For("new@spam.example"))).Should().NotBeNull();
        await using var connection = await Connections.OpenAsync();
        (await connection.QuerySingleOrDefaultAsync<int?>("SELECT Taken FROM AcknowledgementCounts WHERE CounterKey = 'address:new@spam.example'") ?? 0).Should().Be(0);
        (await connection.QuerySingleAsync<int>("SELECT Taken FROM AcknowledgementCounts WHERE CounterKey = 'all'")).Should().Be(5);
    }

    [SkippableFact]
    public async Task TakeAsync_StartsAgainInTheNextWindow_AndForgetsPastWindows()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.TakeAsync(For("zed@spam.example"));
        }

        (await Store.TakeAsync(For("zed@spam.example"))).Should().NotBeNull();
        (await Store.TakeAsync(For("zed@spam.example", Now.AddHours(1)))).Should().BeNull();

        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AcknowledgementCounts WHERE WindowStartUtc < @Start", new { Start = Now.AddMinutes(30) })).Should().Be(0);
    }

    [SkippableFact]
    public async Task TakeAsync_NeverExceedsALimit_UnderConcurrentIntake()
    {
        // Forty intakes at once from rotating addresses of one domain, each with its own store and connection, as
        // several nodes would be. The database is made before they start, so all forty share it.
        var connections = Connections;
        var takers = Enumerable.Range(0, 40).Select(i => Task.Run(() => new AcknowledgementCounterStore(connections).TakeAsync(For($"victim{i}@spam.example"))));
        var results = await Task.WhenAll(takers);

        results.Count(r => r == null).Should().Be(5);
        await using var connection = await Connections.OpenAsync();
        (await connection.QuerySingleAsync<int>("SELECT Taken FROM AcknowledgementCounts WHERE CounterKey = 'domain:spam.example'")).Should().Be(5);
        (await connection.QuerySingleAsync<int>("SELECT Taken FROM AcknowledgementCounts WHERE CounterKey = 'all'")).Should().Be(5);
    }
}

public sealed class SqliteAcknowledgementCounterStoreTests : AcknowledgementCounterStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerAcknowledgementCounterStoreTests : AcknowledgementCounterStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
