using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// A holiday calendar as a manager enters it; <see cref="Days"/> is one "yyyy-MM-dd Name" per line.
/// <see cref="ActorId"/> is the manager, for the calendar's audit trail.
/// </summary>
public sealed record SaveHolidayCalendarRequest(int Id, int Version, string? Name, string? Days, int? ActorId = null);

/// <summary>Creates or changes a holiday calendar: the days business-hours plans are closed.</summary>
public sealed class SaveHolidayCalendar(IContractStore store, TimeProvider clock)
{
    public const int NameMaxLength = 100;

    public async Task<Result<HolidayCalendar>> HandleAsync(SaveHolidayCalendarRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var name = (request.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add(new("name", "Enter the calendar's name, such as UK bank holidays."));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new("name", $"Keep the name under {NameMaxLength} characters."));
        }

        var days = HolidayList.Parse(request.Days, "days", errors);

        var calendars = await store.ListCalendarsAsync(cancellationToken);
        if (request.Id != 0 && calendars.All(c => c.Id != request.Id))
        {
            return Result<HolidayCalendar>.NotFound("That holiday calendar no longer exists.");
        }

        if (name.Length > 0 && calendars.Any(c => c.Id != request.Id && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new("name", "Another holiday calendar already has this name."));
        }

        if (errors.Count > 0)
        {
            return Result<HolidayCalendar>.Invalid(errors);
        }

        var calendar = new HolidayCalendar { Id = request.Id, Version = request.Version, Name = name, Days = days };
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.HolidayCalendar,
            SubjectId = request.Id,
            ActorId = request.ActorId,
            Action = request.Id == 0 ? "created" : "changed",
            Detail = HolidayCalendarChanges.Describe(calendars.FirstOrDefault(c => c.Id == request.Id), calendar),
            AtUtc = clock.UtcNow(),
        };
        var saved = await store.SaveCalendarAsync(calendar, audit, cancellationToken);
        return saved is null
            ? Result<HolidayCalendar>.Conflict($"Someone else changed the calendar {name} since you opened it; reload to see their changes. What you typed is still in the form.")
            : Result<HolidayCalendar>.Ok(saved);
    }
}
