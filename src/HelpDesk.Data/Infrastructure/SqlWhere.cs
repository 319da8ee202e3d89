using Dapper;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// The conditions of a WHERE clause assembled from fixed fragments, each added together with the parameter it reads, so
/// a filter and its value cannot disagree.
/// </summary>
internal sealed class SqlWhere
{
    private readonly List<string> _clauses = [];

    public IReadOnlyList<string> Clauses => _clauses;

    public DynamicParameters Parameters { get; } = new();

    public void Add(string clause) => _clauses.Add(clause);

    /// <summary>Adds the condition and its parameter, or nothing when <paramref name="when"/> is false.</summary>
    public void Add(string clause, string parameter, object? value, bool when = true)
    {
        if (!when)
        {
            return;
        }

        _clauses.Add(clause);
        Parameters.Add(parameter, value);
    }
}
