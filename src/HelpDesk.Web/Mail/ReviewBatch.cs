using System.Text.Json;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace HelpDesk.Web.Mail;

/// <summary>
/// What became of one selected message: <see cref="Result"/> is one of the constants below, and <see cref="Text"/>
/// the words that come before <see cref="TicketId"/> when there is one ("Made", HD-12).
/// </summary>
public sealed record ReviewOutcome(int Id, string Message, string Result, string Text, int? TicketId)
{
    public const string Released = "released";
    public const string Deleted = "deleted";
    public const string StillHeld = "held";
    public const string Unreadable = "unreadable";
    public const string Gone = "gone";
    public const string Refused = "refused";

    private const string TempDataKey = "ReviewOutcomes";

    /// <summary>Carries the outcomes across the redirect after the action, to the list page that shows them once.</summary>
    public static void Keep(ITempDataDictionary tempData, IReadOnlyList<ReviewOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[TempDataKey] = JsonSerializer.Serialize(outcomes);
    }

    public static IReadOnlyList<ReviewOutcome> Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[TempDataKey] is string json ? JsonSerializer.Deserialize<List<ReviewOutcome>>(json) ?? [] : [];
    }
}

/// <summary>
/// Releases or deletes the selected messages of one list, one at a time, each in its own transaction as a single
/// click would: one that someone else dealt with meanwhile, or that belongs to the other list, is reported and left.
/// </summary>
public sealed class ReviewBatch(IInboundMailStore inbound, IInboundReview review)
{
    /// <summary>More than a page or two is not a selection someone made by hand.</summary>
    public const int MaxSelected = 200;

    public async Task<IReadOnlyList<ReviewOutcome>> ReleaseAsync(InboundStatus list, IReadOnlyCollection<int> ids, int actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var outcomes = new List<ReviewOutcome>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            var entry = await inbound.GetAsync(id, cancellationToken);
            if (entry?.Status != list)
            {
                outcomes.Add(Gone(id, entry, list));
                continue;
            }

            var result = await review.ReleaseAsync(id, actorId, cancellationToken);
            outcomes.Add(result.Succeeded ? Released(entry, result.Value!) : result.Failure == Failure.NotFound
                ? Gone(id, entry, list)
                : new ReviewOutcome(id, Describe(entry), ReviewOutcome.Refused, string.Join(" ", result.Errors.Select(e => e.Message)), null));
        }

        return outcomes;
    }

    public async Task<IReadOnlyList<ReviewOutcome>> DeleteAsync(InboundStatus list, IReadOnlyCollection<int> ids, int actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var outcomes = new List<ReviewOutcome>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            var entry = await inbound.GetAsync(id, cancellationToken);
            outcomes.Add(entry?.Status == list && await review.DeleteAsync(id, actorId, cancellationToken)
                ? new ReviewOutcome(id, Describe(entry), ReviewOutcome.Deleted, list == InboundStatus.Quarantined ? "Deleted, with its bytes." : "Deleted.", null)
                : Gone(id, entry, list));
        }

        return outcomes;
    }

    private static ReviewOutcome Released(InboundMessageEntry entry, IntakeOutcome outcome)
    {
        // The words come before the ticket, which the page shows as a link after them.
        var ticket = outcome.TicketId is not null;
        var (result, text) = outcome.Result switch
        {
            IntakeResult.Ticket => (ReviewOutcome.Released, "Made"),
            IntakeResult.Reply => (ReviewOutcome.Released, "Added to"),
            IntakeResult.Bounce => (ReviewOutcome.Released, ticket ? "Recorded as a bounce of our mail on" : "Recorded as a bounce of our mail."),
            IntakeResult.Duplicate => (ReviewOutcome.Released, ticket ? "Received before; nothing was done again. Its ticket:" : "Received before; nothing was done again."),
            IntakeResult.Quarantined => (ReviewOutcome.Unreadable, outcome.Reason),
            _ when entry.Status == InboundStatus.Held => (ReviewOutcome.StillHeld, outcome.Reason),
            _ => (ReviewOutcome.Released, outcome.Reason),
        };
        return new ReviewOutcome(entry.Id, Describe(entry), result, text, result == ReviewOutcome.Released ? outcome.TicketId : null);
    }

    private static ReviewOutcome Gone(int id, InboundMessageEntry? entry, InboundStatus list) => new(
        id,
        entry is null ? $"Message {id}" : Describe(entry),
        ReviewOutcome.Gone,
        list == InboundStatus.Quarantined ? "Already dealt with: it is no longer in the quarantine." : "Already dealt with: it is no longer held.",
        null);

    private static string Describe(InboundMessageEntry entry)
    {
        var from = entry.FromAddress.Length > 0 ? entry.FromAddress : "no sender";
        return entry.Subject.Length > 0 ? $"{entry.Subject} ({from})" : $"(no subject) ({from})";
    }
}
