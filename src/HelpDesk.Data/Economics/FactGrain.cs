namespace HelpDesk.Data.Economics;

/// <summary>
/// One grain of summed facts the incremental run keeps, daily cells or monthly cells: the table read by the dashboards,
/// the table listing the cells a batch touched, and the table their new sums are written to first. From the sums it
/// removes the touched cells left with no sources, updates the others in place — only the row changes, not the indexes
/// a delete and insert would rewrite — and adds the new ones. The texts hold only these constant names.
/// </summary>
internal sealed class FactGrain(string facts, string dirty, string sums, string lead)
{
    private readonly string[] _key = [lead, .. FactColumns.Key.Split(", ")];

    public string Facts => facts;

    // The leading column lists first the values with emptied cells, which lets the engine seek those rows by it.
    public string RemoveEmptied => $"""
        DELETE FROM {facts}
        WHERE {facts}.{lead} IN (
                SELECT d.{lead} FROM {dirty} d
                WHERE NOT EXISTS (SELECT 1 FROM {sums} s WHERE {Match("s", "d")}))
          AND EXISTS (SELECT 1 FROM {dirty} d WHERE {Match("d", facts)})
          AND NOT EXISTS (SELECT 1 FROM {sums} s WHERE {Match("s", facts)})
        """;

    public string Update => $"""
        UPDATE {facts} SET {string.Join(", ", FactColumns.Measures.Select(m => $"{m} = s.{m}"))}
        FROM {sums} s
        WHERE {Match("s", facts)}
        """;

    public string Add => $"""
        INSERT INTO {facts} ({string.Join(", ", _key)}, {FactColumns.MeasureList})
        SELECT {string.Join(", ", _key.Select(k => "s." + k))}, {FactColumns.MeasureList} FROM {sums} s
        WHERE NOT EXISTS (SELECT 1 FROM {facts} f WHERE {Match("f", "s")})
        """;

    public IEnumerable<string> WriteSums => [RemoveEmptied, Update, Add];

    private string Match(string left, string right) => FactColumns.Match(string.Join(", ", _key), left, right);
}
