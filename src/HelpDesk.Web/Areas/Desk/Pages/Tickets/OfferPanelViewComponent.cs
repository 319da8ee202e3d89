using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// What the offer panel shows: the offerings proposed for the ticket's verdict with why, another offering the engineer
/// chose from the catalogue (for an entitled ticket, or one nothing proposes), the values blanks start with, the offers
/// already made and the open quote request.
/// </summary>
public sealed record OfferPanel(ShowModel Page, Proposals Proposals, IReadOnlyList<CatalogueEntry> Catalogue, DateOnly DefaultExpiresOn, Currency Currency)
{
    /// <summary>The offering chosen from the whole catalogue, shaped for the ticket; or why it cannot be offered.</summary>
    public Result<OfferProposal>? Chosen { get; init; }

    public IReadOnlyDictionary<string, string> FromTicket { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<Offer> Offers { get; init; } = [];

    public QuoteRequest? OpenQuote { get; init; }

    public Ticket Ticket => Page.Ticket;

    /// <summary>The forms to show: the proposals, then the offering chosen from the catalogue when it is not one of them.</summary>
    public IEnumerable<OfferProposal> Forms =>
        Chosen is { Succeeded: true, Value: { } chosen } && Proposals.Items.All(p => p.Version.Id != chosen.Version.Id)
            ? [.. Proposals.Items, chosen]
            : Proposals.Items;
}

/// <summary>The desk ticket page's offer panel, read by itself so that the page model stays about the ticket.</summary>
public sealed class OfferPanelViewComponent(
    IOfferingStore offerings,
    IOfferStore offers,
    IContractStore contracts,
    IScopeStore scope,
    OfferSettings settings,
    TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ShowModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cancellationToken = HttpContext.RequestAborted;
        var ticket = page.Ticket;
        var today = DateOnly.FromDateTime(clock.UtcNow());
        var product = string.IsNullOrWhiteSpace(ticket.Product) ? null : await scope.FindProductAsync(ticket.Product, cancellationToken);
        var releases = product is null ? [] : await scope.ListReleasesAsync(product.Id, cancellationToken);
        var request = OfferRequests.For(ticket, product, await contracts.ListContractsAsync(ticket.OrganisationId, cancellationToken), await contracts.ListPlansAsync(cancellationToken), today)
            with { Currency = settings.Currency };
        var catalogue = (await offerings.ListAsync(cancellationToken)).Where(e => e.Offerable).ToList();

        // The catalogue choice comes on the query (a GET form), or is the form that was posted with errors.
        var chosenId = page.PostedOfferingVersionId ?? (int.TryParse(Request.Query["offering"], out var asked) ? (int?)asked : null);
        var chosen = chosenId is int versionId && catalogue.FirstOrDefault(e => e.Published!.Id == versionId) is { } entry
            ? OfferProposals.Shape(entry, request)
            : null;

        var panel = new OfferPanel(page, OfferProposals.For(request, catalogue), catalogue, today.AddDays(settings.ExpiryDays), settings.Currency)
        {
            Chosen = chosen,
            FromTicket = OfferBlanks.FromTicket(ticket, page.OrganisationName, product?.Name, OfferBlanks.CurrentRelease(releases, today)),
            Offers = await offers.ListForTicketAsync(ticket.Id, null, cancellationToken),
            OpenQuote = await offers.ListQuoteRequestsAsync(ticket.Id, QuoteRequestStatus.Open, cancellationToken) is [var open, ..] ? open : null,
        };
        return View("~/Areas/Desk/Pages/Tickets/_OfferPanel.cshtml", panel);
    }
}
