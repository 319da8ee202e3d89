using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// The SQL Server scripts are checked here even when no SQL Server is at hand: each must parse as T-SQL, and the
/// two dialects must have the same numbered scripts so neither engine misses a migration.
/// </summary>
public sealed class SqlServerScriptTests
{
    public static TheoryData<string> SqlServerScripts()
    {
        var data = new TheoryData<string>();
        foreach (var name in MigrationScriptFiles.Names(MigrationScriptFiles.SqlServerFolder))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void Script_ParsesAsTSql_WithoutErrors(string fileName)
    {
        using var reader = File.OpenText(Path.Combine(MigrationScriptFiles.SqlServerFolder, fileName));

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")
            .Should().BeEmpty($"db/sqlserver/{fileName} must be valid T-SQL");
    }

    [Fact]
    public void FullTextIndexStatement_ParsesAsTSql_WithoutErrors()
    {
        using var reader = new StringReader(HelpDesk.Data.Migrations.SqlServerFullText.Sql);

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").Should().BeEmpty("the full-text catalog and index are made after the scripts");
    }

    [Fact]
    public void ScriptFolders_HoldAtLeastOneScript()
    {
        MigrationScriptFiles.Names(MigrationScriptFiles.SqliteFolder).Should().NotBeEmpty("db/sqlite holds the SQLite migrations");
        MigrationScriptFiles.Names(MigrationScriptFiles.SqlServerFolder).Should().NotBeEmpty("db/sqlserver holds the SQL Server migrations");
    }

    [Fact]
    public void ScriptFolders_HoldTheSameScripts_InTheSameOrder()
    {
        var sqlite = MigrationScriptFiles.Names(MigrationScriptFiles.SqliteFolder);
        var sqlServer = MigrationScriptFiles.Names(MigrationScriptFiles.SqlServerFolder);

        sqlServer.Should().Equal(sqlite, "every migration needs a script for each engine, with the same number and name");
    }
}
