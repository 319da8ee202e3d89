using Microsoft.Data.SqlClient;

namespace HelpDesk.Data.Migrations;

/// <summary>
/// The full-text catalog and index over <c>dbo.TicketSearch</c> (migration 0023). SQL Server refuses to make them inside
/// a transaction, and every migration runs in one, so the runner makes them after the scripts, once: the statement
/// does nothing when the index exists. On a server without full-text search installed it fails with SQL Server's
/// own message, which names what to install.
/// </summary>
internal static class SqlServerFullText
{
    public const string Sql = """
        IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = 'HelpDeskSearch')
            CREATE FULLTEXT CATALOG HelpDeskSearch;
        IF OBJECT_ID('dbo.TicketSearch') IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID('dbo.TicketSearch'))
            CREATE FULLTEXT INDEX ON dbo.TicketSearch (Subject, Requester, Replies, Notes)
                KEY INDEX PK_TicketSearch ON HelpDeskSearch
                WITH CHANGE_TRACKING AUTO;
        """;

    public static void Ensure(string connectionString)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
