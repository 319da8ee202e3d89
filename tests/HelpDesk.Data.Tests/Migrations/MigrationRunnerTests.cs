using Dapper;
using DbUp.Engine;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Data.Tests.Migrations;

public abstract class MigrationRunnerTests : EmptyDatabaseTestBase
{
    private static readonly SqlScript First = new("0001_first.sql", "CREATE TABLE First (Id INTEGER NOT NULL);");

    // Valid on both engines; the INSERT fails only when it runs, after Probe has been created.
    private static readonly SqlScript FailsHalfway = new(
        "0002_probe.sql",
        """
        CREATE TABLE Probe (Id INTEGER NOT NULL);
        INSERT INTO NoSuchTable VALUES (1);
        """);

    private static readonly SqlScript Fixed = new(
        "0002_probe.sql",
        """
        CREATE TABLE Probe (Id INTEGER NOT NULL);
        INSERT INTO Probe VALUES (1);
        """);

    [SkippableFact]
    public async Task Run_AppliesAndJournalsEveryEmbeddedScript_OnAnEmptyDatabase()
    {
        var expected = MigrationRunner.EmbeddedScripts(Provider).Select(s => s.Name).ToList();

        var result = Runner().Run();

        expected.Should().NotBeEmpty();
        result.Successful.Should().BeTrue(result.Error);
        result.Applied.Should().Equal(expected);
        (await JournalAsync()).Should().Equal(expected);
    }

    [SkippableFact]
    public async Task Run_AppliesNothing_WhenEveryScriptIsJournalled()
    {
        Runner().Run().Successful.Should().BeTrue();

        var again = Runner().Run();

        again.Successful.Should().BeTrue(again.Error);
        again.Applied.Should().BeEmpty();
        (await JournalAsync()).Should().Equal(MigrationRunner.EmbeddedScripts(Provider).Select(s => s.Name));
    }

    [SkippableFact]
    public async Task Run_RollsBackAScriptThatFailsHalfway_AndLeavesItOutOfTheJournal()
    {
        var result = Runner().Run([First, FailsHalfway]);

        result.Successful.Should().BeFalse();
        result.FailedScript.Should().Be(FailsHalfway.Name);
        result.Error.Should().Contain("NoSuchTable");
        (await JournalAsync()).Should().Equal(First.Name);
        (await TableExistsAsync("First")).Should().BeTrue("the script before the failing one stays applied");
        (await TableExistsAsync("Probe")).Should().BeFalse("the failing script's first statement is rolled back");
    }

    [SkippableFact]
    public async Task Run_AppliesAFixedScript_AfterItFailedBefore()
    {
        Runner().Run([First, FailsHalfway]).Successful.Should().BeFalse();

        var result = Runner().Run([First, Fixed]);

        result.Successful.Should().BeTrue(result.Error);
        result.Applied.Should().Equal(Fixed.Name);
        (await JournalAsync()).Should().Equal(First.Name, Fixed.Name);
        await using var connection = await Database().Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Probe")).Should().Be(1);
    }

    private MigrationRunner Runner() => new(Database().Options, NullLogger<MigrationRunner>.Instance);

    private async Task<List<string>> JournalAsync()
    {
        await using var connection = await Database().Connections.OpenAsync();
        var names = await connection.QueryAsync<string>($"SELECT ScriptName FROM {MigrationRunner.JournalTable} ORDER BY ScriptName");
        return names.ToList();
    }

    private async Task<bool> TableExistsAsync(string table)
    {
        var sql = Provider == DatabaseProvider.SqlServer
            ? "SELECT COUNT(*) FROM sys.tables WHERE name = @Table"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Table";
        await using var connection = await Database().Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql, new { Table = table }) > 0;
    }
}

public sealed class SqliteMigrationRunnerTests : MigrationRunnerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerMigrationRunnerTests : MigrationRunnerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
