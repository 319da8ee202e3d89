using System.Data.Common;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Audit;

/// <summary>Reads the manage audit trail; <see cref="ManageAuditRows"/> writes it inside the stores' transactions.</summary>
public sealed class ManageAuditStore(IDbConnectionFactory connections) : IManageAudit
{
    public async Task<IReadOnlyList<ManageAuditEntry>> ListAsync(string subject, int subjectId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT a.Id, a.Subject, a.SubjectId, a.ActorId, COALESCE(u.DisplayName, '') AS ActorName, a.Action, a.Detail,
                   a.CreatedUtc AS AtUtc
            FROM ManageAudit a
            LEFT JOIN Users u ON u.Id = a.ActorId
            WHERE a.Subject = @Subject AND a.SubjectId = @SubjectId
            ORDER BY a.Id DESC
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ManageAuditEntry>(new CommandDefinition(
            sql, new { Subject = subject, SubjectId = subjectId }, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>Writes one line of the manage audit trail in the caller's transaction, so the change and its line stand or fall together.</summary>
internal static class ManageAuditRows
{
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, ManageAuditEntry entry, CancellationToken cancellationToken, int? subjectId = null)
    {
        const string sql = """
            INSERT INTO ManageAudit (Subject, SubjectId, ActorId, Action, Detail, CreatedUtc)
            VALUES (@Subject, @SubjectId, @ActorId, @Action, @Detail, @CreatedUtc)
            """;
        return connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                entry.Subject,
                SubjectId = subjectId ?? entry.SubjectId,
                entry.ActorId,
                entry.Action,
                Detail = entry.Detail.Length > MaxDetail ? entry.Detail[..(MaxDetail - 1)] + "…" : entry.Detail,
                CreatedUtc = entry.AtUtc,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private const int MaxDetail = 4000;
}
