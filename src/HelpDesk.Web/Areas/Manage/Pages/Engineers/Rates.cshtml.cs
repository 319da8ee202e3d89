using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Engineers;

/// <summary>
/// An engineer's hourly cost rates, oldest first, and a form to add one from today or a later day. Rates are only
/// added, never edited, so time already logged and routing already decided keep the rate they had.
/// </summary>
public sealed class RatesModel(IPeopleDirectory people, IEngineerStore engineers, AddCostRate addRate, Core.Contracts.Currency currency, TimeProvider clock, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    [BindProperty]
    public RateInput Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    /// <summary>Null when the person has no routing profile yet: rates belong to a profile.</summary>
    public EngineerProfile? Profile { get; private set; }

    /// <summary>Who added which rate, newest first.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(clock.UtcNow());

    /// <summary>The rate in force today, which the list marks.</summary>
    public CostRate? Current => Profile?.Rates.Where(r => r.EffectiveFrom <= Today).MaxBy(r => r.EffectiveFrom);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.EffectiveFrom = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Profile is null)
        {
            return Page();
        }

        if (Input.EffectiveFrom is not DateOnly from)
        {
            ModelState.AddModelError("Input.EffectiveFrom", "Give the day the rate starts.");
            return Page();
        }

        var result = await addRate.HandleAsync(id, from, Input.Hourly, users.IdOf(User), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"{Person.Name} costs {Core.Contracts.Money.Format(result.Value!.HourlyCentsOn(from) ?? 0, currency)} an hour from {Core.Scope.EntitlementWording.Date(from)}.";
            return RedirectToPage(new { id });
        }

        if (result.Failure == Failure.NotFound)
        {
            return NotFound();
        }

        ResultResponses.AddTo(result, ModelState, nameof(Input));
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var person = await people.FindAsync(id, cancellationToken);
        if (person is null || !person.IsStaff)
        {
            return false;
        }

        Person = person;
        Profile = await engineers.GetAsync(id, cancellationToken);
        History = await audit.ListAsync(AuditSubjects.Engineer, id, cancellationToken);
        return true;
    }

    public sealed class RateInput
    {
        public DateOnly? EffectiveFrom { get; set; }

        /// <summary>The hourly rate as typed, such as 85.00.</summary>
        public string? Hourly { get; set; }
    }
}
