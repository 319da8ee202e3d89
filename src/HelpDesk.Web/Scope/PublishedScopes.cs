using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Scope;

/// <summary>A product with what its public scope pages need: releases, the catalogue's environments and its published versions.</summary>
public sealed record ProductScope(
    Product Product,
    IReadOnlyList<ProductRelease> Releases,
    IReadOnlyList<TargetEnvironment> Environments,
    IReadOnlyList<ScopeOfSupport> Published,
    ScopeOfSupport? Current,
    DateTime NowUtc)
{
    /// <summary>A published version taking effect later than the current one (or when none is in force yet).</summary>
    public ScopeOfSupport? Upcoming => Published.Where(v => v.Number > (Current?.Number ?? 0)).MinBy(v => v.Number);

    public ScopeOfSupport? Version(int number) => Published.FirstOrDefault(v => v.Number == number);

    /// <summary>The version published before <paramref name="number"/>, if any.</summary>
    public ScopeOfSupport? Before(int number) => Published.Where(v => v.Number < number).MaxBy(v => v.Number);

    public ScopeDocument Document(ScopeOfSupport version) =>
        ScopeDocument.Build(version, Product, Releases, Environments, ScopeHistory.ReadAsOf(version, Published, NowUtc));
}

/// <summary>Reads the published Scope of Support for the public pages. Drafts never leave here.</summary>
public sealed class PublishedScopes(IScopeStore store, TimeProvider clock)
{
    /// <summary>The product with this code, or null when there is none.</summary>
    public async Task<ProductScope?> LoadAsync(string productCode, CancellationToken cancellationToken)
    {
        var product = await store.FindProductAsync(productCode, cancellationToken);
        if (product is null || !string.Equals(product.Code, productCode, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return await LoadAsync(product, cancellationToken);
    }

    /// <summary>The product with its published versions.</summary>
    public async Task<ProductScope> LoadAsync(Product product, CancellationToken cancellationToken) =>
        await LoadAsync(product, await store.ListEnvironmentsAsync(cancellationToken), cancellationToken);

    /// <summary>Every product that has published a scope, by name.</summary>
    public async Task<IReadOnlyList<ProductScope>> ListAsync(CancellationToken cancellationToken)
    {
        var environments = await store.ListEnvironmentsAsync(cancellationToken);
        var products = new List<ProductScope>();
        foreach (var product in (await store.ListProductsAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            var scope = await LoadAsync(product, environments, cancellationToken);
            if (scope.Published.Count > 0)
            {
                products.Add(scope);
            }
        }

        return products;
    }

    /// <summary>A product's draft written out the way <c>/scope</c> would show it once published.</summary>
    public async Task<ScopeDocument> PreviewAsync(Product product, ScopeOfSupport draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var scope = await LoadAsync(product, await store.ListEnvironmentsAsync(cancellationToken), cancellationToken);
        var today = DateOnly.FromDateTime(scope.NowUtc);
        return ScopeDocument.Build(draft, product, scope.Releases, scope.Environments, draft.EffectiveOn > today ? draft.EffectiveOn : today);
    }

    private async Task<ProductScope> LoadAsync(Product product, IReadOnlyList<TargetEnvironment> environments, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var published = ScopeHistory.Published(await store.ListScopesAsync(product.Id, cancellationToken));
        return new ProductScope(
            product,
            await store.ListReleasesAsync(product.Id, cancellationToken),
            environments,
            published,
            ScopeHistory.InForce(published, now),
            now);
    }
}

/// <summary>A scope written out, with the prefix of its clause anchors (empty on a product's own page).</summary>
public sealed record ScopeDocumentView(ScopeDocument Document, string AnchorPrefix = "", int HeadingLevel = 2)
{
    public string Anchor(ScopeClause clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return AnchorPrefix + clause.Id;
    }
}

/// <summary>The public links of the scope pages.</summary>
public static class ScopeLinks
{
    public static string Product(string code) => $"/scope/{Uri.EscapeDataString(code)}";

    public static string Version(string code, int number) => string.Create(CultureInfo.InvariantCulture, $"{Product(code)}/v/{number}");

    public static string Compare(string code, int from, int to) => string.Create(CultureInfo.InvariantCulture, $"{Product(code)}/compare?from={from}&to={to}");
}
