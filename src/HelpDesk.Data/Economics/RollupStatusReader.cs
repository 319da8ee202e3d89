using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>The change log's backlog, the watermark, the rollup's lease and the latest rebuild, for the admin page.</summary>
public sealed class RollupStatusReader(IDbConnectionFactory connections) : IRollupStatusReader
{
    public async Task<RollupStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT COUNT(*) FROM EconomicsChanges c;
            SELECT c.CreatedUtc FROM EconomicsChanges c ORDER BY c.Id {connections.Dialect.TopClause};
            SELECT w.LastChangeId, w.UpdatedUtc FROM EconomicsWatermark w WHERE w.Name = 'facts';
            SELECT l.Owner, l.ExpiresUtc FROM JobLeases l WHERE l.Name = @Lease;
            """;
        RollupStatus status;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Lease = MetricsRollup.LeaseName, Take = 1 }, cancellationToken: cancellationToken));
            var backlog = await results.ReadSingleAsync<int>();
            var oldest = (await results.ReadAsync<DateTime>()).Select(at => (DateTime?)at).FirstOrDefault();
            var watermark = await results.ReadSingleOrDefaultAsync<WatermarkRow>();
            var lease = await results.ReadSingleOrDefaultAsync<LeaseRow>();
            status = new RollupStatus(
                backlog,
                oldest,
                watermark?.LastChangeId ?? 0,
                watermark?.UpdatedUtc,
                null,
                lease is { Owner.Length: > 0 } ? lease.ExpiresUtc : null);
        }

        return status with { Rebuild = await EconomicsStore.ReadRebuildAsync(connections, cancellationToken) };
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
