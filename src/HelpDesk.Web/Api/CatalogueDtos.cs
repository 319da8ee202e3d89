using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Api;

/// <param name="Code">Short and stable: it is in every link to the product's scope, so it never changes.</param>
/// <param name="Version">Send it back with a change; a change based on an older one answers 409.</param>
public sealed record ProductDto(int Id, string Code, string Name, string Description, int Version)
{
    public static ProductDto From(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product.Id, product.Code, product.Name, product.Description, product.Version);
    }
}

/// <summary>A product with its releases, oldest first, retired ones included.</summary>
public sealed record ProductDetailDto(ProductDto Product, IReadOnlyList<ReleaseDto> Releases);

/// <param name="EndOfSupportOn">The last day the release is supported; null when no end is set.</param>
/// <param name="RetiredUtc">When it was retired: no longer offered to customers, and not supported from that day on.</param>
public sealed record ReleaseDto(int Id, int ProductId, string Name, DateOnly ReleasedOn, DateOnly? EndOfSupportOn, DateTime? RetiredUtc)
{
    public static ReleaseDto From(ProductRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new(release.Id, release.ProductId, release.Name, release.ReleasedOn, release.EndOfSupportOn, release.RetiredUtc);
    }
}

/// <param name="Code">Scope versions name environments by code, so it never changes.</param>
public sealed record EnvironmentDto(int Id, string Code, string Name, EnvironmentKind Kind, DateTime? RetiredUtc)
{
    public static EnvironmentDto From(TargetEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(environment.Id, environment.Code, environment.Name, environment.Kind, environment.RetiredUtc);
    }
}

public sealed record ThirdPartyProductDto(int Id, string Name, string Vendor)
{
    public static ThirdPartyProductDto From(ThirdPartyProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product.Id, product.Name, product.Vendor);
    }
}

/// <summary>What retiring did, in words: the tickets, scope versions and skills that name it, and what follows.</summary>
public sealed record RetirementDto(string What, string Name, DateTime? RetiredUtc, IReadOnlyList<string> Consequences)
{
    public static RetirementDto From(CatalogueRemoval removal, DateTime? retiredUtc)
    {
        ArgumentNullException.ThrowIfNull(removal);
        return new(removal.What, removal.Name, retiredUtc, removal.Consequences);
    }
}

/// <param name="Code">Required when adding; ignored when changing.</param>
/// <param name="Version">Required for a change: the version you read.</param>
public sealed record ProductBody(string? Code, string? Name, string? Description, int? Version);

/// <param name="ReleasedOn">Required (yyyy-MM-dd).</param>
/// <param name="EndOfSupportOn">The last day it is supported (yyyy-MM-dd); leave out for no end.</param>
public sealed record ReleaseBody(string? Name, DateOnly? ReleasedOn, DateOnly? EndOfSupportOn);

/// <param name="Code">Required when adding; ignored when changing.</param>
/// <param name="Kind">OperatingSystem, Platform or Toolchain.</param>
public sealed record EnvironmentBody(string? Code, string? Name, EnvironmentKind? Kind);

public sealed record ThirdPartyProductBody(string? Name, string? Vendor);
