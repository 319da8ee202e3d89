using System.Globalization;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Tickets;

public sealed record LogTimeRequest(TicketActor Actor, int TicketId, int Minutes, DateOnly WorkDate, string? Note, bool Billable);

/// <summary>Records an engineer's time on a ticket. Time is staff-only: customers never see it.</summary>
public sealed class LogTime(ITicketStore tickets, TimeProvider clock)
{
    public async Task<Result<TimeEntry>> HandleAsync(LogTimeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff || request.Actor.UserId is null)
        {
            return Result<TimeEntry>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var now = clock.UtcNow();
        var errors = new List<FieldError>();
        if (request.Minutes is < 1 or > TicketRules.MaxMinutesPerEntry)
        {
            errors.Add(new("minutes", $"Enter between 1 and {TicketRules.MaxMinutesPerEntry} minutes (one day) per entry."));
        }

        if (request.WorkDate > DateOnly.FromDateTime(now).AddDays(1))
        {
            errors.Add(new("workDate", "The date worked cannot be in the future."));
        }

        TicketRules.Optional(errors, "note", request.Note, TicketRules.NoteMaxLength, "note");
        if (errors.Count > 0)
        {
            return Result<TimeEntry>.Invalid(errors);
        }

        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.As<TimeEntry>();
        }

        // A day's slack either side of the filing date: the engineer's calendar day may differ from UTC's.
        var filed = DateOnly.FromDateTime(loaded.Value!.CreatedUtc);
        if (request.WorkDate < filed.AddDays(-1))
        {
            return Result<TimeEntry>.Invalid("workDate", $"{TicketNumber.Format(request.TicketId)} was filed on {filed:yyyy-MM-dd}; time cannot be logged on a day before it.");
        }

        var entry = await tickets.AddTimeAsync(
            new TimeEntry
            {
                TicketId = request.TicketId,
                EngineerId = request.Actor.UserId.Value,
                Minutes = request.Minutes,
                WorkDate = request.WorkDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Note = request.Note?.Trim() ?? "",
                Billable = request.Billable,
                CreatedUtc = now,
            },
            cancellationToken);
        return Result<TimeEntry>.Ok(entry);
    }
}
