using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Offers;

/// <summary>
/// One offer as the customer decides on it: the terms exactly as rendered when it was sent, the price and the expiry,
/// and Accept (with the typed name) or Decline (with an optional reason). Once accepted, the acceptance record. An
/// offer of another organisation answers 404, like one that does not exist.
/// </summary>
public sealed class ShowModel(CurrentActor actors, IOfferStore offers, ITicketStore tickets, IBuyingRights rights, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int OfferId { get; set; }

    [BindProperty]
    public AcceptInput Accept { get; set; } = new();

    [BindProperty]
    public DeclineInput Decline { get; set; } = new();

    public Offer Offer { get; private set; } = null!;

    public Ticket Ticket { get; private set; } = null!;

    public OfferAcceptance? Acceptance { get; private set; }

    /// <summary>Why the customer's accept or decline was refused (already decided, expired, no right to buy), in words.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether the offer can still be answered now: sent and not past its expiry.</summary>
    public bool Open => Offer.Status == OfferStatus.Sent && !OfferLifecycle.HasExpired(Offer, clock.UtcNow());

    /// <summary>Whether the signed-in customer may answer it: the ticket's requester or someone with the right to buy.</summary>
    public bool MayDecide { get; private set; }

    /// <summary>The SHA-256 of the terms on this page, posted back with the acceptance so that exactly these terms are accepted.</summary>
    public string TermsSha256 => OfferTerms.Sha256(Offer.TermsHtml);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAcceptAsync([FromServices] AcceptOffer acceptOffer)
    {
        ArgumentNullException.ThrowIfNull(acceptOffer);
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return NotFound();
        }

        var result = await acceptOffer.HandleAsync(
            new AcceptOfferRequest(actor, OfferId, Accept.TypedName, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString())
            {
                ShownTermsSha256 = Accept.TermsSha256,
            },
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"You accepted offer {result.Value!.Offer.Number}. The terms you accepted are kept below; a confirmation is on its way by mail.";
            return RedirectToPage(new { OfferId });
        }

        return await FailedAsync(result, nameof(Accept));
    }

    public async Task<IActionResult> OnPostDeclineAsync([FromServices] DeclineOffer declineOffer)
    {
        ArgumentNullException.ThrowIfNull(declineOffer);
        if (await actors.ResolveAsync(User) is not { } actor)
        {
            return NotFound();
        }

        var result = await declineOffer.HandleAsync(new DeclineOfferRequest(actor, OfferId, Decline.Reason), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"You declined offer {result.Value!.Number}. Thank you for telling us.";
            return RedirectToPage(new { OfferId });
        }

        return await FailedAsync(result, nameof(Decline));
    }

    /// <summary>A field's error goes beside it; a refusal of the whole decision goes above the forms.</summary>
    private async Task<IActionResult> FailedAsync<T>(Result<T> result, string prefix)
    {
        if (result.Failure == Failure.NotFound || await LoadAsync() is null)
        {
            return NotFound();
        }

        foreach (var error in result.Errors)
        {
            if (result.Failure == Failure.Invalid && error.Field.Length > 0)
            {
                ModelState.AddModelError($"{prefix}.{char.ToUpperInvariant(error.Field[0])}{error.Field[1..]}", error.Message);
            }
            else
            {
                Refusal = Refusal is null ? error.Message : $"{Refusal} {error.Message}";
            }
        }

        return Page();
    }

    private async Task<Offer?> LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(User) is not { IsCustomer: true, OrganisationId: int organisationId, UserId: int userId } actor
            || await offers.GetAsync(OfferId, organisationId, cancellationToken) is not { } offer
            || await tickets.GetAsync(offer.TicketId, actor.Scope, cancellationToken) is not { } ticket)
        {
            return null;
        }

        Offer = offer;
        Ticket = ticket;
        Acceptance = offer.Status == OfferStatus.Accepted ? await offers.GetAcceptanceAsync(offer.Id, organisationId, cancellationToken) : null;
        MayDecide = userId == ticket.RequesterId || (await rights.FindAsync(userId, cancellationToken))?.CanBuyServices == true;
        return offer;
    }

    public sealed class AcceptInput
    {
        public string? TypedName { get; set; }

        public string? TermsSha256 { get; set; }
    }

    public sealed class DeclineInput
    {
        public string? Reason { get; set; }
    }
}
