using System.Globalization;
using System.Text.RegularExpressions;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Contracts;

/// <summary>The targets for one severity as typed, in minutes; null where left blank.</summary>
public sealed record SlaTargetInput(Severity Severity, int? FirstResponseMinutes, int? ResolveMinutes);

/// <summary>A plan as a manager enters it. <see cref="Id"/> 0 creates one; otherwise <see cref="Version"/> is the one edited.</summary>
public sealed record SavePlanRequest
{
    public int Id { get; init; }
    public int Version { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The yearly list price as typed, in currency units (1250.50).</summary>
    public string? ListPrice { get; init; }

    /// <summary>Entitled incidents per term; null for unlimited.</summary>
    public int? IncidentAllowance { get; init; }

    public SupportChannels Channels { get; init; }
    public IReadOnlyList<SlaTargetInput> Targets { get; init; } = [];
    public bool AroundTheClock { get; init; }
    public string? TimeZone { get; init; }
    public TimeOnly? Opens { get; init; }
    public TimeOnly? Closes { get; init; }
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];
    public int? HolidayCalendarId { get; init; }

    /// <summary>The manager saving it, for the plan's audit trail.</summary>
    public int? ActorId { get; init; }
}

/// <summary>Creates or changes a support plan after checking that what it promises makes sense.</summary>
public sealed partial class SavePlan(IContractStore store, TimeProvider clock, Currency currency)
{
    public const int NameMaxLength = 100;

    public async Task<Result<Plan>> HandleAsync(SavePlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request, out var priceCents);
        var code = (request.Code ?? "").Trim();

        var plans = await store.ListPlansAsync(cancellationToken);
        if (request.Id != 0 && plans.All(p => p.Id != request.Id))
        {
            return Result<Plan>.NotFound("That plan no longer exists.");
        }

        if (code.Length > 0 && plans.FirstOrDefault(p => p.Id != request.Id && string.Equals(p.Code, code, StringComparison.Ordinal)) is { } taken)
        {
            errors.Add(new("code", $"The plan {taken.Name} already has the code '{code}'."));
        }

        if (request.HolidayCalendarId is int calendarId && await store.GetCalendarAsync(calendarId, cancellationToken) is null)
        {
            errors.Add(new("holidayCalendarId", "That holiday calendar no longer exists; choose another."));
        }

        if (errors.Count > 0)
        {
            return Result<Plan>.Invalid(errors);
        }

        var plan = new Plan
        {
            Id = request.Id,
            Version = request.Version,
            Code = code,
            Name = request.Name!.Trim(),
            Description = (request.Description ?? "").Trim(),
            ListPriceCents = priceCents,
            IncidentAllowance = request.IncidentAllowance,
            Channels = request.Channels,
            Hours = request.AroundTheClock
                ? SupportHours.TwentyFourSeven
                : new SupportHours
                {
                    TimeZone = request.TimeZone!.Trim(),
                    OpensMinute = Minute(request.Opens!.Value),
                    ClosesMinute = Minute(request.Closes!.Value),
                    Days = [.. request.Days.Distinct().OrderBy(d => ((int)d + 6) % 7)],
                },
            HolidayCalendarId = request.HolidayCalendarId,
            Targets = [.. request.Targets.OrderBy(t => t.Severity).Select(t => new SlaTarget(t.Severity, t.FirstResponseMinutes!.Value, t.ResolveMinutes!.Value))],
        };
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Plan,
            SubjectId = plan.Id,
            ActorId = request.ActorId,
            Action = plan.Id == 0 ? "created" : "changed",
            Detail = PlanChanges.Describe(
                plans.FirstOrDefault(p => p.Id == plan.Id), plan, (await store.ListCalendarsAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Name), currency),
            AtUtc = clock.UtcNow(),
        };
        var saved = await store.SavePlanAsync(plan, audit, cancellationToken);
        return saved is null
            ? Result<Plan>.Conflict($"Someone else changed the plan {plan.Name} since you opened it; reload to see their changes. What you typed is still in the form.")
            : Result<Plan>.Ok(saved);
    }

    /// <summary>Every rule that needs no store, each broken one as an error beside its field.</summary>
    public static List<FieldError> Validate(SavePlanRequest request, out long priceCents)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        priceCents = 0;

        var code = (request.Code ?? "").Trim();
        if (code.Length == 0)
        {
            errors.Add(new("code", "Enter a short code for the plan, such as premium."));
        }
        else if (!CodePattern().IsMatch(code))
        {
            errors.Add(new("code", "Use lower-case letters, digits and hyphens only, such as premium or gold-24x7."));
        }

        var name = (request.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add(new("name", "Enter the plan's name."));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new("name", $"Keep the name under {NameMaxLength} characters."));
        }

        if (Money.ParseCents(request.ListPrice, out var priceError) is long cents)
        {
            priceCents = cents;
        }
        else
        {
            errors.Add(new("listPrice", priceError!));
        }

        if (request.IncidentAllowance is < 1)
        {
            errors.Add(new("incidentAllowance", "Allow at least 1 incident per term, or leave it empty for unlimited."));
        }

        if (request.Channels == SupportChannels.None)
        {
            errors.Add(new("channels", "Include at least one channel customers can reach support by."));
        }

        ValidateTargets(request.Targets, errors);
        ValidateHours(request, errors);
        return errors;
    }

    private static void ValidateTargets(IReadOnlyList<SlaTargetInput> targets, List<FieldError> errors)
    {
        var complete = new Dictionary<Severity, SlaTargetInput>();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var field = TargetField(severity);
            var target = targets.FirstOrDefault(t => t.Severity == severity);
            var label = string.Create(CultureInfo.InvariantCulture, $"severity {(int)severity}");
            if (target?.FirstResponseMinutes is not int first || target.ResolveMinutes is not int resolve)
            {
                errors.Add(new(field, $"Enter the first-response and resolution targets for {label}."));
                continue;
            }

            if (first < 1 || resolve < 1)
            {
                errors.Add(new(field, $"The targets for {label} must be at least 1 minute."));
                continue;
            }

            if (first > resolve)
            {
                errors.Add(new(field, $"For {label} the first response ({first} min) cannot come after the resolution ({resolve} min)."));
                continue;
            }

            complete[severity] = target;
        }

        // A more severe problem is never promised a slower answer than a less severe one.
        var ordered = Enum.GetValues<Severity>().OrderBy(s => (int)s).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            if (!complete.TryGetValue(ordered[i], out var more) || !complete.TryGetValue(ordered[i + 1], out var less))
            {
                continue;
            }

            if (more.FirstResponseMinutes > less.FirstResponseMinutes)
            {
                errors.Add(new(TargetField(more.Severity), string.Create(CultureInfo.InvariantCulture, $"Severity {(int)more.Severity} must be answered at least as fast as severity {(int)less.Severity}.")));
            }

            if (more.ResolveMinutes > less.ResolveMinutes)
            {
                errors.Add(new(TargetField(more.Severity), string.Create(CultureInfo.InvariantCulture, $"Severity {(int)more.Severity} must be resolved at least as fast as severity {(int)less.Severity}.")));
            }
        }
    }

    private static void ValidateHours(SavePlanRequest request, List<FieldError> errors)
    {
        if (request.AroundTheClock)
        {
            return;
        }

        if (!ContractTerms.IsValidTimeZone(request.TimeZone))
        {
            errors.Add(new("timeZone", string.IsNullOrWhiteSpace(request.TimeZone)
                ? "Enter the time zone of the support hours, such as Europe/London."
                : $"'{request.TimeZone.Trim()}' is not a time zone; use an IANA name such as Europe/London or America/New_York."));
        }

        if (request.Opens is not TimeOnly opens || request.Closes is not TimeOnly closes)
        {
            errors.Add(new("opens", "Enter when support opens and closes, such as 09:00 and 17:00."));
        }
        else if (opens >= closes)
        {
            errors.Add(new("closes", $"Support must open before it closes; it opens at {HourMinute(opens)} and closes at {HourMinute(closes)}."));
        }

        if (request.Days.Count == 0)
        {
            errors.Add(new("days", "Choose at least one day with support hours, or choose 24x7."));
        }
    }

    /// <summary>The field an error about one severity's targets belongs to.</summary>
    public static string TargetField(Severity severity) => string.Create(CultureInfo.InvariantCulture, $"targets[{(int)severity - 1}]");

    private static string HourMinute(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static int Minute(TimeOnly time) => (time.Hour * 60) + time.Minute;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
