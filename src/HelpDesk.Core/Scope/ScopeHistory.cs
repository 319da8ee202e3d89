namespace HelpDesk.Core.Scope;

/// <summary>
/// Which published version of a product's scope applies when, and which releases a version supports on a day. The
/// public pages and the scope editor read the same answers the entitlement rules use.
/// </summary>
public static class ScopeHistory
{
    /// <summary>
    /// The version in force at <paramref name="atUtc"/>: the newest published version whose effective date (00:00 UTC)
    /// and publication are both not after that moment; null when none is.
    /// </summary>
    public static ScopeOfSupport? InForce(IEnumerable<ScopeOfSupport> versions, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var list = versions as IReadOnlyList<ScopeOfSupport> ?? versions.ToList();
        return list.Count == 0 ? null : EntitlementEngine.ScopeInForce(list, list[0].ProductId, atUtc);
    }

    /// <summary>The published versions, newest first.</summary>
    public static IReadOnlyList<ScopeOfSupport> Published(IEnumerable<ScopeOfSupport> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Where(v => v.Status == ScopeStatus.Published).OrderByDescending(v => v.Number).ToList();
    }

    /// <summary>The newest published version, in force or not; null before the first is published.</summary>
    public static ScopeOfSupport? Latest(IEnumerable<ScopeOfSupport> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Where(v => v.Status == ScopeStatus.Published).MaxBy(v => v.Number);
    }

    /// <summary>
    /// The environments a product's scope names: every environment code of its published versions, so one that was
    /// supported once is still there to choose (and is judged by the version in force). Drafts name nothing yet.
    /// </summary>
    public static IReadOnlySet<string> EnvironmentCodes(IEnumerable<ScopeOfSupport> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Where(v => v.Status == ScopeStatus.Published)
            .SelectMany(v => v.EnvironmentCodes)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The day a version's supported releases are worked out for on its public page: today while it is in force,
    /// its effective date before then, and its last day once a later version replaced it.
    /// </summary>
    public static DateOnly ReadAsOf(ScopeOfSupport version, IEnumerable<ScopeOfSupport> versions, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(versions);
        var today = DateOnly.FromDateTime(nowUtc);
        if (today < version.EffectiveOn)
        {
            return version.EffectiveOn;
        }

        var successor = Published(versions)
            .Where(v => v.Number > version.Number && v.EffectiveOn > version.EffectiveOn && v.EffectiveOn <= today)
            .OrderBy(v => v.EffectiveOn)
            .FirstOrDefault();
        return successor is null ? today : successor.EffectiveOn.AddDays(-1);
    }

    /// <summary>
    /// The releases supported on <paramref name="day"/>, oldest first. The current release is the newest one released
    /// by that day; with <paramref name="releasesBack"/> = N it and the N released before it are supported; with
    /// null the end-of-support dates decide alone. A release past its end-of-support date is never supported, nor is
    /// one retired by that day. A retired release keeps its place in the window: retiring an old release never brings
    /// an older one back into support.
    /// </summary>
    public static IReadOnlyList<ProductRelease> SupportedReleases(IEnumerable<ProductRelease> releases, int? releasesBack, DateOnly day) =>
        Window(releases, releasesBack, day)
            .Where(r => (r.EndOfSupportOn is not DateOnly end || end >= day) && !r.IsRetiredOn(day))
            .ToList();

    /// <summary>The releases the "releases back" window takes on <paramref name="day"/>, before end-of-support dates and retirements.</summary>
    internal static IEnumerable<ProductRelease> Window(IEnumerable<ProductRelease> releases, int? releasesBack, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var released = releases
            .Where(r => r.ReleasedOn <= day)
            .OrderBy(r => r.ReleasedOn)
            .ThenBy(r => r.Id)
            .ToList();
        return releasesBack is int back ? released.Skip(Math.Max(0, released.Count - 1 - Math.Max(0, back))) : released;
    }

    /// <summary>
    /// The versions that judge requests from <paramref name="nowUtc"/> on: the published version in force, those
    /// published to take effect later, and the draft, which may be published next.
    /// </summary>
    public static IReadOnlyList<ScopeOfSupport> InForceOrLater(IEnumerable<ScopeOfSupport> versions, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var list = versions as IReadOnlyList<ScopeOfSupport> ?? versions.ToList();
        var today = DateOnly.FromDateTime(nowUtc);
        var current = InForce(list.Where(v => v.Status == ScopeStatus.Published), nowUtc);
        return list
            .Where(v => v.Status == ScopeStatus.Draft || ReferenceEquals(v, current) || (v.Status == ScopeStatus.Published && v.EffectiveOn > today))
            .ToList();
    }
}
