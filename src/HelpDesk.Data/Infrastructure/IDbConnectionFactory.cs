using System.Data.Common;

namespace HelpDesk.Data.Infrastructure;

/// <summary>Opens connections to the configured database. Stores open one per call and dispose it.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>For the few callers whose interface is synchronous, such as data protection's key repository.</summary>
    DbConnection Open();
}
