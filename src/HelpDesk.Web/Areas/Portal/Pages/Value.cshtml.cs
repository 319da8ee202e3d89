using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Economics;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

/// <summary>
/// "Your support": what the customer's own organisation got from its support in a period (the current contract term
/// by default). The organisation is always the signed-in customer's; nothing in the address can name another.
/// </summary>
public sealed class ValueModel(CurrentActor actors, IOrganisationStore organisations, ReadValueReport reports, Currency currency) : PageModel
{
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    public ValueReportView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(User) is not { IsCustomer: true, OrganisationId: int organisationId }
            || await organisations.GetAsync(organisationId, cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        var report = await ValueReportPages.ReadAsync(reports, organisationId, From, To, ModelState, cancellationToken);
        View = report is null ? null : new ValueReportView(report, organisation.Name, currency, TicketLinks.Portal);
        return Page();
    }
}
