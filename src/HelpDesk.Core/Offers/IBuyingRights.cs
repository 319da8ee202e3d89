namespace HelpDesk.Core.Offers;

/// <summary>A person as the right to buy sees them.</summary>
public sealed record Buyer(int Id, string Name, string Email, int? OrganisationId, bool CanBuyServices);

/// <summary>
/// Who may buy services for an organisation: the flag on each account and the organisation's admin contact, who may
/// grant it. Writing the flag renews the account's concurrency stamp, as every change to an account does.
/// </summary>
public interface IBuyingRights
{
    Task<Buyer?> FindAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>The organisation's customer accounts, by name.</summary>
    Task<IReadOnlyList<Buyer>> ListAsync(int organisationId, CancellationToken cancellationToken = default);

    Task<int?> GetAdminContactAsync(int organisationId, CancellationToken cancellationToken = default);

    Task SetCanBuyAsync(int userId, bool canBuy, CancellationToken cancellationToken = default);

    /// <summary>Sets (or clears) the admin contact; false when the user is not a customer of the organisation.</summary>
    Task<bool> SetAdminContactAsync(int organisationId, int? userId, CancellationToken cancellationToken = default);
}
