namespace HelpDesk.Core.Scope;

/// <summary>A draft is edited by managers; a published version never changes again.</summary>
public enum ScopeStatus
{
    Draft,
    Published,
}

/// <summary>
/// Which contracts a published version applies to. Stored as its name.
/// </summary>
public enum ScopeApplication
{
    /// <summary>Every contract, from the version's effective date.</summary>
    Now,

    /// <summary>
    /// Only contracts whose term starts on or after the day the version was published (a renewal is a new term);
    /// a contract already running keeps the version it was entitled to until it renews.
    /// </summary>
    AtRenewal,
}

/// <summary>
/// One version of a product's published Scope of Support: what support covers and what it does not. A draft has
/// <see cref="Number"/> 0; publishing gives it the next number for its product and freezes it. A published version is
/// in force from <see cref="EffectiveOn"/> (00:00 UTC) until a later version takes effect, and never for a ticket
/// filed before it was published.
/// </summary>
public sealed record ScopeOfSupport
{
    public int Id { get; init; }
    public int ProductId { get; init; }
    public int Number { get; init; }
    public ScopeStatus Status { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateTime? PublishedUtc { get; init; }
    public int? PublishedById { get; init; }

    /// <summary>Which contracts the version applies to, chosen when it is published; <see cref="ScopeApplication.Now"/> for a draft.</summary>
    public ScopeApplication AppliesTo { get; init; }

    /// <summary>The opening paragraph of the policy.</summary>
    public string Summary { get; init; } = "";

    /// <summary>What changed from the previous version, in the manager's words.</summary>
    public string ChangeNote { get; init; } = "";

    /// <summary>
    /// How many releases before the current one are supported (0 = only the current release). Null means the
    /// releases' own end-of-support dates decide alone. A release past its end-of-support date is never supported.
    /// </summary>
    public int? ReleasesBack { get; init; }

    /// <summary>Codes of the supported <see cref="TargetEnvironment"/>s.</summary>
    public IReadOnlyList<string> EnvironmentCodes { get; init; } = [];

    public bool ModifiedSourceCovered { get; init; }

    public bool ThirdPartyIntegrationCovered { get; init; }

    /// <summary>The out-of-scope request categories, each with the explanation the public page shows.</summary>
    public IReadOnlyList<OutOfScopeClause> OutOfScope { get; init; } = [];

    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; }
}

/// <summary>One out-of-scope category of a scope version and its plain-language explanation.</summary>
public sealed record OutOfScopeClause(string Category, string Explanation);
