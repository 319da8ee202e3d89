using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Data.Infrastructure;

/// <summary>Healthy when a connection opens and answers a trivial query within the request's time.</summary>
public sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{connections.Provider} answered.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} did not answer.", ex);
        }
    }
}
