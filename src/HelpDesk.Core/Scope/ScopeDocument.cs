using System.Globalization;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <summary>One clause of a Scope of Support as a customer reads it. <see cref="Id"/> is a <see cref="ScopeClauses"/> id.</summary>
public sealed record ScopeClause(string Id, string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items)
{
    /// <summary>The clause as plain lines (paragraphs, then the items), the way a comparison reads it.</summary>
    public IReadOnlyList<string> Lines => [.. Paragraphs, .. Items.Select(i => "• " + i)];
}

/// <summary>A setting of a scope version in words (for example "Releases supported"), compared between versions.</summary>
public sealed record ScopeSetting(string Name, string Value);

/// <summary>
/// A version of a product's Scope of Support written out as its policy: the summary and the clauses in order,
/// the way <c>/scope</c> shows them and a verdict cites them.
/// </summary>
public sealed record ScopeDocument
{
    public required string ProductCode { get; init; }
    public required string ProductName { get; init; }

    /// <summary>The version's number; 0 for a draft.</summary>
    public int Number { get; init; }
    public bool IsDraft { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateTime? PublishedUtc { get; init; }

    /// <summary>The day the supported releases were worked out for.</summary>
    public DateOnly AsOf { get; init; }
    public string Summary { get; init; } = "";
    public string ChangeNote { get; init; } = "";
    public IReadOnlyList<ScopeClause> Clauses { get; init; } = [];
    public IReadOnlyList<ScopeSetting> Settings { get; init; } = [];

    public ScopeClause? Clause(string id) => Clauses.FirstOrDefault(c => c.Id == id);

    /// <summary>Writes out <paramref name="scope"/> for <paramref name="product"/> with the releases supported on <paramref name="asOf"/>.</summary>
    public static ScopeDocument Build(
        ScopeOfSupport scope,
        Product product,
        IReadOnlyList<ProductRelease> releases,
        IReadOnlyList<TargetEnvironment> environments,
        DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(environments);

        var clauses = new List<ScopeClause>
        {
            SupportedReleases(scope, product, releases, asOf),
            SupportedEnvironments(scope, product, environments),
            ModifiedSource(scope, product),
            ThirdPartyIntegration(scope, product),
        };
        foreach (var category in RequestCategories.OutOfScope)
        {
            if (scope.OutOfScope.FirstOrDefault(c => string.Equals(c.Category, category.Code, StringComparison.OrdinalIgnoreCase)) is { } clause)
            {
                clauses.Add(new ScopeClause(
                    ScopeClauses.OutOfScope(category.Code),
                    "Not covered: " + category.Label,
                    Paragraphs(clause.Explanation),
                    []));
            }
        }

        return new ScopeDocument
        {
            ProductCode = product.Code,
            ProductName = product.Name,
            Number = scope.Number,
            IsDraft = scope.Status == ScopeStatus.Draft,
            EffectiveOn = scope.EffectiveOn,
            PublishedUtc = scope.PublishedUtc,
            AsOf = asOf,
            Summary = scope.Summary.Trim(),
            ChangeNote = scope.ChangeNote.Trim(),
            Clauses = clauses,
            Settings = SettingsOf(scope, environments),
        };
    }

    /// <summary>A date the way the policy writes it: "1 March 2026".</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The supported-releases rule in words: "the current release and the 2 before it".</summary>
    public static string ReleaseRule(int? releasesBack) => releasesBack switch
    {
        null => "each release until its end-of-support date",
        0 => "the current release only",
        1 => "the current release and the one before it",
        int n => string.Create(CultureInfo.InvariantCulture, $"the current release and the {n} before it"),
    };

    private static ScopeClause SupportedReleases(ScopeOfSupport scope, Product product, IReadOnlyList<ProductRelease> releases, DateOnly asOf)
    {
        var paragraphs = new List<string>
        {
            scope.ReleasesBack is null
                ? $"Each release of {product.Name} is supported until its end-of-support date."
                : $"We support {ReleaseRule(scope.ReleasesBack)} of {product.Name}. The current release is the newest one we have released; when a new release comes out, the oldest release in the window leaves support. A release is never supported after its end-of-support date, even inside that window.",
        };

        var supported = ScopeHistory.SupportedReleases(releases, scope.ReleasesBack, asOf);
        var items = supported.Select(r => ReleaseLine(r, scope.ReleasesBack)).ToList();
        paragraphs.Add(supported.Count == 0
            ? $"As of {Date(asOf)}, no release of {product.Name} is supported."
            : $"As of {Date(asOf)}, these releases are supported:");

        var retired = releases
            .Where(r => r.ReleasedOn <= asOf && !supported.Contains(r))
            .OrderBy(r => r.ReleasedOn)
            .Select(r => r.Name)
            .ToList();
        if (retired.Count > 0)
        {
            paragraphs.Add($"No longer supported: {string.Join(", ", retired)}. A request about one of these releases is out of scope; upgrading to a supported release is the way back into support.");
        }

        return new ScopeClause(ScopeClauses.SupportedReleases, "Supported releases", paragraphs, items);
    }

    private static string ReleaseLine(ProductRelease release, int? releasesBack)
    {
        var until = release.EndOfSupportOn is DateOnly end
            ? $"supported until {Date(end)}"
            : releasesBack is null ? "no end-of-support date announced" : "supported while it is within the window";
        return $"{release.Name} — released {Date(release.ReleasedOn)}; {until}";
    }

    private static ScopeClause SupportedEnvironments(ScopeOfSupport scope, Product product, IReadOnlyList<TargetEnvironment> environments)
    {
        var named = scope.EnvironmentCodes
            .Select(code => environments.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase))
                ?? new TargetEnvironment { Code = code, Name = code, Kind = EnvironmentKind.Platform })
            .ToList();
        if (named.Count == 0)
        {
            return new ScopeClause(
                ScopeClauses.SupportedEnvironments,
                "Supported environments",
                [$"This version names no supported environment for {product.Name}. Ask us before you rely on one."],
                []);
        }

        var items = named
            .GroupBy(e => e.Kind)
            .OrderBy(g => g.Key)
            .Select(g => $"{Wording.Plural(g.Key)}: {string.Join(", ", g.Select(e => e.Name).Order(StringComparer.OrdinalIgnoreCase))}")
            .ToList();
        return new ScopeClause(
            ScopeClauses.SupportedEnvironments,
            "Supported environments",
            [
                $"{product.Name} is supported on the operating systems, platforms and toolchains listed here. Help with running it anywhere else is assistance on an unsupported environment.",
            ],
            items);
    }

    private static ScopeClause ModifiedSource(ScopeOfSupport scope, Product product) => new(
        ScopeClauses.ModifiedSource,
        "Modified source code",
        scope.ModifiedSourceCovered
            ? [$"Support covers {product.Name} when you have modified its source code. Tell us what you changed when you file a request, so we can reproduce the problem."]
            : [$"Support covers {product.Name} as we ship it. If you have modified its source code, we help once the problem also happens with the unmodified product; work on your own changes is not covered."],
        []);

    private static ScopeClause ThirdPartyIntegration(ScopeOfSupport scope, Product product) => new(
        ScopeClauses.ThirdPartyIntegration,
        "Third-party products",
        scope.ThirdPartyIntegrationCovered
            ? [$"Questions about using {product.Name} together with other vendors' products are covered. We answer for how {product.Name} behaves; each vendor supports its own product."]
            : [$"Questions about integrating {product.Name} with other vendors' products are not covered by support. We can help with them as a paid service."],
        []);

    private static List<ScopeSetting> SettingsOf(ScopeOfSupport scope, IReadOnlyList<TargetEnvironment> environments)
    {
        var names = scope.EnvironmentCodes
            .Select(code => environments.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase))?.Name ?? code)
            .Order(StringComparer.OrdinalIgnoreCase);
        var excluded = RequestCategories.OutOfScope
            .Where(c => scope.OutOfScope.Any(o => string.Equals(o.Category, c.Code, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Label);
        return
        [
            new("Effective date", Date(scope.EffectiveOn)),
            new("Releases supported", ReleaseRule(scope.ReleasesBack)),
            new("Supported environments", Joined(names)),
            new("Modified source", scope.ModifiedSourceCovered ? "covered" : "not covered"),
            new("Third-party integration", scope.ThirdPartyIntegrationCovered ? "covered" : "not covered"),
            new("Out of scope", Joined(excluded)),
            new("Summary", scope.Summary.Trim()),
        ];
    }

    private static string Joined(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "none" : text;
    }

    private static List<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)))
            .ToList();
}
