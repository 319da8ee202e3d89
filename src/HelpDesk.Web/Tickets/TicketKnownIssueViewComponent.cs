using HelpDesk.Core.KnownIssues;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Tickets;

/// <summary>
/// The known issue a ticket is linked to, for the page of a ticket the viewer may already see: customers read its
/// title, status and public note; staff also get the form that links the ticket to another issue or a new one.
/// </summary>
public sealed record TicketKnownIssue(string Number, KnownIssue? Issue, bool Staff, IReadOnlyList<KnownIssue> Choices);

public sealed class TicketKnownIssueViewComponent(IKnownIssueStore issues) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int ticketId, string number, bool staff)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var issue = await issues.ForTicketAsync(ticketId, cancellationToken);
        var choices = staff ? await issues.ListAsync(new KnownIssueFilter(), cancellationToken) : [];
        return View("~/Pages/Shared/_TicketKnownIssue.cshtml", new TicketKnownIssue(number, issue, staff, choices));
    }
}
