using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Calendars;

/// <summary>Creates (no id) or edits a holiday calendar; its days are typed one per line.</summary>
public sealed class EditModel(IContractStore contracts, SaveHolidayCalendar saveCalendar, IManageAudit audit, HelpDeskUserManager users) : PageModel
{
    [BindProperty]
    public CalendarInput Input { get; set; } = new();

    public bool IsNew { get; private set; } = true;

    public string? StaleMessage { get; private set; }

    /// <summary>Who created and changed the calendar, newest first; empty for a new one.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is int calendarId)
        {
            var calendar = await contracts.GetCalendarAsync(calendarId, HttpContext.RequestAborted);
            if (calendar is null)
            {
                return NotFound();
            }

            IsNew = false;
            Input = new CalendarInput { Version = calendar.Version, Name = calendar.Name, Days = HolidayList.Format(calendar.Days) };
            History = await audit.ListAsync(AuditSubjects.HolidayCalendar, calendarId, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        IsNew = id is null;
        var result = await saveCalendar.HandleAsync(new SaveHolidayCalendarRequest(id ?? 0, Input.Version, Input.Name, Input.Days, users.IdOf(User)), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Saved the calendar {result.Value!.Name}.";
            return RedirectToPage("Index");
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;
        History = id is int calendarId ? await audit.ListAsync(AuditSubjects.HolidayCalendar, calendarId, HttpContext.RequestAborted) : [];
        return Page();
    }

    public sealed class CalendarInput
    {
        public int Version { get; set; }

        public string? Name { get; set; }

        public string? Days { get; set; }
    }
}
