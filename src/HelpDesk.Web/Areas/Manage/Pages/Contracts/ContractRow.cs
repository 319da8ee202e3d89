using HelpDesk.Core.Contracts;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>One contract as the manage pages list it: names resolved, state on today's date in its time zone, incidents counted.</summary>
public sealed record ContractRow(
    Contract Contract,
    string OrganisationName,
    Plan? Plan,
    IReadOnlyList<string> ProductNames,
    ContractState State,
    Contract? Renews,
    Contract? RenewedBy,
    int IncidentsUsed)
{
    public string Allowance => Plan is not null && ContractStates.Allowance(Contract, Plan) is int allowance
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{IncidentsUsed} of {allowance}{(Contract.IncidentsBought > 0 ? $" ({Contract.IncidentsBought} bought)" : "")}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{IncidentsUsed} (unlimited)");

    public string Term => $"{ContractStates.Describe(Contract.StartsOn)} to {ContractStates.Describe(Contract.EndsOn)}";
}
