using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>The change log's backlog, the watermark, the rollup's lease and the latest rebuild, for the admin page.</summary>
public sealed class RollupStatusReader(IDbConnectionFactory connections) : IRollupStatusReader
{
    public async Task<RollupStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT COUNT(*) AS Backlog, MIN(c.CreatedUtc) AS OldestUtc FROM EconomicsChanges c;
            SELECT w.LastChangeId, w.UpdatedUtc FROM EconomicsWatermark w WHERE w.Name = 'facts';
            SELECT l.Owner, l.ExpiresUtc FROM JobLeases l WHERE l.Name = @Lease;
            """;
        RollupStatus status;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Lease = MetricsRollup.LeaseName }, cancellationToken: cancellationToken));
            var backlog = await results.ReadSingleAsync<BacklogRow>();
            var watermark = await results.ReadSingleOrDefaultAsync<WatermarkRow>();
            var lease = await results.ReadSingleOrDefaultAsync<LeaseRow>();
            status = new RollupStatus(
                backlog.Backlog,
                backlog.OldestUtc,
                watermark?.LastChangeId ?? 0,
                watermark?.UpdatedUtc,
                null,
                lease is { Owner.Length: > 0 } ? lease.ExpiresUtc : null);
        }

        return status with { Rebuild = await EconomicsStore.ReadRebuildAsync(connections, cancellationToken) };
    }

    private sealed record BacklogRow
    {
        public int Backlog { get; init; }
        public DateTime? OldestUtc { get; init; }
    }

    private sealed record WatermarkRow
    {
        public long LastChangeId { get; init; }
        public DateTime UpdatedUtc { get; init; }
    }

    private sealed record LeaseRow
    {
        public string Owner { get; init; } = "";
        public DateTime ExpiresUtc { get; init; }
    }
}
