using System.Data.Common;
using Dapper;

namespace HelpDesk.Data.Infrastructure;

/// <summary>The insert-or-update every editable catalogue and contract row goes through.</summary>
internal static class RowWrites
{
    /// <summary>
    /// Runs <paramref name="insert"/> (which returns the new id) when <paramref name="id"/> is 0, else
    /// <paramref name="update"/>. Returns the row's id, or null when the update matched no row (stale version or gone)
    /// or a unique index refused the write; the caller's transaction, if any, is then left to roll back.
    /// </summary>
    public static async Task<int?> InsertOrUpdateAsync(
        DbConnection connection,
        DbTransaction? transaction,
        int id,
        string insert,
        string update,
        object parameters,
        CancellationToken cancellationToken)
    {
        try
        {
            if (id == 0)
            {
                return await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken));
            }

            var rows = await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken));
            return rows == 0 ? null : id;
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }
    }
}
