namespace HelpDesk.Data.Tests.Migrations;

/// <summary>Lists, in words, how the SQLite and SQL Server schemas differ. Names compare case-insensitively, as
/// both engines treat them.</summary>
internal static class SchemaDifferences
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    public static IReadOnlyList<string> InTables(IReadOnlyList<TableSchema> sqlite, IReadOnlyList<TableSchema> sqlServer) =>
        OnlyIn(sqlite.Select(t => t.Name), sqlServer.Select(t => t.Name), "table {0}");

    public static IReadOnlyList<string> InColumns(IReadOnlyList<TableSchema> sqlite, IReadOnlyList<TableSchema> sqlServer) =>
        TablesInBoth(sqlite, sqlServer)
            .SelectMany(pair => OnlyIn(pair.Sqlite.Columns, pair.SqlServer.Columns, $"column {pair.Sqlite.Name}.{{0}}"))
            .ToList();

    public static IReadOnlyList<string> InIndexes(IReadOnlyList<TableSchema> sqlite, IReadOnlyList<TableSchema> sqlServer)
    {
        var differences = new List<string>();
        foreach (var (sqliteTable, sqlServerTable) in TablesInBoth(sqlite, sqlServer))
        {
            differences.AddRange(OnlyIn(
                sqliteTable.Indexes.Select(i => i.Name),
                sqlServerTable.Indexes.Select(i => i.Name),
                $"index {sqliteTable.Name}.{{0}}"));

            var sqlServerIndexes = sqlServerTable.Indexes.ToDictionary(i => i.Name, Names);
            foreach (var index in sqliteTable.Indexes)
            {
                if (sqlServerIndexes.TryGetValue(index.Name, out var other)
                    && (index.IsUnique != other.IsUnique || !index.Columns.SequenceEqual(other.Columns, Names)))
                {
                    differences.Add($"index {sqliteTable.Name}.{index.Name} is {index.Describe()} in SQLite but {other.Describe()} in SQL Server");
                }
            }
        }

        return differences;
    }

    private static IEnumerable<(TableSchema Sqlite, TableSchema SqlServer)> TablesInBoth(
        IReadOnlyList<TableSchema> sqlite, IReadOnlyList<TableSchema> sqlServer)
    {
        var sqlServerTables = sqlServer.ToDictionary(t => t.Name, Names);
        return sqlite
            .Where(t => sqlServerTables.ContainsKey(t.Name))
            .Select(t => (t, sqlServerTables[t.Name]));
    }

    private static List<string> OnlyIn(IEnumerable<string> sqlite, IEnumerable<string> sqlServer, string what)
    {
        var sqliteNames = sqlite.ToHashSet(Names);
        var sqlServerNames = sqlServer.ToHashSet(Names);
        return sqliteNames.Except(sqlServerNames, Names).Order(Names)
                .Select(name => string.Format(System.Globalization.CultureInfo.InvariantCulture, what, name) + " is in SQLite only")
            .Concat(sqlServerNames.Except(sqliteNames, Names).Order(Names)
                .Select(name => string.Format(System.Globalization.CultureInfo.InvariantCulture, what, name) + " is in SQL Server only"))
            .ToList();
    }
}
