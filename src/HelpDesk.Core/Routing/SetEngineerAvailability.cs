using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Routing;

/// <summary>Marks an engineer away or back. Back, they pull waiting tickets at once; away, the router leaves them out.</summary>
public sealed class SetEngineerAvailability(IEngineerStore engineers, PullFromQueues pull, TimeProvider clock)
{
    /// <param name="actorId">Who marked them, for the engineer's audit trail.</param>
    public async Task<Result<EngineerProfile>> HandleAsync(int userId, bool available, int? actorId, CancellationToken ct = default)
    {
        var profile = await engineers.GetAsync(userId, ct);
        if (profile is null)
        {
            return Result<EngineerProfile>.NotFound("That engineer has no routing profile.");
        }

        if (profile.Available == available)
        {
            return Result<EngineerProfile>.Ok(profile);
        }

        var now = clock.UtcNow();
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Engineer,
            SubjectId = userId,
            ActorId = actorId,
            Action = available ? "marked available" : "marked away",
            Detail = available ? "Takes waiting tickets that fit again." : "The router passes them by until they are back.",
            AtUtc = now,
        };
        var saved = await engineers.SaveAsync(profile with { Available = available }, now, audit, ct);
        if (saved is null)
        {
            return Result<EngineerProfile>.Conflict($"Someone else changed {profile.Name}'s profile at the same moment; reload and try again.");
        }

        if (saved.Available)
        {
            await pull.FillAsync(saved.UserId, ct);
        }

        return Result<EngineerProfile>.Ok(saved);
    }
}
