using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;

namespace HelpDesk.Web.Import;

/// <summary>
/// Invites organisations' customer contacts from a CSV file with the columns <see cref="Header"/>, each as the
/// administrators' invite does it (<see cref="AccountAdministration.InviteAsync"/>: an account, an audit line and a
/// mail with a link to choose a password). Accounts and mails cannot share one transaction, so every row is checked
/// first, against the accounts already there and the file's other rows: a file with any problem invites nobody.
/// Only when every row passes are the people invited, one after another; should an invitation still be refused (an
/// account made for the same address meanwhile), the rows before it stay invited, the rest are not, and the outcome
/// names the refused row.
/// </summary>
public sealed class PersonImport(AccountAdministration administration, IOrganisationStore organisations, HelpDeskUserManager users) : CsvImport<PersonImport.CheckedPerson>
{
    /// <summary>The header of the file: the organisation by name or id.</summary>
    public static readonly IReadOnlyList<string> Header = ["organisation", "name", "email"];

    private static readonly IReadOnlyDictionary<string, string> ColumnOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["organisationId"] = "organisation",
    };

    public override IReadOnlyList<string> Columns => Header;

    public override string Template => CsvFile.Template(Header, "Northwind Traders,Ada Lovelace,ada@northwind.example");

    protected override async Task<IReadOnlyList<CheckedPerson>> CheckAsync(IReadOnlyList<CsvRow> rows, int actorId, List<RowError> errors, CancellationToken cancellationToken)
    {
        var theOrganisations = await organisations.ListAsync(cancellationToken);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var invitations = new List<CheckedPerson>();
        foreach (var row in rows)
        {
            var rowErrors = new List<RowError>();
            var organisationId = CsvFile.Find(row.Number, "organisation", row["organisation"], theOrganisations, o => o.Id, o => o.Name, "organisation", rowErrors);
            var invitation = new Invitation(row["email"] ?? "", row["name"] ?? "", IsCustomer: true, [], organisationId);
            rowErrors.AddRange(CsvFile.ForRow(row.Number, AccountRules.CheckInvitation(invitation, organisationId is not null), ColumnOf)
                .Where(e => rowErrors.All(r => r.Column != e.Column)));
            if (row["email"] is { } email && rowErrors.All(e => e.Column != "email"))
            {
                if (!emails.Add(email))
                {
                    rowErrors.Add(new RowError(row.Number, "email", $"{email} is in an earlier row too; each person is invited once."));
                }
                else if (await users.FindByEmailAsync(email) is not null)
                {
                    rowErrors.Add(new RowError(row.Number, "email", $"{email} already has an account; place it in the organisation instead."));
                }
            }

            errors.AddRange(rowErrors);
            invitations.Add(new CheckedPerson(row.Number, invitation, actorId));
        }

        return invitations;
    }

    protected override async Task<(IReadOnlyList<ImportedRecord> Created, IReadOnlyList<RowError> Refused)> SaveAsync(IReadOnlyList<CheckedPerson> rows, CancellationToken cancellationToken)
    {
        var invited = new List<ImportedRecord>();
        foreach (var (row, invitation, actorId) in rows)
        {
            var result = await administration.InviteAsync(actorId, invitation, cancellationToken);
            if (!result.Succeeded)
            {
                var refused = CsvFile.ForRow(row, result.Errors, ColumnOf).ToList();
                refused.Add(new RowError(row, "", row == 1
                    ? "Nobody was invited. Fix this row and import the file again."
                    : $"Rows 1 to {row - 1} were invited; this row and the rows after it were not. Remove the invited rows and import the rest again."));
                return (invited, refused);
            }

            invited.Add(new ImportedRecord(row, result.Value!.Id, result.Value.Email));
        }

        return (invited, []);
    }

    /// <summary>A row that passed its checks: the invitation to send, and who sends it.</summary>
    public sealed record CheckedPerson(int Row, Invitation Invitation, int ActorId);
}
