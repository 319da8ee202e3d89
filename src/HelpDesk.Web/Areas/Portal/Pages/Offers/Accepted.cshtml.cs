using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Offers;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Offers;

/// <summary>
/// The accepted terms of an offer, from the immutable acceptance copy: a print view (its style sheet makes it
/// PDF-ready through the browser's print) and, with the Download handler, the same document as an HTML file. An offer
/// not accepted, or of another organisation, answers 404.
/// </summary>
public sealed class AcceptedModel(CurrentActor actors, IOfferStore offers, ITicketStore tickets, IOrganisationStore organisations, IWebHostEnvironment environment) : PageModel
{
    public const string StyleSheet = "/css/print.css";

    public async Task<IActionResult> OnGetAsync(int offerId) =>
        await DocumentAsync(offerId, StyleSheet, null) is { } document ? Content(document.Html, "text/html; charset=utf-8") : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync(int offerId)
    {
        var style = await System.IO.File.ReadAllTextAsync(environment.WebRootFileProvider.GetFileInfo(StyleSheet).PhysicalPath!, HttpContext.RequestAborted);
        return await DocumentAsync(offerId, null, style) is { } document
            ? File(System.Text.Encoding.UTF8.GetBytes(document.Html), "text/html; charset=utf-8", $"{document.Number}-accepted-terms.html")
            : NotFound();
    }

    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    private async Task<(string Html, string Number)?> DocumentAsync(int offerId, string? styleSheet, string? inlineStyle)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(User) is not { IsCustomer: true, OrganisationId: int organisationId } actor
            || await offers.GetAsync(offerId, organisationId, cancellationToken) is not { } offer
            || await offers.GetAcceptanceAsync(offerId, organisationId, cancellationToken) is not { } acceptance
            || await tickets.GetAsync(offer.TicketId, actor.Scope, cancellationToken) is not { } ticket)
        {
            return null;
        }

        var organisation = await organisations.GetAsync(organisationId, cancellationToken);
        return (AcceptedTerms.Document(offer, acceptance, ticket.Number, organisation?.Name ?? "", styleSheet, inlineStyle), offer.Number);
    }
}
