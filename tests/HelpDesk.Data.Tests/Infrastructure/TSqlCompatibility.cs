using System.Text.RegularExpressions;
using HelpDesk.Data.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>
/// Parses SQL that ran on SQLite as T-SQL, after swapping the dialect seam's SQLite pieces for SQL Server's,
/// to catch SQLite-only syntax in statements meant for both engines.
/// </summary>
public static partial class TSqlCompatibility
{
    public static IReadOnlyList<string> Problems(IEnumerable<string> sqliteStatements)
    {
        var problems = new List<string>();
        foreach (var statement in sqliteStatements)
        {
            // SQLite's own lookup of the whole words a search word starts; SQL Server's CONTAINS takes the prefix itself.
            if (statement == HelpDesk.Data.Tickets.TicketSearchTokens.Statement)
            {
                continue;
            }

            // SQLite's own statements of the economics rebuild's swap, run only on SQLite: SQL Server copies the rows instead.
            if (statement == HelpDesk.Data.Economics.EconomicsStore.SqliteRenameBuildTables
                || statement == HelpDesk.Data.Economics.EconomicsStore.SqliteSortInMemory
                || statement == HelpDesk.Data.Economics.EconomicsStore.SqliteDefaultSort)
            {
                continue;
            }

            // Whole statements first: they hold an id list of their own.
            var tsql = statement
                .Replace(SqlDialect.Sqlite.TicketSearchDelete("Ids"), SqlDialect.SqlServer.TicketSearchDelete("Ids"), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TicketSearchWrite("Ids"), SqlDialect.SqlServer.TicketSearchWrite("Ids"), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.PageClause, SqlDialect.SqlServer.PageClause, StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TopClause, SqlDialect.SqlServer.TopClause, StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.UtcNow, SqlDialect.SqlServer.UtcNow, StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.IdList("Ids"), SqlDialect.SqlServer.IdList("Ids"), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TicketSearchIds("Search", withNotes: true), SqlDialect.SqlServer.TicketSearchIds("Search", withNotes: true), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TicketSearchHolds("Search", withNotes: true), SqlDialect.SqlServer.TicketSearchHolds("Search", withNotes: true), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TicketSearchFirst("Search", withNotes: true, "Limit"), SqlDialect.SqlServer.TicketSearchFirst("Search", withNotes: true, "Limit"), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.TicketSearchFirst("Search", withNotes: true, "Limit", newestFirst: true), SqlDialect.SqlServer.TicketSearchFirst("Search", withNotes: true, "Limit", newestFirst: true), StringComparison.Ordinal)
                .Replace(SqlDialect.Sqlite.ByKeyOnly, SqlDialect.SqlServer.ByKeyOnly, StringComparison.Ordinal);
            tsql = ReturningId().Replace(tsql, SqlDialect.SqlServer.InsertReturningId("$1"));
            tsql = IndexHint().Replace(tsql, SqlDialect.SqlServer.ReadThrough("$1"));
            using var reader = new StringReader(tsql);
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
            problems.AddRange(errors.Select(e => $"line {e.Line}: {e.Message}\n{tsql}"));
        }

        return problems;
    }

    /// <summary>SQLite's <c>INSERT … RETURNING Id</c>, the whole statement.</summary>
    [GeneratedRegex(@"\A(.*) RETURNING Id\z", RegexOptions.Singleline)]
    private static partial Regex ReturningId();

    [GeneratedRegex(@"INDEXED BY (\w+)")]
    private static partial Regex IndexHint();
}
