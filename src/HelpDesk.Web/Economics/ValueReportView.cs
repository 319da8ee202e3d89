using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Economics;

/// <summary>
/// The value report as both the portal and the manager's page show it: the report, whose it is, the currency, the
/// period as asked (to refill the form) and where a ticket number leads for this reader.
/// </summary>
public sealed record ValueReportView(ValueReport Report, string OrganisationName, Currency Currency, Func<string, string> TicketLink);

/// <summary>Reads the report for a page, putting a period that cannot be read beside its field.</summary>
public static class ValueReportPages
{
    public static async Task<ValueReport?> ReadAsync(ReadValueReport reports, int organisationId, string? from, string? to, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(modelState);
        var result = await reports.HandleAsync(organisationId, from, to, cancellationToken);
        foreach (FieldError error in result.Errors)
        {
            modelState.AddModelError(error.Field, error.Message);
        }

        return result.Value;
    }
}
