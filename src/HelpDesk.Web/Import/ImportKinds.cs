using HelpDesk.Core.Accounts;

namespace HelpDesk.Web.Import;

/// <summary>
/// One kind of file import, as both the API (<c>/api/import/{Name}</c>) and the import page offer it: the import that
/// checks and saves its rows, the authorization policy of who may run it, and the API token scope it needs.
/// </summary>
/// <param name="Things">What a row becomes, in the plural, for the page's words ("organisations").</param>
/// <param name="RecordPage">The page of one saved record, its id appended.</param>
public sealed record ImportKind(string Name, string Things, Type Import, string Policy, string Scope, string RecordPage, string Summary)
{
    public ICsvImport Resolve(IServiceProvider services) => (ICsvImport)services.GetRequiredService(Import);
}

/// <summary>The kinds of file import, in the order the import page lists them.</summary>
public static class ImportKinds
{
    public static readonly IReadOnlyList<ImportKind> All =
    [
        new("organisations", "organisations", typeof(OrganisationImport), Hosting.Areas.Manage, ApiScopes.ManageOrganisations, "/manage/organisations/edit/",
            "Managers: add organisations from a CSV body (columns name,region,segment,domains; domains separated by spaces or semicolons)."),
        new("contracts", "contracts", typeof(ContractImport), Hosting.Areas.Manage, ApiScopes.ManageContracts, "/manage/contracts/edit/",
            "Managers: add contracts from a CSV body (columns organisation,plan,products,starts,ends,value,currency,timezone; organisation and plan by name or id, products by code, name or id separated by semicolons, dates yyyy-MM-dd). Each row is checked as the contract form checks it, and against the file's earlier rows."),
        // Inviting is an administrator's, as on the user pages and POST /api/organisations/{id}/people.
        new("people", "customer contacts", typeof(PersonImport), Hosting.Areas.Admin, ApiScopes.ManageOrganisations, "/admin/users/",
            "Administrators: invite organisations' customer contacts from a CSV body (columns organisation,name,email; organisation by name or id); each gets a mail with a link to choose a password. Every row is checked before anyone is invited; see the management API document for an invitation refused during the import."),
    ];

    /// <summary>The kind called <paramref name="name"/> (any case); null when there is none.</summary>
    public static ImportKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
