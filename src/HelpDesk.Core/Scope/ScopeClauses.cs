namespace HelpDesk.Core.Scope;

/// <summary>
/// The stable ids of a Scope of Support's clauses. They are the HTML anchors on <c>/scope</c> and what a verdict's
/// reasons cite, so they never change between versions.
/// </summary>
public static class ScopeClauses
{
    public const string SupportedReleases = "supported-releases";
    public const string SupportedEnvironments = "supported-environments";
    public const string ModifiedSource = "modified-source";
    public const string ThirdPartyIntegration = "third-party-integration";
    public const string OutOfScopePrefix = "out-of-scope-";

    /// <summary>The clause of one out-of-scope category, e.g. <c>out-of-scope-backport</c>.</summary>
    public static string OutOfScope(string category) => OutOfScopePrefix + category;

    /// <summary>A clause's title as a verdict's reasons and the what-if name it.</summary>
    public static string Title(string clause) => clause switch
    {
        SupportedReleases => "Supported releases",
        SupportedEnvironments => "Supported environments",
        ModifiedSource => "Modified source code",
        ThirdPartyIntegration => "Third-party integration",
        _ when clause.StartsWith(OutOfScopePrefix, StringComparison.Ordinal) =>
            "Out of scope: " + RequestCategories.LabelOf(clause[OutOfScopePrefix.Length..]),
        _ => clause,
    };
}
