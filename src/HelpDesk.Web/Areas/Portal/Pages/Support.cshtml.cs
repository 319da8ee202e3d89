using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Areas.Manage.Pages.Contracts;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

/// <summary>
/// "Our support": the organisation's contracts (plan, term, products, channels, incidents used and left, renewal) and
/// the offers made to it, by state. Its admin contact gives or takes the right to buy services here.
/// </summary>
public sealed class SupportModel(CurrentActor actors, ContractRows contractRows, IOfferStore offers, IOrganisationStore organisations, IBuyingRights rights) : PageModel
{
    public const int OffersShown = 200;

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>The contracts the customer has or had; pending ones say they wait for activation.</summary>
    public IReadOnlyList<ContractRow> Contracts { get; private set; } = [];

    public IReadOnlyList<OfferSummary> Offers { get; private set; } = [];

    public IReadOnlyList<Buyer> Buyers { get; private set; } = [];

    public Buyer? AdminContact { get; private set; }

    public Buyer? Me { get; private set; }

    public bool IsAdminContact => Me is not null && AdminContact?.Id == Me.Id;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostRightAsync(int userId, bool canBuy, [FromServices] SetBuyingRight setBuyingRight)
    {
        ArgumentNullException.ThrowIfNull(setBuyingRight);
        if (await LoadAsync() is not { UserId: int actorId })
        {
            return NotFound();
        }

        var result = await setBuyingRight.HandleAsync(new SetBuyingRightRequest(actorId, ActorIsManager: false, userId, canBuy), HttpContext.RequestAborted);
        if (result.Failure == Core.Common.Failure.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = result.Succeeded
            ? $"{result.Value!.Name} {(canBuy ? "may now" : "may no longer")} buy services for {Organisation.Name}."
            : result.Errors[0].Message;
        return RedirectToPage();
    }

    private async Task<TicketActor?> LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await actors.ResolveAsync(User) is not { IsCustomer: true, OrganisationId: int organisationId, UserId: int userId } actor
            || await organisations.GetAsync(organisationId, cancellationToken) is not { } organisation)
        {
            return null;
        }

        Organisation = organisation;
        Contracts = [.. (await contractRows.ListAsync(organisationId, cancellationToken)).Where(r => r.Contract.Status != ContractStatus.Cancelled)];
        Offers = await offers.ListAsync(organisationId, null, OffersShown, cancellationToken);
        Buyers = await rights.ListAsync(organisationId, cancellationToken);
        Me = Buyers.FirstOrDefault(b => b.Id == userId);
        var admin = await rights.GetAdminContactAsync(organisationId, cancellationToken);
        AdminContact = Buyers.FirstOrDefault(b => b.Id == admin);
        return actor;
    }
}
