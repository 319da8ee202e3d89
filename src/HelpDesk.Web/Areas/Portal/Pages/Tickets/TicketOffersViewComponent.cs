using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Portal.Pages.Tickets;

/// <summary>The offers made on a ticket, and whether the customer may ask for a quote (not covered, no offer waiting, none asked).</summary>
public sealed record TicketOffers(Ticket Ticket, IReadOnlyList<Offer> Offers, QuoteRequest? OpenQuote, string? QuoteNote)
{
    public bool MayRequestQuote =>
        Ticket.Verdict is not (null or Verdict.Entitled)
        && OpenQuote is null
        && Offers.All(o => o.Status != OfferStatus.Sent);
}

/// <summary>The portal ticket page's offers, read by themselves so that the page model stays about the conversation.</summary>
public sealed class TicketOffersViewComponent(IOfferStore offers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DetailsModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cancellationToken = HttpContext.RequestAborted;
        var ticket = page.Ticket;
        var theirs = await offers.ListForTicketAsync(ticket.Id, ticket.OrganisationId, cancellationToken);
        var open = await offers.ListQuoteRequestsAsync(ticket.Id, QuoteRequestStatus.Open, cancellationToken) is [var first, ..] ? first : null;
        return View("~/Areas/Portal/Pages/Tickets/_TicketOffers.cshtml", new TicketOffers(ticket, theirs, open, page.Quote.Note));
    }
}
