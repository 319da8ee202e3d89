namespace HelpDesk.Core.Scope;

/// <summary>
/// Loads what a what-if of a product's draft replays: the product's tickets filed in a period with the facts that
/// judged them and the labour they cost, the contracts covering the product, their customers and the services on sale.
/// </summary>
public interface IScopeWhatIfSource
{
    /// <param name="fromUtc">The first moment of the period.</param>
    /// <param name="toUtc">The moment after the period.</param>
    Task<WhatIfInput> LoadAsync(Product product, ScopeOfSupport draft, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default);
}
