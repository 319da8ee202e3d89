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
/// A release is retired (<see cref="RetiredUtc"/>) rather than deleted once anything refers to it: it is no longer
/// offered to customers, but it keeps its place among the releases and is never supported from that day on.
/// </summary>
public sealed record ProductRelease
{
    public int Id { get; init; }
    public int ProductId { get; init; }
    public required string Name { get; init; }
    public DateOnly ReleasedOn { get; init; }
    public DateOnly? EndOfSupportOn { get; init; }
    public DateTime? RetiredUtc { get; init; }

    /// <summary>Whether the release had been retired by <paramref name="day"/> (UTC).</summary>
    public bool IsRetiredOn(DateOnly day) => Retirement.IsRetiredOn(RetiredUtc, day);
}

/// <summary>What an environment is: the operating system, the hardware platform or the toolchain a product runs with.</summary>
public enum EnvironmentKind
{
    OperatingSystem,
    Platform,
    Toolchain,
}

/// <summary>
/// An environment a customer may run a product in. The scope of support names the supported ones by code. A retired
/// environment (<see cref="RetiredUtc"/>) is no longer offered to customers, but requests naming it are still judged
/// against it, and from that day on it is not supported.
/// </summary>
public sealed record TargetEnvironment
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public EnvironmentKind Kind { get; init; }
    public DateTime? RetiredUtc { get; init; }

    /// <summary>Whether the environment had been retired by <paramref name="day"/> (UTC).</summary>
    public bool IsRetiredOn(DateOnly day) => Retirement.IsRetiredOn(RetiredUtc, day);
}

/// <summary>Another vendor's product that customers integrate ours with.</summary>
public sealed record ThirdPartyProduct
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Vendor { get; init; } = "";
}

/// <summary>The one rule of when a retirement counts: from the UTC day it was made, for that whole day.</summary>
public static class Retirement
{
    public static bool IsRetiredOn(DateTime? retiredUtc, DateOnly day) =>
        retiredUtc is DateTime retired && DateOnly.FromDateTime(retired) <= day;
}
