using HelpDesk.Core.Audit;

namespace HelpDesk.Core.Accounts;

/// <summary>
/// The administrator's writes to accounts. Each is guarded by the account's concurrency stamp as the page read it, so a
/// change made meanwhile by someone else is reported instead of overwritten, and each writes its audit line in the
/// same transaction.
/// </summary>
public interface IAccountStore
{
    Task<AccountPage> SearchAsync(AccountQuery query, CancellationToken cancellationToken = default);

    /// <summary>Active accounts that hold the Admin role.</summary>
    Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the account exactly <paramref name="roles"/> (names of <see cref="Roles"/>).</summary>
    Task<AccountWrite> ChangeRolesAsync(int userId, string concurrencyStamp, IReadOnlyCollection<string> roles, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Deactivates the account at <paramref name="deactivatedUtc"/>, or reactivates it when null.</summary>
    Task<AccountWrite> SetDeactivatedAsync(int userId, string concurrencyStamp, DateTime? deactivatedUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Places a customer's account that belongs to no organisation yet into <paramref name="organisationId"/>; stale when it was placed meanwhile.</summary>
    Task<AccountWrite> PlaceAsync(int userId, string concurrencyStamp, int organisationId, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>An audit line for something that changed no row of the account (an invitation or reset mail sent).</summary>
    Task RecordAsync(ManageAuditEntry audit, CancellationToken cancellationToken = default);
}

/// <summary>How an account write ended.</summary>
public enum AccountWrite
{
    Done,

    /// <summary>The account changed since the page was read, or no longer exists; nothing was written.</summary>
    Stale,

    /// <summary>The write would have left no active administrator; nothing was written.</summary>
    LastAdmin,
}
