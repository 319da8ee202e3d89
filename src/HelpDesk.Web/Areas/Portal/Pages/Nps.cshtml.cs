using System.Globalization;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

/// <summary>What the NPS form shows: the score and comment chosen so far.</summary>
public sealed record NpsForm(int? Score, string? Comment);

/// <summary>
/// The NPS question on its own page, where a resolution mail's score links lead: the score chosen in the mail is
/// ticked, and only sending the form (a POST) records an answer, for the signed-in customer. Opening the page when the
/// contact is due shows them the question, which counts as asking.
/// </summary>
public sealed class NpsModel(CurrentActor actors, AskForNps asks, ITicketStore tickets) : PageModel
{
    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    /// <summary>The score a mail link chose; it only ticks the form.</summary>
    [BindProperty(SupportsGet = true, Name = "score")]
    public int? ChosenScore { get; set; }

    /// <summary>The ticket whose resolution mail the link came from.</summary>
    [BindProperty(SupportsGet = true, Name = "ticket")]
    public string? TicketNumber { get; set; }

    /// <summary>The open ask the form answers; null when the contact is not to be asked now.</summary>
    public NpsAsk? Ask { get; private set; }

    public NpsDecision? Decision { get; private set; }

    /// <summary>The ticket the mail was about, when it is the customer's to see.</summary>
    public Ticket? AboutTicket { get; private set; }

    /// <summary>Why the answer was not saved, when it is not about a field.</summary>
    public string? Problem { get; private set; }

    public bool Placed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (ChosenScore is >= NpsSurvey.MinScore and <= NpsSurvey.MaxScore)
        {
            Answer.Score = ChosenScore;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] AnswerNps answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (await actors.ResolveAsync(User) is not { UserId: int userId, OrganisationId: int organisationId })
        {
            await LoadAsync();
            return Page();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var result = await answers.HandleAsync(new AnswerNpsRequest(userId, organisationId, Answer.Score, Answer.Comment), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            var saved = result.Value!;
            TempData["Notice"] = $"Thank you: your answer {saved.Score} is saved. We will not ask again for {NpsSurvey.Interval.Days} days.";
            return Redirect("/portal");
        }

        if (result.Failure == Core.Common.Failure.Conflict)
        {
            Problem = result.Errors is [var first, ..] ? first.Message : "This question was already answered.";
        }
        else
        {
            ResultResponses.AddTo(result, ModelState, nameof(Answer));
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDismissAsync([FromServices] DismissNps dismissals)
    {
        ArgumentNullException.ThrowIfNull(dismissals);
        if (await actors.ResolveAsync(User) is not { UserId: int userId, OrganisationId: int })
        {
            await LoadAsync();
            return Page();
        }

        var decision = await dismissals.HandleAsync(userId, HttpContext.RequestAborted);
        TempData["Notice"] = decision.NextAskUtc is { } next
            ? string.Create(CultureInfo.InvariantCulture, $"We will not ask again before {next:d MMM yyyy}.")
            : "We will not ask again for now.";
        return Redirect("/portal");
    }

    private async Task LoadAsync()
    {
        // No actor: a customer not yet placed in an organisation, who has no one to recommend us for yet.
        if (await actors.ResolveAsync(User) is not { UserId: int userId, OrganisationId: int } actor)
        {
            return;
        }

        Placed = true;
        var asked = await asks.HandleAsync(userId, NpsChannels.Portal, null, HttpContext.RequestAborted);
        Decision = asked.Decision;
        Ask = asked.Ask;
        var ticketId = Ask?.TicketId ?? (Core.Tickets.TicketNumber.TryParse(TicketNumber, out var parsed) ? (int?)parsed : null);
        AboutTicket = ticketId is int id ? await tickets.GetAsync(id, actor.Scope, HttpContext.RequestAborted) : null;
    }

    public sealed class AnswerInput
    {
        public int? Score { get; set; }

        public string? Comment { get; set; }
    }
}
