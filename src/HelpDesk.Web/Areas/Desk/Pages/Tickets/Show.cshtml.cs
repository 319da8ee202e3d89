using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Hosting;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>
/// One ticket as an engineer works it. Every change posts the <see cref="Ticket.Version"/> the page was rendered
/// with; when someone changed the ticket meanwhile, the page comes back with the current ticket, a message at the
/// top and what the engineer typed still in the form.
/// </summary>
[ShowsMail]
public sealed partial class ShowModel(
    TicketViews views,
    CurrentActor currentActor,
    ReplyToTicket replies,
    ChangeTicketStatus statuses,
    AssignTicket assignments,
    LogTime timeLog,
    OverrideEntitlement overrides,
    EscalateTicket escalations,
    HandBackTicket handBacks,
    ReassignTicket reassignments,
    IEngineerStore engineers,
    RoutingSettings routingSettings,
    IPeopleDirectory people,
    IOrganisationStore organisations,
    IInboundMailStore inboundMail,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    [BindProperty]
    public StatusInput StatusChange { get; set; } = new();

    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public TimeInput Time { get; set; } = new() { WorkDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };

    [BindProperty]
    public OverrideInput Override { get; set; } = new();

    [BindProperty]
    public ReasonInput Escalation { get; set; } = new();

    [BindProperty]
    public ReasonInput HandBack { get; set; } = new();

    [BindProperty]
    public ReassignInput Reassignment { get; set; } = new();

    /// <summary>The version of the ticket the posting form was rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public TicketView View { get; private set; } = null!;

    public Ticket Ticket => View.Ticket;

    public DateTime NowUtc => clock.UtcNow();

    public TicketActor Actor { get; private set; } = null!;

    public string OrganisationName { get; private set; } = "";

    public Person? Requester { get; private set; }

    public Person? Assignee { get; private set; }

    public IReadOnlyList<Person> Staff { get; private set; } = [];

    /// <summary>Every received message recorded against the ticket: those that made its messages, bounces, held replies.</summary>
    public IReadOnlyList<InboundMessageEntry> ReceivedMail { get; private set; } = [];

    /// <summary>The received message each ticket message came from, by ticket message id, for its "view original" link.</summary>
    public IReadOnlyDictionary<int, int> OriginalOf { get; private set; } = new Dictionary<int, int>();

    /// <summary>The engineers a manager may reassign to: those with a routing profile.</summary>
    public IReadOnlyList<EngineerProfile> Engineers { get; private set; } = [];

    public bool IsManager => User.IsInRole(Roles.Manager);

    public RoutingSettings RoutingSettings => routingSettings;

    public IReadOnlyList<TicketStatus> Targets => TicketWorkflow.AllowedTargets(Ticket.Status, ActorKind.Staff);

    /// <summary>Set when a change was refused because the ticket had changed since the page was rendered.</summary>
    public string? StaleMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number) =>
        await LoadAsync(number) is { } problem ? problem : Page();

    public async Task<IActionResult> OnPostReplyAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await replies.HandleAsync(
            new ReplyToTicketRequest
            {
                Actor = Actor,
                TicketId = Ticket.Id,
                Body = Reply.Body,
                Kind = Reply.Kind,
                Status = Reply.Status,

                // A reply or note is added whatever changed meanwhile; a status set with it needs the version shown.
                ExpectedVersion = Reply.Status is null ? null : Version,
                Key = FormKeys.Of(Actor, Reply.IdempotencyKey),
            },
            HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Reply", Reply.Kind == MessageKind.Note ? "Internal note added." : "Reply sent.");
    }

    public async Task<IActionResult> OnPostStatusAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        if (StatusChange.Status is not TicketStatus status)
        {
            ModelState.AddModelError("StatusChange.Status", "Choose the new status.");
            return Page();
        }

        var result = await statuses.HandleAsync(new ChangeTicketStatusRequest(Actor, Ticket.Id, status, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, "StatusChange", $"Status set to {TicketWorkflow.Describe(status)}.");
    }

    public async Task<IActionResult> OnPostAssignAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await assignments.HandleAsync(new AssignTicketRequest(Actor, Ticket.Id, Assign.AssigneeId, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Assign", Assign.AssigneeId is null ? "Returned to the queue." : "Assigned.");
    }

    public async Task<IActionResult> OnPostTakeAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await assignments.HandleAsync(new AssignTicketRequest(Actor, Ticket.Id, Actor.UserId, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Assign", "It is yours.");
    }

    public async Task<IActionResult> OnPostReturnAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await assignments.HandleAsync(new AssignTicketRequest(Actor, Ticket.Id, null, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Assign", "Returned to the queue.");
    }

    public async Task<IActionResult> OnPostTimeAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await timeLog.HandleAsync(
            new LogTimeRequest(Actor, Ticket.Id, Time.Minutes ?? 0, Time.WorkDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Time.Note, Time.Billable),
            HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Time", $"Logged {Time.Minutes} minutes.");
    }

    public async Task<IActionResult> OnPostOverrideAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        if (Override.Verdict is not Verdict verdict)
        {
            ModelState.AddModelError("Override.Verdict", "Choose the verdict to give the ticket.");
            return Page();
        }

        var result = await overrides.HandleAsync(new OverrideEntitlementRequest(Actor, Ticket.Id, verdict, Override.Reason, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, "Override", $"Verdict overridden: {VerdictText.Name(verdict)}.");
    }

    public async Task<IActionResult> OnPostEscalateAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await escalations.HandleAsync(new EscalateTicketRequest(Actor, Ticket.Id, Escalation.Reason, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Escalation), result.Succeeded ? $"Escalated to tier {result.Value!.Tier}. {Routed(result.Value)}" : "");
    }

    public async Task<IActionResult> OnPostHandBackAsync(string number)
    {
        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await handBacks.HandleAsync(new HandBackTicketRequest(Actor, Ticket.Id, HandBack.Reason, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(HandBack), result.Succeeded ? $"Handed back. {Routed(result.Value!)}" : "");
    }

    public async Task<IActionResult> OnPostReassignAsync(string number)
    {
        // Reassigning overrides the router and another engineer's work: managers only, whatever the form shows.
        if (!IsManager)
        {
            return Forbid();
        }

        if (await LoadAsync(number) is { } problem)
        {
            return problem;
        }

        var result = await reassignments.HandleAsync(
            new ReassignTicketRequest(Actor, Ticket.Id, Reassignment.EngineerId, Reassignment.Reason, Version), HttpContext.RequestAborted);
        return await AfterAsync(result, number, nameof(Reassignment), result.Succeeded ? $"Reassigned. {Routed(result.Value!)}" : "");
    }

    /// <summary>Errors of fields a form has no input for (the ticket's tier or status), to show at the form that caused them.</summary>
    public IEnumerable<string> ErrorsOf(params string[] keys) =>
        keys.SelectMany(key => ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : []);

    /// <summary>Where the ticket went, for the notice after a change that re-routed it: who has it, or that it waits and why.</summary>
    private static string Routed(Ticket ticket) => HelpDesk.Web.Routing.RoutingText.Outcome(ticket.Routing);

    /// <summary>Success goes back to the page (so a refresh does not post again); a failure shows the current ticket with the form as typed.</summary>
    private async Task<IActionResult> AfterAsync<T>(Result<T> result, string number, string prefix, string notice)
    {
        if (result.Succeeded)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { number = TicketNumber.TryParse(number, out var id) ? TicketNumber.Format(id) : number });
        }

        switch (result.Failure)
        {
            case Failure.NotFound:
                return NotFound();
            case Failure.Conflict:
                StaleMessage = result.Errors is [var first, ..] ? first.Message : "Someone else changed this ticket.";
                break;
            default:
                ResultResponses.AddTo(result, ModelState, prefix);
                break;
        }

        // Show what is saved now, not what was saved when the form was rendered.
        return await LoadAsync(number) is { } problem ? problem : Page();
    }

    /// <summary>Null when the page can be shown; otherwise the answer to give instead.</summary>
    private async Task<IActionResult?> LoadAsync(string number)
    {
        if (!TicketNumber.TryParse(number, out var id))
        {
            return NotFound();
        }

        var actor = await currentActor.ResolveAsync(User);
        if (actor is null || actor.Kind != ActorKind.Staff)
        {
            return Forbid();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var view = await views.LoadAsync(id, actor, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Actor = actor;
        View = view;

        // A post of another form binds an empty time form; it still offers today.
        Time.WorkDate ??= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        OrganisationName = (await organisations.GetAsync(view.Ticket.OrganisationId, cancellationToken))?.Name ?? "";
        Requester = await people.FindAsync(view.Ticket.RequesterId, cancellationToken);
        Assignee = view.Ticket.AssigneeId is int assigneeId ? await people.FindAsync(assigneeId, cancellationToken) : null;
        Staff = await people.ListStaffAsync(cancellationToken);
        Engineers = IsManager ? await engineers.ListAsync(cancellationToken) : [];
        ReceivedMail = await inboundMail.ListForTicketAsync(view.Ticket.Id, cancellationToken);
        OriginalOf = ReceivedMail.Where(m => m.TicketMessageId is not null).GroupBy(m => m.TicketMessageId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        return null;
    }

    public sealed class ReplyInput
    {
        public string? Body { get; set; }

        public MessageKind Kind { get; set; } = MessageKind.Reply;

        /// <summary>The status to set with the reply; none leaves it to the workflow.</summary>
        public TicketStatus? Status { get; set; }

        /// <summary>The form's key (see <see cref="FormKeys"/>).</summary>
        public string? IdempotencyKey { get; set; }
    }

    public sealed class StatusInput
    {
        public TicketStatus? Status { get; set; }
    }

    public sealed class AssignInput
    {
        public int? AssigneeId { get; set; }
    }

    public sealed class OverrideInput
    {
        public Verdict? Verdict { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class ReasonInput
    {
        public string? Reason { get; set; }
    }

    public sealed class ReassignInput
    {
        /// <summary>The engineer to give the ticket to; none lets the router choose someone other than the assignee.</summary>
        public int? EngineerId { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class TimeInput
    {
        public int? Minutes { get; set; }

        public DateOnly? WorkDate { get; set; }

        public string? Note { get; set; }

        public bool Billable { get; set; } = true;
    }
}
