using HelpDesk.Core.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IReadOnlyList<AreaLink> Areas { get; private set; } = [];

    public void OnGet()
    {
        var links = new List<AreaLink>();
        if (User.IsInRole(Roles.Customer))
        {
            links.Add(new("/portal", "Portal", "Your organisation's tickets and the Scope of Support."));
        }

        if (User.IsInRole(Roles.Engineer) || User.IsInRole(Roles.Manager))
        {
            links.Add(new("/desk", "Desk", "Queues, tickets, replies and time."));
        }

        if (User.IsInRole(Roles.Manager))
        {
            links.Add(new("/manage", "Manage", "Organisations, accounts awaiting placement, and the economics."));
        }

        if (User.IsInRole(Roles.Admin))
        {
            links.Add(new("/admin", "Admin", "Users and roles, and the background jobs."));
        }

        Areas = links;
    }

    public sealed record AreaLink(string Href, string Title, string Description);
}
