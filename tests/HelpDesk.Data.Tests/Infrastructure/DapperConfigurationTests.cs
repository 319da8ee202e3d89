using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

public abstract class DapperConfigurationTests : ProviderTestBase
{
    [SkippableFact]
    public async Task DateTimes_ComeBackAsUtc_WithTheSameInstant()
    {
        var written = new DateTime(2026, 11, 23, 14, 5, 6, 789, DateTimeKind.Utc);
        await using var connection = await Connections.OpenAsync();

        await connection.ExecuteAsync(
            "INSERT INTO DataProtectionKeys (FriendlyName, Xml, CreatedUtc) VALUES (@Name, @Xml, @CreatedUtc)",
            new { Name = "probe", Xml = "<key/>", CreatedUtc = written });
        var read = await connection.QuerySingleAsync<DateTime>("SELECT CreatedUtc FROM DataProtectionKeys WHERE FriendlyName = 'probe'");

        read.Kind.Should().Be(DateTimeKind.Utc);
        read.Should().Be(written);
    }

    [SkippableFact]
    public async Task DateOnlys_RoundTrip_AsIsoDaysInSqlite_AndNullStaysNull()
    {
        await using var connection = await Connections.OpenAsync();
        var productId = await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(
            "INSERT INTO Products (Code, Name, Description, CreatedUtc, Version) VALUES ('ledger', 'Ledger', '', @Now, 1)"), new { Now = DateTime.UtcNow });

        await connection.ExecuteAsync(
            "INSERT INTO ProductReleases (ProductId, Name, ReleasedOn, EndOfSupportOn) VALUES (@ProductId, @Name, @ReleasedOn, @EndOfSupportOn)",
            new[]
            {
                new { ProductId = productId, Name = "1.0", ReleasedOn = new DateOnly(2024, 2, 29), EndOfSupportOn = (DateOnly?)new DateOnly(2026, 12, 31) },
                new { ProductId = productId, Name = "2.0", ReleasedOn = new DateOnly(2025, 10, 1), EndOfSupportOn = (DateOnly?)null },
            });
        var read = (await connection.QueryAsync<(DateOnly ReleasedOn, DateOnly? EndOfSupportOn)>(
            "SELECT ReleasedOn, EndOfSupportOn FROM ProductReleases WHERE ReleasedOn < @Before ORDER BY ReleasedOn", new { Before = new DateOnly(2026, 1, 1) })).AsList();

        read.Should().Equal((new DateOnly(2024, 2, 29), new DateOnly(2026, 12, 31)), (new DateOnly(2025, 10, 1), null));
        if (Provider == DatabaseProvider.Sqlite)
        {
            (await connection.QueryAsync<string>("SELECT ReleasedOn FROM ProductReleases ORDER BY ReleasedOn")).Should().Equal("2024-02-29", "2025-10-01");
        }
    }
}

public sealed class SqliteDapperConfigurationTests : DapperConfigurationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerDapperConfigurationTests : DapperConfigurationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
