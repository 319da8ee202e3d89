using System.Data.Common;
using Dapper;
using HelpDesk.Data.Migrations;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// Reads the tables, columns and indexes of a live SQLite database from its catalog. A full-text (virtual) table counts
/// as a table; the shadow tables SQLite keeps its index in do not, as SQL Server keeps its own out of sight.
/// </summary>
internal static class SqliteSchemaReader
{
    public static async Task<IReadOnlyList<TableSchema>> ReadAsync(DbConnection connection)
    {
        var tableNames = await connection.QueryAsync<string>(
            """
            SELECT name FROM pragma_table_list
            WHERE schema = 'main' AND type IN ('table', 'virtual')
              AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> @Journal
            ORDER BY name
            """,
            new { Journal = MigrationRunner.JournalTable });

        var tables = new List<TableSchema>();
        foreach (var table in tableNames)
        {
            var columns = await connection.QueryAsync<string>(
                "SELECT name FROM pragma_table_info(@Table) ORDER BY cid",
                new { Table = table });
            tables.Add(new TableSchema(table, columns.ToList(), await ReadIndexesAsync(connection, table)));
        }

        return tables;
    }

    private static async Task<IReadOnlyList<IndexSchema>> ReadIndexesAsync(DbConnection connection, string table)
    {
        // Primary keys and UNIQUE constraints show up as sqlite_autoindex_* (origin 'pk' / 'u'); only indexes a
        // migration created by name are compared, as the SQL Server side names its own constraints differently.
        var rows = await connection.QueryAsync<IndexRow>(
            """
            SELECT name AS Name, "unique" AS IsUnique
            FROM pragma_index_list(@Table)
            WHERE origin <> 'pk' AND name NOT LIKE 'sqlite\_autoindex\_%' ESCAPE '\'
            ORDER BY name
            """,
            new { Table = table });

        var indexes = new List<IndexSchema>();
        foreach (var row in rows)
        {
            var columns = await connection.QueryAsync<string>(
                "SELECT name FROM pragma_index_info(@Index) ORDER BY seqno",
                new { Index = row.Name });
            indexes.Add(new IndexSchema(row.Name, columns.ToList(), row.IsUnique != 0));
        }

        return indexes;
    }

    private sealed class IndexRow
    {
        public string Name { get; init; } = "";

        public long IsUnique { get; init; }
    }
}
