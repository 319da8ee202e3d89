using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Audit;

/// <summary>
/// Builds the detail of a "changed" audit line field by field, in the words a person reads: "changed the name from
/// Acme to Acme Ltd; added the domain acme.io." Each kind of thing (organisation, plan, calendar, …) lists its fields
/// here; a field that did not change says nothing.
/// </summary>
public sealed class ChangeWording
{
    private readonly List<string> _changes = [];

    /// <summary>"changed the <paramref name="what"/> from <paramref name="before"/> to <paramref name="after"/>" when they differ.</summary>
    public ChangeWording Value(string what, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            _changes.Add($"changed the {what} from {before} to {after}");
        }

        return this;
    }

    /// <summary>"changed the <paramref name="what"/>" when they differ, for a long text that would not read well quoted whole.</summary>
    public ChangeWording Text(string what, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            _changes.Add($"changed the {what}");
        }

        return this;
    }

    /// <summary>"added the <paramref name="plural"/> a and b" and "removed the <paramref name="singular"/> c" for members of a set.</summary>
    public ChangeWording Members(string singular, string plural, IEnumerable<string> before, IEnumerable<string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ToList();
        var now = after.ToList();
        Add("added", [.. now.Except(old, StringComparer.Ordinal)]);
        Add("removed", [.. old.Except(now, StringComparer.Ordinal)]);
        return this;

        void Add(string verb, IReadOnlyList<string> items)
        {
            if (items.Count > 0)
            {
                _changes.Add($"{verb} the {(items.Count == 1 ? singular : plural)} {EntitlementWording.List(items)}");
            }
        }
    }

    /// <summary>The changes as one sentence, or "Saved without changes." when nothing differed.</summary>
    public string Describe() => _changes.Count == 0
        ? "Saved without changes."
        : char.ToUpperInvariant(_changes[0][0]) + string.Join("; ", _changes)[1..] + ".";
}
