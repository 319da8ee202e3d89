using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// Works out the SQL Server schema without a server: parses the scripts in order and replays their CREATE TABLE,
/// ALTER TABLE ADD/DROP, CREATE INDEX, DROP INDEX and DROP TABLE statements. The <c>dbo.</c> schema is dropped
/// from names so they compare with SQLite's.
/// </summary>
internal static class SqlServerScriptSchemaReader
{
    public static IReadOnlyList<TableSchema> Read(IEnumerable<(string Name, string Sql)> scripts)
    {
        var schema = new SchemaReplay();
        foreach (var (name, sql) in scripts)
        {
            using var reader = new StringReader(sql);
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{name} does not parse: line {errors[0].Line}: {errors[0].Message}");
            }

            schema.Script = name;
            fragment.Accept(schema);
        }

        return schema.Tables();
    }

    private sealed class SchemaReplay : TSqlFragmentVisitor
    {
        private readonly Dictionary<string, TableBeingBuilt> _tables = new(StringComparer.OrdinalIgnoreCase);

        public string Script { get; set; } = "";

        public List<TableSchema> Tables() =>
            _tables.Values
                .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .Select(t => new TableSchema(
                    t.Name,
                    t.Columns.ToList(),
                    t.Indexes.Values.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList()))
                .ToList();

        public override void Visit(CreateTableStatement node)
        {
            var table = new TableBeingBuilt(node.SchemaObjectName.BaseIdentifier.Value);
            _tables[table.Name] = table;
            Add(table, node.Definition);
        }

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Add(TableNamed(node.SchemaObjectName), node.Definition);

        public override void Visit(AlterTableDropTableElementStatement node)
        {
            var table = TableNamed(node.SchemaObjectName);
            foreach (var element in node.AlterTableDropTableElements)
            {
                switch (element.TableElementType)
                {
                    case TableElementType.Column:
                        table.Columns.RemoveAll(c => c.Equals(element.Name.Value, StringComparison.OrdinalIgnoreCase));
                        break;
                    case TableElementType.Index:
                        table.Indexes.Remove(element.Name.Value);
                        break;
                }
            }
        }

        public override void Visit(CreateIndexStatement node)
        {
            // SQLite has no INCLUDE: there a covering index lists the same columns as trailing keys.
            var columns = node.Columns.Select(ColumnName)
                .Concat(node.IncludeColumns.Select(column => column.MultiPartIdentifier.Identifiers[^1].Value))
                .ToList();
            var index = new IndexSchema(node.Name.Value, columns, node.Unique);
            TableNamed(node.OnName).Indexes[index.Name] = index;
        }

        public override void Visit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses)
            {
                switch (clause)
                {
                    // DROP INDEX IX ON dbo.Table
                    case DropIndexClause modern:
                        TableNamed(modern.Object).Indexes.Remove(modern.Index.Value);
                        break;

                    // DROP INDEX dbo.Table.IX
                    case BackwardsCompatibleDropIndexClause old:
                        TableNamed(old.Index.BaseIdentifier.Value).Indexes.Remove(old.Index.ChildIdentifier.Value);
                        break;
                }
            }
        }

        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                _tables.Remove(name.BaseIdentifier.Value);
            }
        }

        private static void Add(TableBeingBuilt table, TableDefinition definition)
        {
            table.Columns.AddRange(definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
            foreach (var index in definition.Indexes)
            {
                table.Indexes[index.Name.Value] = new IndexSchema(index.Name.Value, index.Columns.Select(ColumnName).ToList(), index.Unique);
            }
        }

        private static string ColumnName(ColumnWithSortOrder column) =>
            column.Column.MultiPartIdentifier.Identifiers[^1].Value;

        private TableBeingBuilt TableNamed(SchemaObjectName name) => TableNamed(name.BaseIdentifier.Value);

        private TableBeingBuilt TableNamed(string name) =>
            _tables.TryGetValue(name, out var table)
                ? table
                : throw new InvalidOperationException($"{Script} refers to table {name}, which no earlier script creates.");
    }

    private sealed class TableBeingBuilt(string name)
    {
        public string Name { get; } = name;

        public List<string> Columns { get; } = [];

        public Dictionary<string, IndexSchema> Indexes { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
