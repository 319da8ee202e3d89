using HelpDesk.Core.Common;

namespace HelpDesk.Core.Economics;

/// <summary>What showing the question to a contact found: the decision, and the ask to show (new or still open), if any.</summary>
public sealed record NpsAskResult(NpsDecision Decision, NpsAsk? Ask, bool IsNew);

/// <summary>
/// Asks a customer contact the NPS question when it is due, recording the ask (which starts the 90 days). An ask still
/// open is handed back for the contact to answer, without asking again.
/// </summary>
public sealed class AskForNps(INpsStore store, TimeProvider clock)
{
    public async Task<NpsAskResult> HandleAsync(int userId, string channel, int? ticketId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow();
        var decision = NpsSurvey.Decide(await store.GetContactAsync(userId, cancellationToken), now);
        return decision.State switch
        {
            NpsAskState.Due => new(decision, await store.AddAskAsync(new NewNpsAsk(userId, channel, ticketId, now), cancellationToken), true),
            NpsAskState.Open => new(decision, decision.OpenAsk, false),
            _ => new(decision, null, false),
        };
    }
}
