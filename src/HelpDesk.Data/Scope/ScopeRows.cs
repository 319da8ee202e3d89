using Dapper;
using HelpDesk.Core.Scope;

namespace HelpDesk.Data.Scope;

/// <summary>
/// The SELECTs that read scope versions with their environments and exclusions, shared by the store and the
/// entitlement facts. Each takes a fixed filter on <c>ScopeVersions s</c>; the values are parameters.
/// </summary>
internal static class ScopeRows
{
    public const string ProductColumns = "p.Id, p.Code, p.Name, p.Description, p.Version";

    public const string ReleaseColumns = "r.Id, r.ProductId, r.Name, r.ReleasedOn, r.EndOfSupportOn, r.RetiredUtc";

    public const string EnvironmentColumns = "e.Id, e.Code, e.Name, e.Kind, e.RetiredUtc";

    /// <summary>Three statements: the versions (in <paramref name="order"/>), their environment codes, their exclusions.</summary>
    public static string Select(string filter, string order) => $"""
        SELECT s.Id, s.ProductId, s.Number, s.Status, s.EffectiveOn, s.PublishedUtc, s.PublishedById, s.AppliesTo, s.Summary,
               s.ChangeNote, s.ReleasesBack, s.ModifiedSourceCovered, s.ThirdPartyIntegrationCovered, s.CreatedUtc,
               s.UpdatedUtc, s.Version
        FROM ScopeVersions s
        WHERE {filter}
        ORDER BY {order};
        SELECT se.ScopeVersionId, se.EnvironmentCode
        FROM ScopeEnvironments se
        JOIN ScopeVersions s ON s.Id = se.ScopeVersionId
        WHERE {filter}
        ORDER BY se.EnvironmentCode;
        SELECT sx.ScopeVersionId, sx.Category, sx.Explanation
        FROM ScopeExclusions sx
        JOIN ScopeVersions s ON s.Id = sx.ScopeVersionId
        WHERE {filter}
        ORDER BY sx.ScopeVersionId, sx.Position;
        """;

    /// <summary>Reads the three result sets of <see cref="Select"/>.</summary>
    public static async Task<List<ScopeOfSupport>> ReadAsync(SqlMapper.GridReader results)
    {
        var versions = (await results.ReadAsync<ScopeOfSupport>()).AsList();
        var environments = (await results.ReadAsync<ScopeEnvironmentRow>()).ToLookup(r => r.ScopeVersionId, r => r.EnvironmentCode);
        var exclusions = (await results.ReadAsync<ScopeExclusionRow>()).ToLookup(r => r.ScopeVersionId, r => new OutOfScopeClause(r.Category, r.Explanation));
        return versions.Select(v => v with
        {
            EnvironmentCodes = environments[v.Id].ToList(),
            OutOfScope = exclusions[v.Id].ToList(),
        }).ToList();
    }

    private sealed record ScopeEnvironmentRow
    {
        public int ScopeVersionId { get; init; }
        public string EnvironmentCode { get; init; } = "";
    }

    private sealed record ScopeExclusionRow
    {
        public int ScopeVersionId { get; init; }
        public string Category { get; init; } = "";
        public string Explanation { get; init; } = "";
    }
}
