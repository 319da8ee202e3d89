using System.Data.Common;
using Dapper;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// SQLite's unique indexes compare text case-sensitively, SQL Server's (under its default collation) not. For the
/// names a person types, a store writes first (so that SQLite holds its write lock) and then asks this whether
/// another row has the same name in another case, and rolls back if so: both engines then keep the same rule.
/// </summary>
internal static class CaseInsensitiveNames
{
    public static async Task<bool> TakenAsync(
        DbConnection connection, DbTransaction transaction, NameColumn column, string name, int id, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM {column.Table} WHERE LOWER({column.Column}) = LOWER(@Name) AND Id <> @Id";
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { Name = name, Id = id }, transaction, cancellationToken: cancellationToken)) > 0;
    }
}

/// <summary>A table's unique name column; only the fixed ones below exist, so no text from outside reaches the SQL.</summary>
internal sealed class NameColumn
{
    public static readonly NameColumn ProductName = new("Products", "Name");
    public static readonly NameColumn ThirdPartyName = new("ThirdPartyProducts", "Name");
    public static readonly NameColumn PlanCode = new("Plans", "Code");
    public static readonly NameColumn CalendarName = new("HolidayCalendars", "Name");
    public static readonly NameColumn MailboxName = new("Mailboxes", "Name");

    private NameColumn(string table, string column)
    {
        Table = table;
        Column = column;
    }

    public string Table { get; }

    public string Column { get; }
}
