namespace HelpDesk.Core.Scope;

/// <summary>A product the vendor supports. <see cref="Code"/> is the short, stable name used in links and the API.</summary>
public sealed record Product
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public int Version { get; init; }
}

/// <summary>
/// One release of a product. Releases are ordered by <see cref="ReleasedOn"/>; the newest one released is the
/// current release. <see cref="EndOfSupportOn"/>, when set, is the last day the release is supported.
/// </summary>
public sealed record ProductRelease
{
    public int Id { get; init; }
    public int ProductId { get; init; }
    public required string Name { get; init; }
    public DateOnly ReleasedOn { get; init; }
    public DateOnly? EndOfSupportOn { get; init; }
}

/// <summary>What an environment is: the operating system, the hardware platform or the toolchain a product runs with.</summary>
public enum EnvironmentKind
{
    OperatingSystem,
    Platform,
    Toolchain,
}

/// <summary>An environment a customer may run a product in. The scope of support names the supported ones by code.</summary>
public sealed record TargetEnvironment
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public EnvironmentKind Kind { get; init; }
}

/// <summary>Another vendor's product that customers integrate ours with.</summary>
public sealed record ThirdPartyProduct
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Vendor { get; init; } = "";
}
