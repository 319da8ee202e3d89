using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>Every contract, filtered by organisation and state, with the way to renew each or to cancel it (after confirming).</summary>
public sealed class IndexModel(ContractRows rows, IOrganisationStore organisations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public ContractState? State { get; set; }

    public IReadOnlyList<ContractRow> Contracts { get; private set; } = [];

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Organisations = await organisations.ListAsync(cancellationToken);
        var all = await rows.ListAsync(Organisation, cancellationToken);
        Contracts = State is ContractState state ? [.. all.Where(r => r.State == state)] : all;
    }

    /// <summary>A pending contract (bought through a plan offer) starts to entitle, unless it would overlap another.</summary>
    public async Task<IActionResult> OnPostActivateAsync(int id, int version, [FromServices] ActivateContract activate)
    {
        ArgumentNullException.ThrowIfNull(activate);
        var result = await activate.HandleAsync(id, version, HttpContext.RequestAborted);
        TempData["Notice"] = result.Succeeded
            ? $"Activated {result.Value!.Number}; it entitles from {ContractStates.Describe(result.Value.StartsOn)}."
            : result.Errors is [var first, ..] ? first.Message : "Nothing was activated.";
        return result.Failure == Failure.NotFound ? NotFound() : RedirectToPage(new { Organisation, State });
    }
}
