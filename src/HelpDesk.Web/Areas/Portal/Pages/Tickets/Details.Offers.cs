using HelpDesk.Core.Offers;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Portal.Pages.Tickets;

/// <summary>The ticket's offers on the portal: asking for a quote when the ticket is not covered and no offer waits.</summary>
public sealed partial class DetailsModel
{
    [BindProperty]
    public QuoteInput Quote { get; set; } = new();

    public async Task<IActionResult> OnPostQuoteAsync([FromServices] RequestQuote requestQuote)
    {
        ArgumentNullException.ThrowIfNull(requestQuote);
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var result = await requestQuote.HandleAsync(new RequestQuoteRequest(Actor, Ticket.Id, Quote.Note), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = "We have your request for a quote; we will send you an offer on this ticket.";
            return Redirect(TicketLinks.Portal(Ticket.Number));
        }

        return Failed(result, nameof(Quote), formShown: true);
    }

    public sealed class QuoteInput
    {
        public string? Note { get; set; }
    }
}
