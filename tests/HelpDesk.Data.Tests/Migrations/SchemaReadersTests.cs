using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>The parity check is only as good as its readers: these prove they follow later migrations and that a
/// difference is reported by name.</summary>
public sealed class SchemaReadersTests
{
    [Fact]
    public void SqlServerReader_FollowsAlterAndDropStatements_InLaterScripts()
    {
        var tables = SqlServerScriptSchemaReader.Read(
        [
            ("0001.sql", """
                CREATE TABLE dbo.Tickets (Id INT NOT NULL CONSTRAINT PK_Tickets PRIMARY KEY, Title NVARCHAR(200) NOT NULL, Legacy INT NULL);
                CREATE INDEX IX_Tickets_Legacy ON dbo.Tickets (Legacy);
                CREATE TABLE dbo.Scratch (Id INT NOT NULL);
                """),
            ("0002.sql", """
                ALTER TABLE dbo.Tickets ADD Status VARCHAR(16) NOT NULL CONSTRAINT DF_Tickets_Status DEFAULT ('open');
                DROP INDEX IX_Tickets_Legacy ON dbo.Tickets;
                ALTER TABLE dbo.Tickets DROP COLUMN Legacy;
                GO
                IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'UX_Tickets_Title')
                    CREATE UNIQUE INDEX UX_Tickets_Title ON dbo.Tickets (Title, Status);
                DROP TABLE dbo.Scratch;
                """),
        ]);

        var ticket = tables.Should().ContainSingle().Subject;
        ticket.Name.Should().Be("Tickets");
        ticket.Columns.Should().Equal("Id", "Title", "Status");
        var index = ticket.Indexes.Should().ContainSingle().Subject;
        index.Should().BeEquivalentTo(new IndexSchema("UX_Tickets_Title", ["Title", "Status"], IsUnique: true));
    }

    [Fact]
    public async Task SqliteReader_ReadsNamedIndexes_ButNotKeysOrTheJournal()
    {
        using var db = TestDatabase.EmptySqlite();
        await using var connection = await db.Connections.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE SchemaVersions (Id INTEGER PRIMARY KEY);
                CREATE TABLE Tickets (Id INTEGER PRIMARY KEY AUTOINCREMENT, Code TEXT NOT NULL UNIQUE, Title TEXT NOT NULL);
                CREATE UNIQUE INDEX UX_Tickets_Title ON Tickets (Title, Code);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var tables = await SqliteSchemaReader.ReadAsync(connection);

        var ticket = tables.Should().ContainSingle().Subject;
        ticket.Columns.Should().Equal("Id", "Code", "Title");
        ticket.Indexes.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new IndexSchema("UX_Tickets_Title", ["Title", "Code"], IsUnique: true));
    }

    [Fact]
    public void Differences_NameTheTableColumnAndIndex_ThatDiffer()
    {
        TableSchema[] sqlite =
        [
            new("Tickets", ["Id", "Title"], [new IndexSchema("IX_Tickets_Title", ["Title"], false)]),
            new("Notes", ["Id"], []),
        ];
        TableSchema[] sqlServer =
        [
            new("tickets", ["ID", "Title", "Status"], [new IndexSchema("IX_Tickets_Title", ["Title"], true)]),
        ];

        SchemaDifferences.InTables(sqlite, sqlServer).Should().Equal("table Notes is in SQLite only");
        SchemaDifferences.InColumns(sqlite, sqlServer).Should().Equal("column Tickets.Status is in SQL Server only");
        SchemaDifferences.InIndexes(sqlite, sqlServer).Should().Equal(
            "index Tickets.IX_Tickets_Title is (Title) in SQLite but unique (Title) in SQL Server");
    }
}
