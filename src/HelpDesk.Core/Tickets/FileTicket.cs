using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Tickets;

public sealed record FileTicketRequest
{
    public required int RequesterId { get; init; }
    public required int OrganisationId { get; init; }
    public required TicketChannel Channel { get; init; }
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public int Severity { get; init; } = (int)Tickets.Severity.Normal;
    public string? Product { get; init; }
    public string? ProductRelease { get; init; }
    public string? Environment { get; init; }
    public string? Category { get; init; }

    /// <summary>The customer says the product's source code has been modified.</summary>
    public bool ModifiedSource { get; init; }

    /// <summary>
    /// The form asked which product the request is about (the organisation's contracts name products) and the customer
    /// neither chose one nor answered "I don't know": filing refuses with an error beside the product.
    /// </summary>
    public bool ProductRequired { get; init; }

    /// <summary>The language the customer writes in, an ISO 639-1 code; English when not given.</summary>
    public string? Language { get; init; }
    public IReadOnlyList<NewAttachment> Attachments { get; init; } = [];

    /// <summary>The body as HTML from elsewhere (mail), already made safe. <see cref="Body"/> is its text.</summary>
    public SanitizedHtml? BodyHtml { get; init; }

    /// <summary>False for mail from a robot (an allow-listed monitor): the ticket is made, and never answered.</summary>
    public bool Acknowledge { get; init; } = true;

    /// <summary>
    /// Whether the acknowledgement repeats the subject and the requester's name. Mail from a sender who is not a known
    /// contact is acknowledged without them, so the desk never mails someone's chosen words to an address they chose.
    /// </summary>
    public bool QuoteInAcknowledgement { get; init; } = true;

    /// <summary>Why the ticket needs triage, if it does (see <see cref="Ticket.TriageReason"/>).</summary>
    public string? TriageReason { get; init; }

    /// <summary>The received message the ticket is made from (see <see cref="NewTicket.Received"/>).</summary>
    public Mail.ReceivedMail? Received { get; init; }

    /// <summary>Lines for the audit trail after "created".</summary>
    public IReadOnlyList<AuditChange> Notes { get; init; } = [];

    /// <summary>
    /// The key the sender gave the request (a form's hidden field, the API's Idempotency-Key header): a repeat under it
    /// answers with the ticket the first made and files nothing (see <see cref="RequestKeys"/>).
    /// </summary>
    public RequestKey? Key { get; init; }
}

/// <summary>
/// A step of intake between validation and saving: it may judge, flag or route the draft ticket. Steps run in
/// registration order on every channel (portal, API, email), so a rule written once applies everywhere.
/// </summary>
public interface ITicketIntakeStep
{
    Task<Ticket> ApplyAsync(Ticket draft, FileTicketRequest request, DateTime nowUtc, CancellationToken cancellationToken);
}

/// <summary>
/// Files a ticket from any channel: validate, run the intake steps, then save the ticket, its first message
/// and the acknowledgement mail in one transaction. Nothing a customer sends is refused for what it asks;
/// only input that cannot be stored (no subject, an oversized body) comes back as field errors. When the ticket
/// was judged to use its contract's last incident and another ticket took it first, the steps run again, so the
/// ticket is judged on the count as it is now (allowance used, or another contract) rather than over-using it; likewise a
/// ticket routed to an engineer whom tickets filed at the same moment filled first is routed again. A
/// request sent again under its key files nothing and answers with the ticket the first filed.
/// </summary>
public sealed class FileTicket(
    ITicketStore tickets,
    IPeopleDirectory people,
    IEnumerable<ITicketIntakeStep> steps,
    AttachmentPolicy attachments,
    TimeProvider clock,
    IRequestKeyStore? keys = null,
    PublicSite? site = null,
    ISlaCalendarSource? calendars = null)
{
    public async Task<Result<Ticket>> HandleAsync(FileTicketRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        TicketRules.Subject(errors, request.Subject);
        TicketRules.Body(errors, request.Body);
        TicketRules.Severity(errors, request.Severity);
        TicketRules.Optional(errors, "product", request.Product, TicketRules.ProductMaxLength, "product");
        if (request.ProductRequired && TicketRules.Clean(request.Product) is null)
        {
            errors.Add(new("product", "Choose the product the request is about, or \u201cI don't know\u201d if you are not sure."));
        }

        TicketRules.Optional(errors, "productRelease", request.ProductRelease, TicketRules.ReleaseMaxLength, "release");
        TicketRules.Optional(errors, "environment", request.Environment, TicketRules.EnvironmentMaxLength, "environment");
        TicketRules.Category(errors, request.Category);
        TicketRules.Language(errors, request.Language);
        TicketRules.Attachments(errors, request.Attachments, attachments);
        RequestKeys.Validate(errors, request.Key);
        if (errors.Count > 0)
        {
            return Result<Ticket>.Invalid(errors);
        }

        var keyed = Keyed(request);
        if (await RepeatAsync(keyed, request, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var requester = await people.FindAsync(request.RequesterId, cancellationToken);
        if (requester is null)
        {
            return Result<Ticket>.Invalid("requesterId", "No such requester.");
        }

        var now = clock.UtcNow();
        var draft = new Ticket
        {
            OrganisationId = request.OrganisationId,
            RequesterId = request.RequesterId,
            Subject = PlainText.Clean(request.Subject),
            Channel = request.Channel,
            Product = TicketRules.Clean(request.Product),
            ProductRelease = TicketRules.Clean(request.ProductRelease),
            Environment = TicketRules.Clean(request.Environment),
            Category = RequestCategories.Find(TicketRules.Clean(request.Category))?.Code,
            ModifiedSource = request.ModifiedSource,
            Language = TicketRules.Clean(request.Language)?.ToLowerInvariant() ?? "en",
            TriageReason = TicketRules.Clean(request.TriageReason),
            Severity = (Severity)request.Severity,
            Status = TicketStatus.New,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        var body = request.BodyHtml is null ? MessageBody.FromPlainText(request.Body!) : MessageBody.FromHtml(request.BodyHtml, request.Body!);
        for (var judgement = 1; ; judgement++)
        {
            var judged = draft;
            foreach (var step in steps)
            {
                judged = await step.ApplyAsync(judged, request, now, cancellationToken);
            }

            // The acknowledgement gives the SLA's due times where the customer is: the contract's support time zone.
            var timeZone = request.Acknowledge && calendars is not null && judged.Entitlement?.ContractId is int contract
                ? (await calendars.ForContractAsync(contract, cancellationToken))?.Hours.TimeZone
                : null;

            try
            {
                var saved = await tickets.CreateAsync(
                    new NewTicket(judged, new NewMessage(request.RequesterId, MessageKind.Reply, body), ticket => request.Acknowledge ? [TicketMail.Acknowledge(ticket, requester, request.QuoteInAcknowledgement, site, timeZone)] : [], now)
                    {
                        Attachments = request.Attachments,
                        Received = request.Received,
                        Notes = request.Notes,
                        Key = keyed,
                    },
                    cancellationToken);
                return Result<Ticket>.Ok(saved);
            }
            catch (IncidentAllowanceUsedException) when (judgement < MaxJudgements)
            {
                // Judged again below, on the count another ticket's save has just moved.
            }
            catch (AssigneeAtCapacityException) when (judgement < MaxRoutings)
            {
                // Routed again below, on the loads other tickets' saves have just moved.
            }
            catch (DuplicateRequestKeyException)
            {
                // The same request under the same key, sent at the same moment, won: answer with what it filed.
                return await RepeatAsync(keyed, request, cancellationToken) ?? throw new InvalidOperationException("A request key was reported used, but it is not stored.");
            }
        }
    }

    /// <summary>Each lost race means another ticket took an incident, so a few judgements always settle it.</summary>
    private const int MaxJudgements = 5;

    /// <summary>Each lost race means another ticket took a place, and places are few; once all are taken the ticket waits in a queue.</summary>
    private const int MaxRoutings = 20;

    private static NewKeyedRequest? Keyed(FileTicketRequest request) => request.Key is not { } key
        ? null
        : new NewKeyedRequest(key, RequestKeys.Fingerprint(
            "ticket",
            new
            {
                request.RequesterId,
                request.OrganisationId,
                Channel = request.Channel.ToString(),
                request.Subject,
                request.Body,
                request.Severity,
                request.Product,
                request.ProductRelease,
                request.Environment,
                request.Category,
                request.ModifiedSource,
                request.Language,
            },
            request.Attachments));

    private async Task<Result<Ticket>?> RepeatAsync(NewKeyedRequest? keyed, FileTicketRequest request, CancellationToken cancellationToken) =>
        keyed is null || keys is null
            ? null
            : await RequestKeys.RepeatAsync(keys, tickets, keyed, TicketScope.ForOrganisation(request.OrganisationId), cancellationToken);
}
