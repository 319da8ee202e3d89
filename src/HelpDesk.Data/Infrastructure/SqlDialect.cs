using System.Globalization;

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
        topClause: "LIMIT @Take",
        idList: "SELECT value AS Id FROM json_each(@{0})",
        bigIdList: "SELECT value AS Id FROM json_each(@{0})");

    public static readonly SqlDialect SqlServer = new(
        name: "SqlServer",
        selectInsertedId: "SELECT CAST(SCOPE_IDENTITY() AS int);",
        utcNow: "SYSUTCDATETIME()",
        pageClause: "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        topClause: "OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY",
        idList: "SELECT CAST(value AS int) AS Id FROM OPENJSON(@{0})",
        bigIdList: "SELECT CAST(value AS bigint) AS Id FROM OPENJSON(@{0})");

    private readonly string _idList;
    private readonly string _bigIdList;

    private SqlDialect(string name, string selectInsertedId, string utcNow, string pageClause, string topClause, string idList, string bigIdList)
    {
        _idList = idList;
        _bigIdList = bigIdList;
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

    /// <summary>
    /// <c>(subquery)</c> of the int ids held by one parameter as a JSON array (<see cref="IdsJson{T}"/>), in a column
    /// <c>Id</c>, to follow <c>IN</c> or as a derived table: one parameter however many ids. Dapper's <c>IN @Ids</c> becomes one parameter per id, each bound by
    /// name in every statement of the command, which cost more than the queries over a batch of a thousand.
    /// </summary>
    public string IdList(string parameter) => $"({string.Format(CultureInfo.InvariantCulture, _idList, parameter)})";

    /// <summary><see cref="IdList"/> for bigint ids.</summary>
    public string BigIdList(string parameter) => $"({string.Format(CultureInfo.InvariantCulture, _bigIdList, parameter)})";

    /// <summary>The value of an <see cref="IdList"/> parameter: the ids as a JSON array.</summary>
    public static string IdsJson<T>(IEnumerable<T> ids) where T : struct, IFormattable =>
        $"[{string.Join(',', ids.Select(id => id.ToString(null, CultureInfo.InvariantCulture)))}]";

    /// <summary>An INSERT statement followed by the query that returns its identity value.</summary>
    public string InsertReturningId(string insertSql) => $"{insertSql.TrimEnd().TrimEnd(';')};\n{SelectInsertedId}";

    public override string ToString() => Name;
}
