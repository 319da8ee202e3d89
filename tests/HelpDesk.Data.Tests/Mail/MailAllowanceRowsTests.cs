using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Mail;

/// <summary>The sender throttle and the acknowledgement budget, each taken in a write of the kind a ticket or reply makes.</summary>
public abstract class MailAllowanceRowsTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);
    private static readonly AcknowledgementLimits Limits = new() { PerAddress = 3, PerDomain = 5, Total = 8, Window = TimeSpan.FromHours(1) };

    private static MailAllowance Acknowledging(string address, DateTime? nowUtc = null) =>
        new() { Acknowledgements = AcknowledgementBudget.CountersFor(address, nowUtc ?? Now, Limits) };

    private static MailAllowance Sending(string address, DateTime windowStartUtc, int limit) =>
        new() { Sender = new SenderThrottle(address, windowStartUtc, limit) };

    /// <summary>Takes the allowance in a write of its own; the exception a full count throws, or null when taken.</summary>
    private static async Task<Exception?> TakeAsync(IDbConnectionFactory connections, MailAllowance allowance)
    {
        try
        {
            await connections.WriteAsync(async (connection, transaction, ct) =>
            {
                await MailAllowanceRows.TakeAsync(connection, transaction, allowance, ct);
                return true;
            });
            return null;
        }
        catch (Exception ex) when (ex is SenderThrottledException or AcknowledgementBudgetUsedException)
        {
            return ex;
        }
    }

    private Task<Exception?> TakeAsync(MailAllowance allowance) => TakeAsync(Connections, allowance);

    private static string? FullKey(Exception? refusal) => (refusal as AcknowledgementBudgetUsedException)?.Full.Key;

    private async Task<int> TakenAsync(string table, string keyColumn, string key)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<int?>($"SELECT SUM(Taken) FROM {table} WHERE {keyColumn} = @Key", new { Key = key }) ?? 0;
    }

    [SkippableFact]
    public async Task Acknowledgements_GiveEachAddressItsLimit_ThenNameTheFullCounter()
    {
        var taken = new List<Exception?>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await TakeAsync(Acknowledging("zed@spam.example")));
        }

        taken.Take(3).Should().OnlyContain(t => t == null);
        taken[3].Should().BeOfType<AcknowledgementBudgetUsedException>().Which.Full.Should().Be(Acknowledging("zed@spam.example").Acknowledgements[0]);
    }

    [SkippableFact]
    public async Task Acknowledgements_StopRotatingAddressesAtTheDomainLimit_AndEveryoneAtTheTotal()
    {
        var spam = new List<Exception?>();
        for (var i = 0; i < 7; i++)
        {
            spam.Add(await TakeAsync(Acknowledging($"victim{i}@spam.example")));
        }

        spam.Count(t => t == null).Should().Be(5);
        spam.Skip(5).Select(FullKey).Should().OnlyContain(k => k == "domain:spam.example");

        var others = new List<Exception?>();
        for (var i = 0; i < 5; i++)
        {
            others.Add(await TakeAsync(Acknowledging($"someone@other{i}.example")));
        }

        others.Count(t => t == null).Should().Be(3, "5 of the total of 8 went to spam.example");
        others.Skip(3).Select(FullKey).Should().OnlyContain(k => k == AcknowledgementBudget.AllKey);
    }

    [SkippableFact]
    public async Task AFullCounter_TakesNothing_NotEvenTheSendersCount()
    {
        for (var i = 0; i < 5; i++)
        {
            (await TakeAsync(Acknowledging($"victim{i}@spam.example"))).Should().BeNull();
        }

        // Refused for the domain: the sender's count and the address and total counts the refusal passed must not move.
        var refused = Acknowledging("new@spam.example") with { Sender = new SenderThrottle("new@spam.example", Now, 10) };
        FullKey(await TakeAsync(refused)).Should().Be("domain:spam.example");
        (await TakenAsync("AcknowledgementCounts", "CounterKey", "address:new@spam.example")).Should().Be(0);
        (await TakenAsync("AcknowledgementCounts", "CounterKey", "all")).Should().Be(5);
        (await TakenAsync("SenderCounts", "SenderAddress", "new@spam.example")).Should().Be(0);
    }

    [SkippableFact]
    public async Task Acknowledgements_StartAgainInTheNextWindow_AndForgetPastWindows()
    {
        for (var i = 0; i < 3; i++)
        {
            await TakeAsync(Acknowledging("zed@spam.example"));
        }

        (await TakeAsync(Acknowledging("zed@spam.example"))).Should().NotBeNull();
        (await TakeAsync(Acknowledging("zed@spam.example", Now.AddHours(1)))).Should().BeNull();

        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AcknowledgementCounts WHERE WindowStartUtc < @Start", new { Start = Now.AddMinutes(30) })).Should().Be(0);
    }

    [SkippableFact]
    public async Task Acknowledgements_NeverExceedALimit_UnderConcurrentIntake()
    {
        // Forty intakes at once from rotating addresses of one domain, each with its own write. The database is made
        // before they start, so all forty share it.
        var connections = Connections;
        var takers = Enumerable.Range(0, 40).Select(i => Task.Run(() => TakeAsync(connections, Acknowledging($"victim{i}@spam.example"))));
        var results = await Task.WhenAll(takers);

        results.Count(r => r == null).Should().Be(5);
        (await TakenAsync("AcknowledgementCounts", "CounterKey", "domain:spam.example")).Should().Be(5);
        (await TakenAsync("AcknowledgementCounts", "CounterKey", "all")).Should().Be(5);
    }

    [SkippableFact]
    public async Task TheSendersThrottle_LetsThroughTheLimitPerSenderAndWindow_AndNoMore()
    {
        var window = Now.AddMinutes(-5);
        var taken = new List<Exception?>();
        for (var i = 0; i < 4; i++)
        {
            taken.Add(await TakeAsync(Sending("robot@monitor.example", window, 3)));
        }

        taken.Take(3).Should().OnlyContain(t => t == null);
        taken[3].Should().BeOfType<SenderThrottledException>().Which.Throttle.Should().Be(new SenderThrottle("robot@monitor.example", window, 3));
        (await TakeAsync(Sending("someone@else.example", window, 3))).Should().BeNull("each sender has a count of their own");
        (await TakeAsync(Sending("robot@monitor.example", window.AddMinutes(10), 3))).Should().BeNull("a new window starts from nothing");
    }

    [SkippableFact]
    public async Task TheSendersThrottle_InParallel_LetsExactlyTheLimitThrough()
    {
        // Each taker writes on its own, as parallel intakes do; the database is made before they start.
        var window = Now.AddMinutes(-5);
        var connections = Connections;
        var attempts = Enumerable.Range(0, 12).Select(_ => Task.Run(() => TakeAsync(connections, Sending("burst@monitor.example", window, 5))));

        var taken = await Task.WhenAll(attempts);

        taken.Count(t => t == null).Should().Be(5);
        (await TakenAsync("SenderCounts", "SenderAddress", "burst@monitor.example")).Should().Be(5);
    }
}

public sealed class SqliteMailAllowanceRowsTests : MailAllowanceRowsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerMailAllowanceRowsTests : MailAllowanceRowsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
