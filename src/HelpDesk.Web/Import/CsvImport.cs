using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace HelpDesk.Web.Import;

/// <summary>A problem with one cell of an imported file. <see cref="Row"/> counts data rows from 1 (the header is row 0).</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>A record an import saved: the data row it came from, its id, and the words that name it on a page.</summary>
public sealed record ImportedRecord(int Row, int Id, string Name);

/// <summary>What an import found and did: the rows read, each problem, and what was saved (nothing when any row has a problem).</summary>
public sealed record ImportOutcome(int Rows, IReadOnlyList<RowError> Errors, IReadOnlyList<ImportedRecord> Created, bool DryRun)
{
    public bool Succeeded => Errors.Count == 0;

    public int Saved => Created.Count;
}

/// <summary>
/// One kind of CSV import: a dry run reports every row's problems and saves nothing; a real import saves all rows, or
/// none when any row has a problem.
/// </summary>
public interface ICsvImport
{
    /// <summary>The columns the file's first line names, in the template's order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The header line and one example row.</summary>
    string Template { get; }

    /// <param name="actorId">The account importing the file, for the audit trail.</param>
    Task<ImportOutcome> ImportAsync(TextReader csv, bool dryRun, int actorId, CancellationToken cancellationToken);
}

/// <summary>
/// The steps every import takes: read the file, check every row (<see cref="CheckAsync"/>), and save the checked rows
/// (<see cref="SaveAsync"/>) only when no row has a problem and it is not a dry run.
/// </summary>
/// <typeparam name="TChecked">A row that passed its checks, ready to save.</typeparam>
public abstract class CsvImport<TChecked> : ICsvImport
{
    public abstract IReadOnlyList<string> Columns { get; }

    public abstract string Template { get; }

    public async Task<ImportOutcome> ImportAsync(TextReader csv, bool dryRun, int actorId, CancellationToken cancellationToken)
    {
        var errors = new List<RowError>();
        var rows = CsvFile.Read(csv, Columns, errors);
        if (errors.Count > 0)
        {
            return new ImportOutcome(rows.Count, errors, [], dryRun);
        }

        var checkedRows = await CheckAsync(rows, actorId, errors, cancellationToken);
        if (errors.Count > 0 || dryRun)
        {
            return new ImportOutcome(rows.Count, errors, [], dryRun);
        }

        var (created, refused) = await SaveAsync(checkedRows, cancellationToken);
        return new ImportOutcome(rows.Count, refused, created, dryRun);
    }

    /// <summary>Checks every row, adding each problem to <paramref name="errors"/>; the rows that passed.</summary>
    protected abstract Task<IReadOnlyList<TChecked>> CheckAsync(IReadOnlyList<CsvRow> rows, int actorId, List<RowError> errors, CancellationToken cancellationToken);

    /// <summary>Saves the checked rows: the records saved, and the problems that stopped the save.</summary>
    protected abstract Task<(IReadOnlyList<ImportedRecord> Created, IReadOnlyList<RowError> Refused)> SaveAsync(IReadOnlyList<TChecked> rows, CancellationToken cancellationToken);
}

/// <summary>One data row of an imported file: <see cref="Number"/> counts from 1; cells are read by column name.</summary>
public sealed class CsvRow(int number, IReadOnlyDictionary<string, string?> cells)
{
    public int Number { get; } = number;

    /// <summary>The cell of <paramref name="column"/>, trimmed; null when empty.</summary>
    public string? this[string column] => cells.TryGetValue(column, out var cell) && !string.IsNullOrWhiteSpace(cell) ? cell.Trim() : null;
}

/// <summary>Reads an imported file: the header must name every column (in any order and case); every later line is a row.</summary>
public static class CsvFile
{
    public static string Template(IReadOnlyList<string> columns, string example) => string.Join(",", columns) + "\n" + example + "\n";

    /// <summary>The rows of the file; when the header is missing or lacks a column, no rows and a row-0 error.</summary>
    public static IReadOnlyList<CsvRow> Read(TextReader text, IReadOnlyList<string> columns, List<RowError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(errors);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(text, configuration);
        var rows = new List<CsvRow>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add(new RowError(0, "", $"The file is empty; its first line names the columns: {string.Join(",", columns)}."));
            return rows;
        }

        var missing = columns.Where(c => !csv.HeaderRecord!.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new RowError(0, string.Join(",", missing), $"The first line names the columns {string.Join(",", columns)}; {string.Join(", ", missing)} is missing."));
            return rows;
        }

        while (csv.Read())
        {
            rows.Add(new CsvRow(rows.Count + 1, columns.ToDictionary(c => c, c => csv.GetField(c), StringComparer.Ordinal)));
        }

        return rows;
    }

    /// <summary>The enum value named by <paramref name="text"/>, in any case; null when it names none.</summary>
    public static TEnum? Parse<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<TEnum>(name) : null;

    /// <summary>
    /// The row's field errors under their import columns: <paramref name="columnOf"/> names the column of a rule's field
    /// (a field with no column, or a message about the whole row, keeps its own name).
    /// </summary>
    public static IEnumerable<RowError> ForRow(int row, IEnumerable<Core.Common.FieldError> errors, IReadOnlyDictionary<string, string> columnOf) =>
        errors.Select(e => new RowError(row, columnOf.TryGetValue(e.Field, out var column) ? column : e.Field, e.Message));

    /// <summary>
    /// The id of the one item <paramref name="text"/> names, by its id or its name (any case); otherwise null and the
    /// row's error for <paramref name="column"/>.
    /// </summary>
    public static int? Find<T>(int row, string column, string? text, IEnumerable<T> items, Func<T, int> id, Func<T, string> name, string what, List<RowError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            errors.Add(new RowError(row, column, $"Enter the {what}, by its name or id."));
            return null;
        }

        var found = items.Where(i => string.Equals(name(i), text, StringComparison.OrdinalIgnoreCase)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && id(i) == number)).ToList();
        if (found.Count != 1)
        {
            errors.Add(new RowError(row, column, found.Count == 0 ? $"There is no {what} '{text}'." : $"More than one {what} is called '{text}'; use its id."));
            return null;
        }

        return id(found[0]);
    }
}
