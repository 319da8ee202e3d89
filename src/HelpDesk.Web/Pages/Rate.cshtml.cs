using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

/// <summary>
/// A one-click rating from a resolution mail: the signed link names the ticket, the resolution, the person who asked
/// and the score, so no sign-in is needed. Opening the link shows the rating and sends it at once from the page (a
/// small script presses its button), so one click in the mail is enough; opening alone records nothing, as with the
/// NPS links, so a mail filter that checks links never rates for the customer. The first rating of a resolution
/// stands, as on the portal. A link that was altered or has expired, or a resolution that is no longer the ticket's
/// latest, records nothing and says why.
/// </summary>
[AllowAnonymous]
public sealed class RateModel(IRatingTokens tokens, IPeopleDirectory people, RateTicket rate) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>The ticket's page on the portal, once the link named one.</summary>
    public string? TicketLink { get; private set; }

    public int? Score { get; private set; }

    /// <summary>The rating is shown, waiting to be sent.</summary>
    public bool Pending { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await ReadAsync(token, cancellationToken) is { } link)
        {
            Title = $"Rate {TicketNumber.Format(link.Grant.TicketId)}";
            Message = $"Your rating: {link.Grant.Score} of {RatingScale.Max} ({RatingScale.Describe(link.Grant.Score)}).";
            Pending = true;
        }
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await ReadAsync(token, cancellationToken) is not { } link)
        {
            return;
        }

        var grant = link.Grant;
        var result = await rate.HandleAsync(
            new RateTicketRequest(TicketActor.Customer(grant.RaterId, link.OrganisationId), grant.TicketId, grant.Score, null, grant.Resolution), cancellationToken);
        switch (result.Failure)
        {
            case null:
                Title = "Thank you";
                Message = $"You rated the resolution of {TicketNumber.Format(grant.TicketId)} {grant.Score} of {RatingScale.Max} ({RatingScale.Describe(grant.Score)}).";
                break;
            case Failure.Conflict:
                Title = "Already rated";
                Message = result.Errors[0].Message;
                break;
            default:
                Refuse("This rating was not recorded", result.Errors.Count > 0 ? result.Errors[0].Message : "The ticket cannot be rated now.");
                break;
        }
    }

    private async Task<(RatingGrant Grant, int OrganisationId)?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var grant = tokens.Read(token);
        var rater = grant is null ? null : await people.FindAsync(grant.RaterId, cancellationToken);
        if (grant is null || rater?.OrganisationId is not int organisation || grant.Score is < RatingScale.Min or > RatingScale.Max)
        {
            Refuse("This rating link cannot be used", "It has expired or is not complete. Sign in to the portal to rate the ticket there.");
            return null;
        }

        Score = grant.Score;
        TicketLink = TicketMail.PortalPath(grant.TicketId);
        return (grant, organisation);
    }

    private void Refuse(string title, string message)
    {
        Title = title;
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
