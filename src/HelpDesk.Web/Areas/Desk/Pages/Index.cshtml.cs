using HelpDesk.Core.Organisations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages;

public sealed class IndexModel(IOrganisationStore organisations) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync() => Organisations = await organisations.ListAsync(HttpContext.RequestAborted);
}
