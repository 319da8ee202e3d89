using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// <see cref="SqlDialect.IdList"/>: ids in one JSON parameter select what an IN list of them would, with none, a few
/// and more than SQL Server's 2,100 parameters allow.
/// </summary>
public abstract class IdListTests : ProviderTestBase
{
    [SkippableTheory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(3000)]
    public async Task Ids_in_one_parameter_select_as_an_in_list_would(int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => i * 7).ToList();
        await using var connection = await Connections.OpenAsync();
        var rows = await connection.QueryAsync<int>(new CommandDefinition(
            $"SELECT x.Id FROM {Connections.Dialect.IdList("Ids")} x WHERE x.Id IN {Connections.Dialect.IdList("Ids")} ORDER BY x.Id", new { Ids = SqlDialect.IdsJson(ids) }));
        var wide = await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT x.Id FROM {Connections.Dialect.BigIdList("Ids")} x ORDER BY x.Id", new { Ids = SqlDialect.IdsJson(ids.Select(i => i + 5_000_000_000L)) }));

        rows.Should().Equal(ids);
        wide.Should().Equal(ids.Select(i => i + 5_000_000_000L));
    }
}

public sealed class SqliteIdListTests : IdListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerIdListTests : IdListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
