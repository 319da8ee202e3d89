using HelpDesk.Core.Accounts;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

public static partial class TicketEndpoints
{
    private static void MapClassification(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{number}/classification", ClassifyAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: correct the ticket's product, release, environment, category, severity, language or modified source; it is judged again against the Scope of Support in force when it was filed, its SLA targets counted from filing, and routed again when its skill queue changes. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/duplicate", DuplicateAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: close the ticket as a duplicate of another open ticket of the same organisation (original, as HD-42); the requester is told where the work carries on and its incident is given back. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();

        tickets.MapPost("/{number}/not-an-incident", NotAnIncidentAsync)
            .RequireScope(ApiScopes.WriteTickets)
            .WithSummary("Staff: say the ticket is not an incident, with a reason; the incident it used is given back to its contract and it never uses one again. Send the version you read.")
            .Produces<TicketDto>()
            .ProducesChangeProblems();
    }

    private static Task<IResult> ClassifyAsync(
        string number, ClassifyBody input, HttpContext context, CurrentActor actors, ClassifyTicket classify, IPeopleDirectory people) =>
        StaffChangeAsync(number, input.Version, context, actors, people, (id, actor, ct) => classify.HandleAsync(
            new ClassifyTicketRequest
            {
                Actor = actor,
                TicketId = id,
                ExpectedVersion = input.Version,
                Product = input.Product,
                Release = input.Release,
                Environment = input.Environment,
                Category = input.Category,
                Severity = input.Severity,
                Language = input.Language,
                ModifiedSource = input.ModifiedSource,
            },
            ct));

    private static Task<IResult> DuplicateAsync(
        string number, DuplicateBody input, HttpContext context, CurrentActor actors, MarkDuplicate markDuplicate, IPeopleDirectory people) =>
        StaffChangeAsync(number, input.Version, context, actors, people, (id, actor, ct) =>
            markDuplicate.HandleAsync(new MarkDuplicateRequest(actor, id, input.Original, input.Note, input.Version), ct));

    private static Task<IResult> NotAnIncidentAsync(
        string number, NotAnIncidentBody input, HttpContext context, CurrentActor actors, MarkNotAnIncident markNotAnIncident, IPeopleDirectory people) =>
        StaffChangeAsync(number, input.Version, context, actors, people, (id, actor, ct) =>
            markNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(actor, id, input.Reason, input.Version), ct));

    /// <summary>A staff-only change that needs the version read: a customer gets 404, as for a ticket that does not exist.</summary>
    private static Task<IResult> StaffChangeAsync(
        string number,
        int? version,
        HttpContext context,
        CurrentActor actors,
        IPeopleDirectory people,
        Func<int, TicketActor, CancellationToken, Task<Core.Common.Result<Ticket>>> change) =>
        RerouteAsync(number, version, managersOnly: false, context, actors, people, change);
}
