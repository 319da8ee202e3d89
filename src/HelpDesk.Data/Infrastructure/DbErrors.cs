using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>Recognises the database errors a store turns into results instead of letting them escape.</summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqlServerDuplicateKeyInUniqueIndex = 2601;
    private const int SqlServerDuplicateKeyInConstraint = 2627;

    /// <summary>True when the statement broke a unique index or a primary key.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyInUniqueIndex or SqlServerDuplicateKeyInConstraint,
        _ => false,
    };
}
