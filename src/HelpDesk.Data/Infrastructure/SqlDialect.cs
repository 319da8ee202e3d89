namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Every place where the SQL of SQLite and SQL Server differs. Everything else is written once in the
/// subset both engines run. Keep this list short: a new entry needs a reason the portable SQL cannot give.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(
        name: "Sqlite",
        selectInsertedId: "SELECT last_insert_rowid();",
        utcNow: "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        pageClause: "LIMIT @Take OFFSET @Skip",
        topClause: "LIMIT @Take");

    public static readonly SqlDialect SqlServer = new(
        name: "SqlServer",
        selectInsertedId: "SELECT CAST(SCOPE_IDENTITY() AS int);",
        utcNow: "SYSUTCDATETIME()",
        pageClause: "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        topClause: "OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");

    private SqlDialect(string name, string selectInsertedId, string utcNow, string pageClause, string topClause)
    {
        Name = name;
        SelectInsertedId = selectInsertedId;
        UtcNow = utcNow;
        PageClause = pageClause;
        TopClause = topClause;
    }

    public string Name { get; }

    /// <summary>Appended after an INSERT into a table with an identity key: returns the new key as a scalar.</summary>
    public string SelectInsertedId { get; }

    /// <summary>The database's current UTC time, for the rare statement that cannot take it as a parameter.</summary>
    public string UtcNow { get; }

    /// <summary>Placed after ORDER BY: skips <c>@Skip</c> rows and returns <c>@Take</c>.</summary>
    public string PageClause { get; }

    /// <summary>Placed after ORDER BY: returns the first <c>@Take</c> rows.</summary>
    public string TopClause { get; }

    /// <summary>An INSERT statement followed by the query that returns its identity value.</summary>
    public string InsertReturningId(string insertSql) => $"{insertSql.TrimEnd().TrimEnd(';')};\n{SelectInsertedId}";

    public override string ToString() => Name;
}
