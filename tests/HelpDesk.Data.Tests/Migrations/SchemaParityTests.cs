using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// The SQLite and SQL Server migrations must build the same schema: the same tables, columns and indexes. SQLite's
/// schema is read from a database the migrations were applied to; SQL Server's is replayed from its scripts, so the
/// check runs without a server.
/// </summary>
public sealed class SchemaParityTests : IAsyncLifetime
{
    private IReadOnlyList<TableSchema> _sqlite = [];
    private IReadOnlyList<TableSchema> _sqlServer = [];

    public async Task InitializeAsync()
    {
        using (var db = TestDatabase.MigratedSqlite())
        await using (var connection = await db.Connections.OpenAsync())
        {
            _sqlite = await SqliteSchemaReader.ReadAsync(connection);
        }

        _sqlServer = SqlServerScriptSchemaReader.Read(
            MigrationScriptFiles.Names(MigrationScriptFiles.SqlServerFolder)
                .Select(name => (name, File.ReadAllText(Path.Combine(MigrationScriptFiles.SqlServerFolder, name)))));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Migrations_CreateTables()
    {
        _sqlite.Should().NotBeEmpty("the SQLite migrations create tables");
        _sqlServer.Should().NotBeEmpty("the SQL Server migrations create tables");
    }

    [Fact]
    public void Engines_HaveTheSameTables()
    {
        SchemaDifferences.InTables(_sqlite, _sqlServer).Should().BeEmpty("both engines' migrations must create the same tables");
    }

    [Fact]
    public void Engines_HaveTheSameColumns_InEachTable()
    {
        SchemaDifferences.InColumns(_sqlite, _sqlServer).Should().BeEmpty("both engines' migrations must create the same columns");
    }

    [Fact]
    public void Engines_HaveTheSameIndexes_InEachTable()
    {
        SchemaDifferences.InIndexes(_sqlite, _sqlServer).Should().BeEmpty("both engines' migrations must create the same indexes");
    }
}
