namespace HelpDesk.Core.Scope;

/// <summary>
/// Loads the facts an entitlement decision needs for one organisation and product: the catalogue entries, the
/// product's published scope versions and the organisation's contracts with their plans, holidays and incidents
/// used. It is called on every intake, so it reads few rows.
/// </summary>
public interface IEntitlementFactsSource
{
    /// <param name="product">The product's code or name as the customer gave it; null or unknown gives facts without a product.</param>
    Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default);
}
