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
}

public sealed class SqliteDapperConfigurationTests : DapperConfigurationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerDapperConfigurationTests : DapperConfigurationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
