namespace HelpDesk.Data.Tests.Migrations;

/// <summary>What the schema parity check compares of a table: its column names and its secondary indexes.
/// Types are left out on purpose — the two engines spell them differently (TEXT vs NVARCHAR(256)).</summary>
internal sealed record TableSchema(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IndexSchema> Indexes);

internal sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, bool IsUnique)
{
    public string Describe() => $"{(IsUnique ? "unique " : "")}({string.Join(", ", Columns)})";
}
