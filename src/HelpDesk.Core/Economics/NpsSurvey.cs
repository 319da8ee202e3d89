using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Economics;

/// <summary>Where a contact was asked, as stored in <c>NpsAsks.Channel</c> and <c>NpsAnswers.Channel</c>.</summary>
public static class NpsChannels
{
    public const string Portal = "portal";
    public const string Mail = "mail";
}

/// <summary>How an ask ended, as stored in <c>NpsAsks.Outcome</c>; an open ask has none.</summary>
public static class NpsOutcomes
{
    public const string Answered = "answered";
    public const string Dismissed = "dismissed";
}

/// <summary>One time a contact was shown the question: on the portal, or in the resolution mail of a ticket.</summary>
public sealed record NpsAsk(int Id, int UserId, string Channel, int? TicketId, DateTime AskedUtc, string? Outcome, DateTime? OutcomeUtc)
{
    public bool IsOpen => Outcome is null;
}

/// <summary>What the 90-day rule reads of a contact: their latest ask and the time of their latest answer.</summary>
public sealed record NpsContact(NpsAsk? LastAsk, DateTime? LastAnsweredUtc)
{
    public static readonly NpsContact NeverAsked = new(null, null);
}

public enum NpsAskState
{
    /// <summary>The contact may be asked now; showing them the question records a new ask.</summary>
    Due,

    /// <summary>The contact was asked and has neither answered nor said "Not now": they may still answer that ask.</summary>
    Open,

    /// <summary>Asked, answered or dismissed within the last 90 days: not asked again until <see cref="NpsDecision.NextAskUtc"/>.</summary>
    Resting,
}

/// <summary>Whether a contact may be asked, with the reason in words and, while resting, when they may be asked again.</summary>
public sealed record NpsDecision(NpsAskState State, string Reason, NpsAsk? OpenAsk, DateTime? NextAskUtc)
{
    public bool IsDue => State == NpsAskState.Due;
}

/// <summary>
/// The Net Promoter question and the rule of when a customer contact is asked it: at most once per 90 days. Being
/// shown the question (on the portal or in a resolution mail) starts the 90 days, and so does answering it or saying
/// "Not now" (a dismissal is an ask without an answer).
/// </summary>
public static class NpsSurvey
{
    public const string Question = "How likely are you to recommend us to a colleague?";

    public const int MinScore = 0;
    public const int MaxScore = 10;
    public const int MaxCommentLength = 2000;

    public static readonly TimeSpan Interval = TimeSpan.FromDays(90);

    /// <summary>Whether <paramref name="contact"/> may be asked at <paramref name="nowUtc"/>, and why.</summary>
    public static NpsDecision Decide(NpsContact contact, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var events = new List<(DateTime At, string What)>();
        if (contact.LastAsk is { } ask)
        {
            events.Add((ask.AskedUtc, ask.Channel == NpsChannels.Mail ? "asked in a resolution mail" : "shown the question on the portal"));
            if (ask.OutcomeUtc is { } outcome)
            {
                events.Add((outcome, ask.Outcome == NpsOutcomes.Dismissed ? "said \"Not now\"" : "answered"));
            }
        }

        if (contact.LastAnsweredUtc is { } answered)
        {
            events.Add((answered, "answered"));
        }

        if (events.Count == 0)
        {
            return new(NpsAskState.Due, "Never asked before.", null, null);
        }

        var (latest, what) = events.MaxBy(e => e.At);
        var next = latest + Interval;
        if (nowUtc >= next)
        {
            return new(NpsAskState.Due, $"Last {what} on {Date(latest)}, {Interval.Days} days ago or more.", null, null);
        }

        if (contact.LastAsk is { IsOpen: true } open && (contact.LastAnsweredUtc is null || contact.LastAnsweredUtc < open.AskedUtc))
        {
            return new(NpsAskState.Open, $"Asked on {Date(open.AskedUtc)} ({(open.Channel == NpsChannels.Mail ? "in a resolution mail" : "on the portal")}) and not answered yet.", open, next);
        }

        return new(NpsAskState.Resting, $"Last {what} on {Date(latest)}; asked again from {Date(next)}.", null, next);
    }

    /// <summary>The errors of an answer a person typed: a score from 0 to 10 is required, the comment is limited.</summary>
    public static IReadOnlyList<FieldError> Validate(int? score, string? comment)
    {
        var errors = new List<FieldError>();
        if (score is null)
        {
            errors.Add(new("Score", $"Choose a score from {MinScore} to {MaxScore}."));
        }
        else if (score is < MinScore or > MaxScore)
        {
            errors.Add(new("Score", $"The score must be from {MinScore} to {MaxScore}; {score} is not."));
        }

        if (comment is { Length: > MaxCommentLength })
        {
            errors.Add(new("Comment", $"Keep the comment to {MaxCommentLength} characters; it has {comment.Length}."));
        }

        return errors;
    }

    /// <summary>How a score counts in the NPS: promoters 9–10, passives 7–8, detractors 0–6.</summary>
    public static string Group(int score) => score switch
    {
        >= 9 => "promoter",
        >= 7 => "passive",
        _ => "detractor",
    };

    /// <summary>The portal page that confirms a score chosen in a mail; opening it records nothing.</summary>
    public static string Link(int score, string ticketNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"/portal/nps?score={score}&ticket={Uri.EscapeDataString(ticketNumber)}");

    /// <summary>The question as a resolution mail asks it: one link per score, each opening the portal to confirm.</summary>
    public static string MailQuestion(string ticketNumber, PublicSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var links = string.Join("\n", Enumerable.Range(MinScore, MaxScore - MinScore + 1)
            .Select(score => string.Create(CultureInfo.InvariantCulture, $"{score,2}  {site.Link(Link(score, ticketNumber))}")));
        return $"""
            One question, if you have a moment: {Question[0..1].ToLowerInvariant()}{Question[1..]}
            Choose a score from {MinScore} (not at all likely) to {MaxScore} (extremely likely). The portal shows your choice
            for you to send, with a comment if you like:
            {links}
            We ask at most once every {Interval.Days} days.
            """;
    }

    /// <summary>The UTC day an answer counts on in the facts, as stored in <c>NpsAnswers.Day</c>.</summary>
    public static string DayOf(DateTime answeredUtc) => FactKey.ToDayKey(DateOnly.FromDateTime(answeredUtc));

    private static string Date(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
