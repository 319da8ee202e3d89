using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Areas.Manage.Pages.Contracts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Organisations;

/// <summary>One organisation: its name, region, segment and email domains, and its contracts.</summary>
public sealed class EditModel(IOrganisationStore organisations, UpdateOrganisation updateOrganisation, ContractRows contractRows, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<ContractRow> Contracts { get; private set; } = [];

    /// <summary>Who created and changed the organisation, newest first.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new OrganisationInput
        {
            Version = Organisation.Version,
            Name = Organisation.Name,
            Region = Organisation.Region,
            Segment = Organisation.Segment,
            Domains = string.Join(", ", Organisation.EmailDomains),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id) ? Page() : NotFound();
        }

        var result = await updateOrganisation.HandleAsync(
            new UpdateOrganisationRequest(id, Input.Version, Input.Name, Input.Region, Input.Segment, Input.Domains, users.IdOf(User)),
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved {result.Value!.Name}.";
            return RedirectToPage(new { id });
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;

        return await LoadAsync(id) ? Page() : NotFound();
    }

    /// <summary>What the segment does to routing, so a manager choosing it sees the consequence.</summary>
    public string SegmentRouting(RoutingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var severity = Display.Severity(settings.ProficiencyFirstSeverity);
        return settings.ProficiencyFirstSegments.Count == 0
            ? $"Routing gives every segment's tickets to the least over-qualified, cheapest engineer, except severity {severity} or worse."
            : $"Routing gives {string.Join(" and ", settings.ProficiencyFirstSegments.Select(s => Wording.Name(s).ToLowerInvariant()))} customers' tickets, and any of severity {severity} or worse, to the most proficient engineer; other segments' to the least over-qualified, cheapest one.";
    }

    private async Task<bool> LoadAsync(int id)
    {
        var organisation = await organisations.GetAsync(id, HttpContext.RequestAborted);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        Contracts = await contractRows.ListAsync(id, HttpContext.RequestAborted);
        History = await audit.ListAsync(AuditSubjects.Organisation, id, HttpContext.RequestAborted);
        return true;
    }

    public sealed class OrganisationInput
    {
        public int Version { get; set; }

        public string? Name { get; set; }

        public Region Region { get; set; }

        public CustomerSegment Segment { get; set; }

        public string? Domains { get; set; }
    }
}
