using HelpDesk.Core.Audit;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Organisations;

namespace HelpDesk.Web.Import;

/// <summary>
/// Adds organisations from a CSV file with the columns <see cref="Columns"/>. Every row is checked with the rules a
/// single organisation is added under (<see cref="OrganisationRules"/>), and against the other rows and the
/// organisations already there; a dry run reports every row's problems and saves nothing, and a real import saves all
/// rows in one transaction, or none when any row has a problem, each with the importing manager's audit line.
/// </summary>
public sealed class OrganisationImport(IOrganisationStore organisations, OrganisationStore store, TimeProvider clock) : CsvImport<CheckedOrganisation>
{
    /// <summary>The header of the file: domains are separated by spaces or semicolons.</summary>
    public static readonly IReadOnlyList<string> Header = ["name", "region", "segment", "domains"];

    public override IReadOnlyList<string> Columns => Header;

    public override string Template => CsvFile.Template(Header, "Northwind Traders,Emea,Key,northwind.example;northwind.test");

    protected override async Task<IReadOnlyList<CheckedOrganisation>> CheckAsync(IReadOnlyList<CsvRow> rows, int actorId, List<RowError> errors, CancellationToken cancellationToken)
    {
        var existing = await organisations.ListAsync(cancellationToken);
        var names = existing.Select(o => o.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var domains = existing.SelectMany(o => o.EmailDomains).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var checkedRows = new List<CheckedOrganisation>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, fields) = (i + 1, rows[i]);
            var result = OrganisationRules.Check(fields["name"], CsvFile.Parse<Region>(fields["region"]), CsvFile.Parse<CustomerSegment>(fields["segment"]), fields["domains"]);
            if (!result.Succeeded)
            {
                errors.AddRange(result.Errors.Select(e => new RowError(row, e.Field, e.Message)));
                continue;
            }

            var organisation = result.Value!;
            if (!names.Add(organisation.Name))
            {
                errors.Add(new RowError(row, "name", $"Another organisation (here or in an earlier row) is already called {organisation.Name}."));
            }

            var taken = organisation.Domains.Where(d => !domains.Add(d)).ToList();
            if (taken.Count > 0)
            {
                errors.Add(new RowError(row, "domains", $"Already owned by another organisation (here or in an earlier row): {string.Join(", ", taken)}."));
            }

            var created = new Organisation { Name = organisation.Name, Region = organisation.Region, Segment = organisation.Segment, EmailDomains = organisation.Domains, CreatedUtc = now };
            var audit = new ManageAuditEntry
            {
                Subject = AuditSubjects.Organisation,
                ActorId = actorId,
                Action = "imported",
                Detail = OrganisationChanges.Describe(null, created),
                AtUtc = now,
            };
            checkedRows.Add(new CheckedOrganisation(created, audit));
        }

        return checkedRows;
    }

    protected override async Task<(IReadOnlyList<ImportedRecord> Created, IReadOnlyList<RowError> Refused)> SaveAsync(IReadOnlyList<CheckedOrganisation> rows, CancellationToken cancellationToken)
    {
        var saved = await store.CreateManyAsync([.. rows.Select(r => r.Organisation)], [.. rows.Select(r => r.Audit)], cancellationToken);
        if (saved.All(s => s.Succeeded))
        {
            return ([.. saved.Select((s, i) => new ImportedRecord(i + 1, s.Id, rows[i].Organisation.Name))], []);
        }

        // Another manager added a clashing organisation between the check and the save: nothing was saved.
        var index = saved.ToList().FindIndex(s => s.Problem != OrganisationSaveProblem.StaleVersion);
        IReadOnlyList<RowError> lost = index < 0
            ? [new RowError(0, "", "The organisations changed while the file was saved; nothing was saved. Import it again.")]
            : OrganisationRules.Refusal(saved[index], "").Errors.Select(e => new RowError(index + 1, e.Field, e.Message)).ToList();
        return ([], lost);
    }
}

/// <summary>A row of an organisation import that passed its checks: the organisation to add and the manager's audit line for it.</summary>
public sealed record CheckedOrganisation(Organisation Organisation, ManageAuditEntry Audit);
