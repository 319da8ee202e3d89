using HelpDesk.Core.Economics;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

/// <summary>The customer's organisation's tickets, most recently updated first, a page at a time.</summary>
public sealed class IndexModel(IOrganisationStore organisations, CurrentActor actors, ITicketStore tickets, AskForNps asks) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The status filters offered, by the word used in the query string.</summary>
    public static IReadOnlyList<(string Value, string Label)> StatusFilters { get; } =
    [
        ("open", "Open"),
        ("resolved", "Resolved"),
        ("closed", "Closed"),
        ("all", "All"),
    ];

    public Organisation? Organisation { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public TicketPage? Tickets { get; private set; }

    /// <summary>The NPS question, asked on this visit because the contact was due; showing it starts their 90 days.</summary>
    public NpsAsk? NpsAsk { get; private set; }

    /// <summary>Set when the page token in the address could not be read; the first page is shown instead.</summary>
    public string? PagingProblem { get; private set; }

    public async Task OnGetAsync()
    {
        // No actor means a customer not yet placed in an organisation: the page shows the waiting message.
        if (await actors.ResolveAsync(User) is not { OrganisationId: int organisationId } actor)
        {
            return;
        }

        Organisation = await organisations.GetAsync(organisationId, HttpContext.RequestAborted);
        var asked = await asks.HandleAsync(actor.UserId!.Value, NpsChannels.Portal, null, HttpContext.RequestAborted);
        NpsAsk = asked.IsNew ? asked.Ask : null;

        Status = StatusFilters.Any(f => f.Value == Status) ? Status : "all";
        TicketCursor? cursor = null;
        if (!string.IsNullOrEmpty(After) && !TicketCursor.TryDecode(After, TicketSort.Updated, out cursor))
        {
            PagingProblem = "That page link is out of date or damaged, so the list starts again from the first page.";
            After = null;
        }

        Tickets = await tickets.ListAsync(
            new TicketQuery
            {
                Scope = actor.Scope,
                Statuses = StatusesOf(Status),
                Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
                Sort = TicketSort.Updated,
                After = cursor,
                Take = PageSize,
            },
            HttpContext.RequestAborted);
    }

    private static IReadOnlyList<TicketStatus> StatusesOf(string? status) => status switch
    {
        "open" => [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold],
        "resolved" => [TicketStatus.Resolved],
        "closed" => [TicketStatus.Closed],
        _ => [],
    };
}
