namespace HelpDesk.Core.Scope;

/// <summary>How one clause differs between two versions of a scope.</summary>
public enum ClauseChange
{
    Unchanged,
    Added,
    Removed,
    Changed,
}

/// <summary>One clause of a comparison with its lines in the older and the newer version (empty where it is absent).</summary>
public sealed record ClauseComparison(string Id, string Title, ClauseChange Change, IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>A setting whose value differs between the two versions.</summary>
public sealed record SettingChange(string Name, string Before, string After);

/// <summary>What changed between two versions of a product's Scope of Support, clause by clause.</summary>
public sealed record ScopeComparison
{
    public required ScopeDocument Older { get; init; }
    public required ScopeDocument Newer { get; init; }

    /// <summary>Every clause of either version: the newer version's order, then the clauses it dropped.</summary>
    public IReadOnlyList<ClauseComparison> Clauses { get; init; } = [];
    public IReadOnlyList<SettingChange> Settings { get; init; } = [];

    public bool HasChanges => Settings.Count > 0 || Clauses.Any(c => c.Change != ClauseChange.Unchanged);

    public static ScopeComparison Compare(ScopeDocument older, ScopeDocument newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var clauses = new List<ClauseComparison>();
        foreach (var after in newer.Clauses)
        {
            var before = older.Clause(after.Id);
            var change = before is null
                ? ClauseChange.Added
                : before.Title == after.Title && before.Lines.SequenceEqual(after.Lines, StringComparer.Ordinal)
                    ? ClauseChange.Unchanged
                    : ClauseChange.Changed;
            clauses.Add(new ClauseComparison(after.Id, after.Title, change, before?.Lines ?? [], after.Lines));
        }

        foreach (var removed in older.Clauses.Where(c => newer.Clause(c.Id) is null))
        {
            clauses.Add(new ClauseComparison(removed.Id, removed.Title, ClauseChange.Removed, removed.Lines, []));
        }

        var settings = new List<SettingChange>();
        foreach (var after in newer.Settings)
        {
            var before = older.Settings.FirstOrDefault(s => s.Name == after.Name)?.Value ?? "";
            if (!string.Equals(before, after.Value, StringComparison.Ordinal))
            {
                settings.Add(new SettingChange(after.Name, before, after.Value));
            }
        }

        return new ScopeComparison { Older = older, Newer = newer, Clauses = clauses, Settings = settings };
    }
}
