using HelpDesk.Core.Common;

namespace HelpDesk.Core.Economics;

public sealed record AnswerNpsRequest(int UserId, int OrganisationId, int? Score, string? Comment);

/// <summary>
/// Saves a customer's answer to the NPS question, against the ask they were shown (its channel, portal or mail, is the
/// answer's), or against a new portal ask when one is due. A contact resting after an answer or a "Not now" cannot
/// answer again until their 90 days have passed.
/// </summary>
public sealed class AnswerNps(INpsStore store, TimeProvider clock)
{
    public async Task<Result<NpsAnswer>> HandleAsync(AnswerNpsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = NpsSurvey.Validate(request.Score, request.Comment);
        if (errors.Count > 0)
        {
            return Result<NpsAnswer>.Invalid(errors);
        }

        var now = clock.UtcNow();
        var decision = NpsSurvey.Decide(await store.GetContactAsync(request.UserId, cancellationToken), now);
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        NpsAnswerWrite write;
        switch (decision.State)
        {
            case NpsAskState.Open:
                var open = decision.OpenAsk!;
                write = new(open.Id, null, request.UserId, request.OrganisationId, request.Score!.Value, comment, open.Channel, now);
                break;
            case NpsAskState.Due:
                write = new(null, new NewNpsAsk(request.UserId, NpsChannels.Portal, null, now), request.UserId, request.OrganisationId, request.Score!.Value, comment, NpsChannels.Portal, now);
                break;
            default:
                return Result<NpsAnswer>.Conflict($"Thank you, we have your answer. {decision.Reason}");
        }

        var saved = await store.AnswerAsync(write, cancellationToken);
        return saved is null
            ? Result<NpsAnswer>.Conflict("This question was answered or put aside meanwhile, perhaps in another window.")
            : Result<NpsAnswer>.Ok(saved);
    }
}
