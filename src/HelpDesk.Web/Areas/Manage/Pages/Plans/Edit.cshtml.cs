using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Plans;

/// <summary>
/// Creates a plan (no id) or edits one. A save refused because someone else changed the plan meanwhile keeps the
/// form as typed and says so; the manager reloads to see their changes.
/// </summary>
public sealed class EditModel(IContractStore contracts, SavePlan savePlan, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public IReadOnlyList<HolidayCalendar> Calendars { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    /// <summary>Who created and changed the plan, newest first; empty for a new one.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public bool IsNew => Input.Id == 0;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is int planId)
        {
            var plan = await contracts.GetPlanAsync(planId, HttpContext.RequestAborted);
            if (plan is null)
            {
                return NotFound();
            }

            Input = PlanInput.From(plan);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Input.Id = id ?? 0;
        var request = Input.ToRequest() with { ActorId = users.IdOf(User) };
        if (!ModelState.IsValid)
        {
            // Something could not even be read (a letter in a number); show that, and every other rule broken.
            foreach (var error in SavePlan.Validate(request, out _))
            {
                var key = $"Input.{char.ToUpperInvariant(error.Field[0])}{error.Field[1..]}";
                if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                {
                    ModelState.AddModelError(key, error.Message);
                }
            }

            await LoadAsync();
            return Page();
        }

        var result = await savePlan.HandleAsync(request, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved the plan {result.Value!.Name}.";
            return RedirectToPage("Index");
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Calendars = await contracts.ListCalendarsAsync(HttpContext.RequestAborted);
        History = IsNew ? [] : await audit.ListAsync(AuditSubjects.Plan, Input.Id, HttpContext.RequestAborted);
    }

    public sealed class PlanInput
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? ListPrice { get; set; }

        public int? IncidentAllowance { get; set; }

        public List<SupportChannels> Channels { get; set; } = [SupportChannels.Web, SupportChannels.Email];

        public bool AroundTheClock { get; set; }

        public string? TimeZone { get; set; } = "UTC";

        public TimeOnly? Opens { get; set; } = new(9, 0);

        public TimeOnly? Closes { get; set; } = new(17, 0);

        public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

        public int? HolidayCalendarId { get; set; }

        /// <summary>One row per severity, severity 1 first.</summary>
        public List<TargetRow> Targets { get; set; } = [.. Enum.GetValues<Severity>().Select(_ => new TargetRow())];

        public static PlanInput From(Plan plan) => new()
        {
            Id = plan.Id,
            Version = plan.Version,
            Code = plan.Code,
            Name = plan.Name,
            Description = plan.Description,
            ListPrice = Money.ForInput(plan.ListPriceCents),
            IncidentAllowance = plan.IncidentAllowance,
            Channels = [.. Enum.GetValues<SupportChannels>().Where(c => c != SupportChannels.None && plan.Includes(c))],
            AroundTheClock = plan.Hours.AroundTheClock,
            TimeZone = plan.Hours.TimeZone,
            Opens = new TimeOnly(plan.Hours.OpensMinute / 60, plan.Hours.OpensMinute % 60),
            Closes = plan.Hours.ClosesMinute >= 24 * 60 ? new TimeOnly(23, 59) : new TimeOnly(plan.Hours.ClosesMinute / 60, plan.Hours.ClosesMinute % 60),
            Days = [.. plan.Hours.Days],
            HolidayCalendarId = plan.HolidayCalendarId,
            Targets = [.. Enum.GetValues<Severity>().Select(s => plan.TargetFor(s) is { } t ? new TargetRow { FirstResponseMinutes = t.FirstResponseMinutes, ResolveMinutes = t.ResolveMinutes } : new TargetRow())],
        };

        public SavePlanRequest ToRequest() => new()
        {
            Id = Id,
            Version = Version,
            Code = Code,
            Name = Name,
            Description = Description,
            ListPrice = ListPrice,
            IncidentAllowance = IncidentAllowance,
            Channels = Channels.Aggregate(SupportChannels.None, (all, c) => all | c),
            AroundTheClock = AroundTheClock,
            TimeZone = TimeZone,
            Opens = Opens,
            Closes = Closes,
            Days = Days,
            HolidayCalendarId = HolidayCalendarId,
            Targets = [.. Enum.GetValues<Severity>().Select((s, i) => i < Targets.Count ? new SlaTargetInput(s, Targets[i].FirstResponseMinutes, Targets[i].ResolveMinutes) : new SlaTargetInput(s, null, null))],
        };
    }

    public sealed class TargetRow
    {
        public int? FirstResponseMinutes { get; set; }

        public int? ResolveMinutes { get; set; }
    }
}
