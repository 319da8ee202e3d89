using HelpDesk.Core.Common;

namespace HelpDesk.Core.Economics;

/// <summary>
/// "Not now": closes the contact's open ask without an answer, or records a dismissed ask when one is due. Either way
/// the contact is not asked again for 90 days.
/// </summary>
public sealed class DismissNps(INpsStore store, TimeProvider clock)
{
    /// <returns>The decision as it stands after the dismissal.</returns>
    public async Task<NpsDecision> HandleAsync(int userId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow();
        var decision = NpsSurvey.Decide(await store.GetContactAsync(userId, cancellationToken), now);
        switch (decision.State)
        {
            case NpsAskState.Open:
                await store.DismissAsync(decision.OpenAsk!.Id, now, cancellationToken);
                break;
            case NpsAskState.Due:
                await store.AddAskAsync(new NewNpsAsk(userId, NpsChannels.Portal, null, now) { Outcome = NpsOutcomes.Dismissed }, cancellationToken);
                break;
            default:
                return decision;
        }

        return NpsSurvey.Decide(await store.GetContactAsync(userId, cancellationToken), now);
    }
}
