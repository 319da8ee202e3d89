using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Routing;

/// <summary>
/// Adds an hourly cost rate to an engineer from a day on. A rate starts today at the earliest, so time already logged
/// and routing already decided keep the rate they had; a rate that has not started yet may be replaced.
/// </summary>
public sealed class AddCostRate(IEngineerStore engineers, TimeProvider clock, Currency currency)
{
    /// <param name="actorId">The manager adding it, for the engineer's audit trail.</param>
    public async Task<Result<EngineerProfile>> HandleAsync(int userId, DateOnly effectiveFrom, string? hourly, int? actorId, CancellationToken ct = default)
    {
        var profile = await engineers.GetAsync(userId, ct);
        if (profile is null)
        {
            return Result<EngineerProfile>.NotFound("That engineer has no routing profile; add the profile before its rates.");
        }

        var now = clock.UtcNow();
        var errors = new List<FieldError>();
        if (effectiveFrom < DateOnly.FromDateTime(now))
        {
            errors.Add(new("effectiveFrom", "A rate cannot start before today; past costs keep the rate they had."));
        }

        var cents = Money.ParseCents(hourly, out var error);
        if (error is not null)
        {
            errors.Add(new("hourly", error));
        }
        else if (cents == 0)
        {
            errors.Add(new("hourly", "An hourly rate must be more than zero."));
        }

        if (errors.Count > 0)
        {
            return Result<EngineerProfile>.Invalid(errors);
        }

        var rate = new CostRate(effectiveFrom, cents!.Value);
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Engineer,
            SubjectId = userId,
            ActorId = actorId,
            Action = "added a cost rate",
            Detail = CostRateChanges.Describe(profile.Rates, rate, currency),
            AtUtc = now,
        };
        if (!await engineers.AddRateAsync(userId, rate, now, audit, ct))
        {
            return Result<EngineerProfile>.Invalid(
                "effectiveFrom",
                $"A rate already started on {EntitlementWording.Date(effectiveFrom)} and a rate in force is never changed; start the new one tomorrow or later.");
        }

        var saved = await engineers.GetAsync(userId, ct);
        return saved is null ? Result<EngineerProfile>.NotFound("That engineer's profile was removed meanwhile.") : Result<EngineerProfile>.Ok(saved);
    }
}
