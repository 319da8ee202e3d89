using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// The desk ticket page's forms that put a wrongly filed ticket right: correct its facts (it is judged again), close it
/// as a duplicate of another, or say it is not an incident. Each form is a partial of its own.
/// </summary>
public sealed partial class ShowModel
{
    [BindProperty]
    public ClassificationInput Classification { get; set; } = new();

    [BindProperty]
    public DuplicateInput Duplicate { get; set; } = new();

    [BindProperty]
    public ReasonInput NotAnIncident { get; set; } = new();

    /// <summary>True when the page shows a classification the engineer posted (with its errors), not the ticket's facts.</summary>
    public bool ClassificationPosted { get; private set; }

    public async Task<IActionResult> OnPostClassifyAsync(string number, [FromServices] ClassifyTicket classify)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        ClassificationPosted = true;

        // Every field of the form is posted: an empty choice clears the fact, it does not keep it.
        var result = await classify.HandleAsync(
            new ClassifyTicketRequest
            {
                Actor = Actor,
                TicketId = Ticket.Id,
                ExpectedVersion = Version,
                Product = Classification.Product ?? "",
                Release = Classification.Release ?? "",
                Environment = Classification.Environment ?? "",
                Category = Classification.Category ?? "",
                Severity = Classification.Severity,
                Language = Classification.Language ?? "",
                ModifiedSource = Classification.ModifiedSource,
            },
            HttpContext.RequestAborted);
        var notice = result.Value switch
        {
            null => "",
            { Version: var saved } when saved == Version => "Nothing changed: those are already the ticket's facts.",
            { Entitlement: { } decision } judged => $"Classified and judged again: {VerdictText.Name(decision.Verdict)}. {Routed(judged)}",
            _ => "Classified.",
        };
        return await AfterAsync(result, number, nameof(Classification), notice.Trim());
    }

    public async Task<IActionResult> OnPostDuplicateAsync(string number, [FromServices] MarkDuplicate markDuplicate)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await markDuplicate.HandleAsync(new MarkDuplicateRequest(Actor, Ticket.Id, Duplicate.Original, Duplicate.Note, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Duplicate), result.Value?.DuplicateOfId is int original ? $"Closed as a duplicate of {TicketNumber.Format(original)}." : "");
    }

    public async Task<IActionResult> OnPostNotAnIncidentAsync(string number, [FromServices] MarkNotAnIncident markNotAnIncident)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var held = Ticket.IncidentContractId;
        var result = await markNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(Actor, Ticket.Id, NotAnIncident.Reason, Version), HttpContext.RequestAborted);
        var notice = held is int contract
            ? $"Marked not an incident; its incident is given back to {Core.Contracts.Contract.FormatNumber(contract)}."
            : "Marked not an incident; it will never use one.";
        return await AfterAsync(result, number, nameof(NotAnIncident), notice);
    }

    /// <summary>What the classification form starts with: what was posted, or the ticket's facts.</summary>
    public ClassificationInput ClassificationShown => ClassificationPosted ? Classification : ClassificationInput.Of(Ticket);

    public sealed class ClassificationInput
    {
        public string? Product { get; set; }

        public string? Release { get; set; }

        public string? Environment { get; set; }

        public string? Category { get; set; }

        public int? Severity { get; set; }

        public string? Language { get; set; }

        public bool ModifiedSource { get; set; }

        public static ClassificationInput Of(Ticket ticket)
        {
            ArgumentNullException.ThrowIfNull(ticket);
            return new()
            {
                Product = ticket.Product,
                Release = ticket.ProductRelease,
                Environment = ticket.Environment,
                Category = ticket.Category,
                Severity = (int)ticket.Severity,
                Language = ticket.Language,
                ModifiedSource = ticket.ModifiedSource,
            };
        }
    }

    public sealed class DuplicateInput
    {
        /// <summary>The ticket this one duplicates, as HD-42 or 42.</summary>
        public string? Original { get; set; }

        public string? Note { get; set; }
    }
}
