using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Import;

/// <summary>
/// Adds contracts from a CSV file with the columns <see cref="Header"/>. Every row is checked by the rules a contract
/// entered on its form is saved under (<see cref="SaveContract"/>), counting the file's earlier rows as the
/// organisation's contracts; a real import saves all rows in one transaction, or none when any row has a problem.
/// </summary>
public sealed class ContractImport(SaveContract save, IContractStore contracts, IOrganisationStore organisations, IScopeStore scope, Currency currency) : CsvImport<CheckedContract>
{
    /// <summary>
    /// The header of the file: organisation and plan by name or id; products by code, name or id, separated by
    /// semicolons; dates as yyyy-MM-dd; value in currency units; time zone an IANA name.
    /// </summary>
    public static readonly IReadOnlyList<string> Header = ["organisation", "plan", "products", "starts", "ends", "value", "currency", "timezone"];

    /// <summary>The columns of <see cref="SaveContract"/>'s fields.</summary>
    private static readonly IReadOnlyDictionary<string, string> ColumnOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["organisationId"] = "organisation",
        ["planId"] = "plan",
        ["productIds"] = "products",
        ["startsOn"] = "starts",
        ["endsOn"] = "ends",
        ["value"] = "value",
        ["timeZone"] = "timezone",
    };

    public override IReadOnlyList<string> Columns => Header;

    public override string Template => CsvFile.Template(Header, $"Northwind Traders,Gold,HD;REP,2027-01-01,2027-12-31,12000.00,{currency.Code},Europe/Berlin");

    protected override async Task<IReadOnlyList<CheckedContract>> CheckAsync(IReadOnlyList<CsvRow> rows, int actorId, List<RowError> errors, CancellationToken cancellationToken)
    {
        var theOrganisations = await organisations.ListAsync(cancellationToken);
        var plans = await contracts.ListPlansAsync(cancellationToken);
        var products = await scope.ListProductsAsync(cancellationToken);
        var checkedRows = new List<CheckedContract>();
        foreach (var row in rows)
        {
            var rowErrors = new List<RowError>();
            var request = new SaveContractRequest
            {
                OrganisationId = CsvFile.Find(row.Number, "organisation", row["organisation"], theOrganisations, o => o.Id, o => o.Name, "organisation", rowErrors),
                PlanId = CsvFile.Find(row.Number, "plan", row["plan"], plans, p => p.Id, p => p.Name, "plan", rowErrors),
                ProductIds = Products(row, products, rowErrors),
                StartsOn = Day(row, "starts", rowErrors),
                EndsOn = Day(row, "ends", rowErrors),
                Value = row["value"],
                TimeZone = row["timezone"],
                ActorId = actorId,
            };
            if (row["currency"] is { } code && !string.Equals(code, currency.Code, StringComparison.OrdinalIgnoreCase))
            {
                rowErrors.Add(new RowError(row.Number, "currency", $"Contracts here are in {currency.Code}, not {code}; convert the value or leave the currency empty."));
            }

            var result = await save.CheckAsync(request, [.. checkedRows.Select(c => c.Contract)], cancellationToken);
            // A column already reported (a name that matches nothing) is not reported again as the rule's "choose one".
            rowErrors.AddRange(CsvFile.ForRow(row.Number, result.Errors, ColumnOf).Where(e => rowErrors.All(r => r.Column != e.Column)));
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                checkedRows.Add(result.Value!);
            }
        }

        return checkedRows;
    }

    protected override async Task<(IReadOnlyList<ImportedRecord> Created, IReadOnlyList<RowError> Refused)> SaveAsync(IReadOnlyList<CheckedContract> rows, CancellationToken cancellationToken) =>
        ([.. (await contracts.CreateContractsAsync([.. rows.Select(c => (c.Contract, c.Audit))], cancellationToken)).Select((c, i) => new ImportedRecord(i + 1, c.Id, c.Number))], []);

    private static List<int> Products(CsvRow row, IReadOnlyList<Product> products, List<RowError> errors) =>
        [.. (row["products"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => products.FirstOrDefault(p => string.Equals(p.Code, text, StringComparison.OrdinalIgnoreCase)) is { } byCode
                ? byCode.Id
                : CsvFile.Find(row.Number, "products", text, products, p => p.Id, p => p.Name, "product", errors))
            .OfType<int>()];

    private static DateOnly? Day(CsvRow row, string column, List<RowError> errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new RowError(row.Number, column, $"'{text}' is not a date; write it as year-month-day, such as 2027-01-31."));
        return null;
    }
}
