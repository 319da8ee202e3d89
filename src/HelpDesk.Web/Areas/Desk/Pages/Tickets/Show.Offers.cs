using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Offers;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// The ticket page's offer panel: sending an offer, asking the managers for a quote, withdrawing an offer. Each
/// handler calls its use case first and reads the page only when it has errors to show beside the fields.
/// </summary>
public sealed partial class ShowModel
{
    [BindProperty]
    public OfferInput Offer { get; set; } = new();

    [BindProperty]
    public QuoteInput Quote { get; set; } = new();

    [BindProperty]
    public WithdrawalInput Withdrawal { get; set; } = new();

    /// <summary>The offering version whose form was posted, so that its form opens again with the errors beside it.</summary>
    public int? PostedOfferingVersionId { get; private set; }

    /// <summary>The offer whose withdrawal was posted and refused.</summary>
    public int? PostedWithdrawalOfferId { get; private set; }

    /// <summary>Whether the quote request form was posted, so that its errors show there.</summary>
    public bool PostedQuote { get; private set; }

    public async Task<IActionResult> OnPostOfferAsync(string number, [FromServices] MakeOffer makeOffer, [FromServices] CurrentActor actors)
    {
        ArgumentNullException.ThrowIfNull(makeOffer);
        ArgumentNullException.ThrowIfNull(actors);
        if (await ActorForPostAsync(number, actors) is not (var actor, var ticketId))
        {
            return NotFound();
        }

        PostedOfferingVersionId = Offer.OfferingVersionId;
        if (ModelState.Any(entry => entry.Key.StartsWith("Offer.", StringComparison.Ordinal) && entry.Value is { Errors.Count: > 0 }))
        {
            // A value that did not even read (a malformed date) is shown beside its field rather than replaced by a default.
            return await LoadAsync(number) is { } problem ? problem : Page();
        }

        var result = await makeOffer.HandleAsync(
            new MakeOfferRequest(actor, ticketId, Offer.OfferingVersionId)
            {
                Size = Offer.Size,
                Blanks = Offer.Blanks,
                ExpiresOn = Offer.ExpiresOn,
                Reason = Offer.Reason,
            },
            HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Offer), result.Succeeded ? $"Sent offer {result.Value!.Number}: {result.Value.Title}, {OfferText.Price(result.Value)}. The customer has it by mail and on the portal." : "");
    }

    public async Task<IActionResult> OnPostQuoteAsync(string number, [FromServices] RequestQuote requestQuote, [FromServices] CurrentActor actors)
    {
        ArgumentNullException.ThrowIfNull(requestQuote);
        ArgumentNullException.ThrowIfNull(actors);
        if (await ActorForPostAsync(number, actors) is not (var actor, var ticketId))
        {
            return NotFound();
        }

        PostedQuote = true;
        var result = await requestQuote.HandleAsync(new RequestQuoteRequest(actor, ticketId, Quote.Note), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Quote), "The managers have the quote request in their pipeline.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string number, [FromServices] WithdrawOffer withdrawOffer, [FromServices] CurrentActor actors)
    {
        ArgumentNullException.ThrowIfNull(withdrawOffer);
        ArgumentNullException.ThrowIfNull(actors);
        if (await ActorForPostAsync(number, actors) is not (var actor, _))
        {
            return NotFound();
        }

        PostedWithdrawalOfferId = Withdrawal.OfferId;
        var result = await withdrawOffer.HandleAsync(new WithdrawOfferRequest(actor, Withdrawal.OfferId, Withdrawal.Reason), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Withdrawal), result.Succeeded ? $"Withdrew offer {result.Value!.Number}; the customer is told." : "");
    }

    /// <summary>The engineer and the ticket a post is about, without reading the page; null for a malformed number.</summary>
    private async Task<(TicketActor Actor, int TicketId)?> ActorForPostAsync(string number, CurrentActor actors)
    {
        if (!TicketNumber.TryParse(number, out var id) || await actors.ResolveAsync(User) is not { Kind: ActorKind.Staff } actor)
        {
            return null;
        }

        return (actor, id);
    }

    public sealed class OfferInput
    {
        public int OfferingVersionId { get; set; }

        public OfferSize? Size { get; set; }

        /// <summary>The blanks as typed, by name; those left empty are filled from the ticket or refused.</summary>
        public Dictionary<string, string?> Blanks { get; set; } = new(StringComparer.Ordinal);

        public DateOnly? ExpiresOn { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class QuoteInput
    {
        public string? Note { get; set; }
    }

    public sealed class WithdrawalInput
    {
        public int OfferId { get; set; }

        public string? Reason { get; set; }
    }
}
