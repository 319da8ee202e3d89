using HelpDesk.Core.Common;

namespace HelpDesk.Core.Routing;

/// <summary>Marks an engineer away or back. Back, they pull waiting tickets at once; away, the router leaves them out.</summary>
public sealed class SetEngineerAvailability(IEngineerStore engineers, PullFromQueues pull, TimeProvider clock)
{
    public async Task<Result<EngineerProfile>> HandleAsync(int userId, bool available, CancellationToken ct = default)
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

        var saved = await engineers.SaveAsync(profile with { Available = available }, clock.UtcNow(), ct);
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
