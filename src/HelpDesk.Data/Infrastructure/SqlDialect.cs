using System.Globalization;
using System.Text;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Every place where the SQL of SQLite and SQL Server differs. Everything else is written once in the
/// subset both engines run. Keep this list short: a new entry needs a reason the portable SQL cannot give.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(
        name: "Sqlite",
        insertedId: "{0} RETURNING Id",
        utcNow: "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        pageClause: "LIMIT @Take OFFSET @Skip",
        topClause: "LIMIT @Take",
        idList: "SELECT value AS Id FROM json_each(@{0})",
        bigIdList: "SELECT value AS Id FROM json_each(@{0})");

    public static readonly SqlDialect SqlServer = new(
        name: "SqlServer",
        insertedId: "{0};\nSELECT CAST(SCOPE_IDENTITY() AS int);",
        utcNow: "SYSUTCDATETIME()",
        pageClause: "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        topClause: "OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY",
        idList: "SELECT CAST(value AS int) AS Id FROM OPENJSON(@{0})",
        bigIdList: "SELECT CAST(value AS bigint) AS Id FROM OPENJSON(@{0})");

    private readonly string _idList;
    private readonly string _bigIdList;

    private readonly CompositeFormat _insertedId;

    private SqlDialect(string name, string insertedId, string utcNow, string pageClause, string topClause, string idList, string bigIdList)
    {
        _idList = idList;
        _bigIdList = bigIdList;
        Name = name;
        _insertedId = CompositeFormat.Parse(insertedId);
        UtcNow = utcNow;
        PageClause = pageClause;
        TopClause = topClause;
    }

    public string Name { get; }

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

    /// <summary>
    /// Placed after a table's alias: read it through this index. SQLite's planner, guessing how many rows a filter
    /// keeps, would otherwise often collect every matching row and sort them, where reading the index that holds the
    /// list's order stops after one page. SQL Server's planner weighs a TOP against the order itself: no hint.
    /// </summary>
    public string ReadThrough(string index) => this == Sqlite ? $"INDEXED BY {index}" : "";

    /// <summary>
    /// <c>(subquery)</c> of the ids of tickets whose text (subject, requester, replies and, when
    /// <paramref name="withNotes"/>, internal notes) holds every word of <paramref name="parameter"/>, whose value is
    /// <see cref="TicketSearchQuery"/>: FTS5's MATCH on SQLite, CONTAINS on SQL Server, over the table TicketSearch.
    /// </summary>
    public string TicketSearchIds(string parameter, bool withNotes) => this == Sqlite
        ? $"(SELECT rowid FROM TicketSearch WHERE TicketSearch MATCH @{parameter})"
        : $"(SELECT TicketId FROM TicketSearch WHERE CONTAINS(({SearchColumns(withNotes)}), @{parameter}))";

    /// <summary>
    /// A statement returning, as <c>Id</c>, the first <c>@<paramref name="limit"/></c> tickets whose text holds every
    /// word of <paramref name="parameter"/>, as <see cref="TicketSearchIds"/> finds them, in no particular order or,
    /// with <paramref name="newestFirst"/>, the newest, newest first (SQLite's full-text index reads its lists
    /// backwards, which costs more for a prefix); the full-text index stops reading there.
    /// </summary>
    public string TicketSearchFirst(string parameter, bool withNotes, string limit, bool newestFirst = false) => this == Sqlite
        ? $"SELECT rowid AS Id FROM TicketSearch WHERE TicketSearch MATCH @{parameter}{(newestFirst ? " ORDER BY rowid DESC" : "")} LIMIT @{limit}"
        : $"SELECT TOP (@{limit}) TicketId AS Id FROM TicketSearch WHERE CONTAINS(({SearchColumns(withNotes)}), @{parameter}){(newestFirst ? " ORDER BY TicketId DESC" : "")}";

    /// <summary>
    /// A condition on the ticket aliased <c>t</c>: its text holds every word of <paramref name="parameter"/>, checked
    /// for that one ticket (on SQLite a seek in each term's list of the full-text index by the ticket's id), so a list
    /// read in index order stops after its page instead of gathering every matching id first.
    /// </summary>
    public string TicketSearchHolds(string parameter, bool withNotes) => this == Sqlite
        ? $"EXISTS (SELECT 1 FROM TicketSearch WHERE TicketSearch MATCH @{parameter} AND TicketSearch.rowid = t.Id)"
        : $"EXISTS (SELECT 1 FROM TicketSearch s WHERE s.TicketId = t.Id AND CONTAINS(({SearchColumns(withNotes)}), @{parameter}))";

    /// <summary>Deletes the text search documents of the tickets whose ids are the id list <paramref name="parameter"/> (see <see cref="IdList"/>).</summary>
    public string TicketSearchDelete(string parameter) => this == Sqlite
        ? $"DELETE FROM TicketSearch WHERE rowid IN {IdList(parameter)}"
        : $"DELETE FROM TicketSearch WHERE TicketId IN {IdList(parameter)}";

    /// <summary>
    /// Writes the text search document of each ticket whose id is in the id list <paramref name="parameter"/>, whole:
    /// its subject, its requester's name and address, its replies and its internal notes. A ticket with no row writes
    /// none.
    /// </summary>
    public string TicketSearchWrite(string parameter) => this == Sqlite
        ? $"""
          INSERT INTO TicketSearch (rowid, TicketId, Subject, Requester, Replies, Notes)
          SELECT t.Id, t.Id, t.Subject,
                 COALESCE((SELECT u.DisplayName || ' ' || u.Email FROM Users u WHERE u.Id = t.RequesterId), ''),
                 COALESCE((SELECT group_concat(m.BodyText, char(10)) FROM TicketMessages m WHERE m.TicketId = t.Id AND m.Kind = 'Reply'), ''),
                 COALESCE((SELECT group_concat(m.BodyText, char(10)) FROM TicketMessages m WHERE m.TicketId = t.Id AND m.Kind <> 'Reply'), '')
          FROM Tickets t
          WHERE t.Id IN {IdList(parameter)}
          """
        : $"""
          INSERT INTO TicketSearch (TicketId, Subject, Requester, Replies, Notes)
          SELECT t.Id, t.Subject, COALESCE(u.DisplayName + N' ' + u.Email, N''),
                 COALESCE((SELECT STRING_AGG(CAST(m.BodyText AS NVARCHAR(MAX)), NCHAR(10)) FROM TicketMessages AS m WHERE m.TicketId = t.Id AND m.Kind = 'Reply'), N''),
                 COALESCE((SELECT STRING_AGG(CAST(m.BodyText AS NVARCHAR(MAX)), NCHAR(10)) FROM TicketMessages AS m WHERE m.TicketId = t.Id AND m.Kind <> 'Reply'), N'')
          FROM Tickets AS t LEFT JOIN Users AS u ON u.Id = t.RequesterId
          WHERE t.Id IN {IdList(parameter)}
          """;

    // SQL Server names the searched columns in CONTAINS; internal notes only for staff.
    private static string SearchColumns(bool withNotes) => withNotes ? "Subject, Requester, Replies, Notes" : "Subject, Requester, Replies";

    /// <summary>Placed after a table's alias: read it by its primary key only (SQLite's NOT INDEXED), never through another index.</summary>
    public string ByKeyOnly => this == Sqlite ? "NOT INDEXED" : "";

    /// <summary>
    /// The words as the engine's full-text query: each word quoted (so nothing in it is an operator) and matched as a
    /// word's start, all required. SQLite names the columns in the query; SQL Server in <see cref="TicketSearchIds"/>.
    /// </summary>
    public string TicketSearchQuery(IReadOnlyList<string> words, bool withNotes)
    {
        ArgumentNullException.ThrowIfNull(words);
        return TicketSearchQuery([.. words.Select(w => new SearchTerm(w, null))], withNotes);
    }

    /// <summary>
    /// <see cref="TicketSearchQuery(IReadOnlyList{string}, bool)"/> with the words SQLite's index has named the whole
    /// words of (<see cref="SearchTerm.Tokens"/>) asked for as any of those words, which finds the same tickets as the
    /// word's prefix while letting the index seek; SQL Server always asks for the prefix.
    /// </summary>
    public string TicketSearchQuery(IReadOnlyList<SearchTerm> terms, bool withNotes)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (this == Sqlite)
        {
            var query = string.Join(" AND ", terms.Select(term => term.Tokens switch
            {
                null => $"{Quoted(term.Word)}*",
                [var token] => Quoted(token),
                var tokens => $"({string.Join(" OR ", tokens.Select(Quoted))})",
            }));
            return withNotes ? query : $"{{Subject Requester Replies}} : ({query})";
        }

        return string.Join(" AND ", terms.Select(term => Quoted(term.Word + "*")));

        static string Quoted(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>
    /// An INSERT into a table with an identity key <c>Id</c> that returns the new key as a scalar: on SQLite one statement
    /// (<c>RETURNING Id</c>; no row when nothing was inserted), on SQL Server the INSERT then <c>SCOPE_IDENTITY()</c>.
    /// </summary>
    public string InsertReturningId(string insertSql) =>
        string.Format(CultureInfo.InvariantCulture, _insertedId, insertSql.TrimEnd().TrimEnd(';'));

    public override string ToString() => Name;
}

/// <summary>
/// One word of a text search: matched as the start of a word, or, when <see cref="Tokens"/> is set, as any of those
/// whole words — every word the full-text index holds that starts with <see cref="Word"/>.
/// </summary>
public sealed record SearchTerm(string Word, IReadOnlyList<string>? Tokens);
