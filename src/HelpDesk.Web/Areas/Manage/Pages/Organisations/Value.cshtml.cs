using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Economics;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Organisations;

/// <summary>
/// Any organisation's value report as its customers see it on the portal, with the tickets leading to the desk, and
/// a form to mail it to one of the organisation's people (its admin contact first) before a renewal.
/// </summary>
public sealed class ValueModel(IOrganisationStore organisations, IBuyingRights people, ReadValueReport reports, Currency currency) : PageModel
{
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public ValueReportView? View { get; private set; }

    public IReadOnlyList<Buyer> People { get; private set; } = [];

    public int? AdminContactId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await organisations.GetAsync(id, cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        var report = await ValueReportPages.ReadAsync(reports, id, From, To, ModelState, cancellationToken);
        View = report is null ? null : new ValueReportView(report, organisation.Name, currency, TicketLinks.Desk);
        People = await people.ListAsync(id, cancellationToken);
        AdminContactId = await people.GetAdminContactAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(int id, int recipientId, [FromServices] SendValueReport send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (await organisations.GetAsync(id, HttpContext.RequestAborted) is not { } organisation)
        {
            return NotFound();
        }

        var result = await send.HandleAsync(new SendValueReportRequest(id, organisation.Name, recipientId, From, To), HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"The report is queued for {result.Value!.ToAddress}."
            : result.Errors[0].Message;
        return RedirectToPage(new { id, from = From, to = To });
    }
}
