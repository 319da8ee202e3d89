using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

public sealed class IndexModel(HelpDeskUserManager users, IOrganisationStore organisations) : PageModel
{
    public Organisation? Organisation { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user?.OrganisationId is int id)
        {
            Organisation = await organisations.GetAsync(id, HttpContext.RequestAborted);
        }
    }
}
