using System.Globalization;
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

public sealed class StoredTimeTests
{
    [Theory]
    [InlineData("2026-11-23 14:05:06")]
    [InlineData("2026-11-23T14:05:06")]
    [InlineData("2026-11-23 14:05:06.7")]
    [InlineData("2026-11-23 14:05:06.789")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.1234567")]
    public void StoredText_IsReadAsTheGeneralParserReadsIt(string text)
    {
        DapperConfiguration.TryParseStored(text, out var read).Should().BeTrue();

        read.Kind.Should().Be(DateTimeKind.Utc);
        read.Should().Be(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        DapperConfiguration.ToUtc(text).Should().Be(read);
    }

    [Theory]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-23 14:05:06Z")]
    [InlineData("2026-11-23 14:05:06+02:00")]
    [InlineData("2026-11-23 14:05:06.")]
    [InlineData("2026-11-23 14:05:06.12345678")]
    [InlineData("2025-02-29 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-11-23 24:00:00")]
    [InlineData("2026-11-23 14:5:06.1")]
    [InlineData("2026/11/23 14:05:06")]
    public void OtherText_IsLeftToTheGeneralParser(string text)
    {
        DapperConfiguration.TryParseStored(text, out _).Should().BeFalse();
    }

    [Fact]
    public void TextWithAnOffset_IsStillReadByTheGeneralParser_AsUtc()
    {
        DapperConfiguration.ToUtc("2026-11-23 14:05:06+02:00").Should().Be(new DateTime(2026, 11, 23, 12, 5, 6, DateTimeKind.Utc));
    }
}

public sealed class StoredDayTests
{
    [Theory]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2026-11-23 14:05:06", "2026-11-23")]
    [InlineData("0001-01-01", "0001-01-01")]
    public void StoredText_IsReadAsItsFirstTenCharacters(string text, string expected)
    {
        DapperConfiguration.TryParseStoredDay(text, out var day).Should().BeTrue();

        day.Should().Be(DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("2026-1-23")]
    [InlineData("2026/11/23")]
    [InlineData("20261123")]
    public void OtherText_IsLeftToTheExactParser(string text)
    {
        DapperConfiguration.TryParseStoredDay(text, out _).Should().BeFalse();
    }
}
