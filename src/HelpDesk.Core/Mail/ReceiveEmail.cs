using System.Globalization;
using System.Text;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Mail;

/// <summary>
/// Email intake, the same for the IMAP poller and the raw-MIME endpoint. In order: read the message (unreadable bytes go
/// to the quarantine), skip it if its key was seen, tell robots from people, record a bounce of our mail on its ticket,
/// hold robots (unless allow-listed) and senders over the throttle, thread a reply onto its ticket (subject tag, then
/// In-Reply-To and References) or hold it when its sender is not on the ticket, and otherwise file a ticket judged
/// and routed like any other. The received message is recorded in the same transaction as the ticket or reply, so a
/// crash before the mailbox moves it creates no duplicate on the next poll; the sender's throttle and the
/// acknowledgement budget are taken in that transaction too (<see cref="MailAllowance"/>), so a mail is one write.
/// </summary>
public sealed class ReceiveEmail(
    IInboundMailParser parser,
    IInboundMailStore inbound,
    IOutbox outbox,
    IPeopleDirectory people,
    IOrganisationStore organisations,
    ITicketStore tickets,
    FileTicket fileTicket,
    ReplyToTicket replyToTicket,
    AttachmentPolicy attachments,
    MailSettings settings,
    FullMailCounts fullCounts,
    TimeProvider clock) : IEmailIntake, IInboundReview
{
    private const int ConflictRetries = 3;

    public async Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var now = clock.UtcNow();
        if (raw.Length > settings.MaxMessageBytes)
        {
            return await QuarantineAsync(raw, source, now, $"The message is {Sizes.Describe(raw.Length)}, over the limit of {Sizes.Describe(settings.MaxMessageBytes)}.", cancellationToken);
        }

        var parse = parser.Parse(raw);
        if (parse.Email is not { } email)
        {
            return await QuarantineAsync(raw, source, now, parse.Error ?? "The message cannot be read.", cancellationToken);
        }

        var identity = await IdentifyAsync(email, raw, cancellationToken);
        return identity.Seen is { } seen
            ? Duplicate(seen)
            : await ProcessAsync(new Arrival(email, raw, identity.Key, source, now, Release: null, identity.Reuse), cancellationToken);
    }

    public async Task<Result<IntakeOutcome>> ReleaseAsync(int inboundId, int actorId, CancellationToken cancellationToken = default)
    {
        var entry = await inbound.GetAsync(inboundId, cancellationToken);
        var raw = entry is null ? null : await inbound.GetRawAsync(inboundId, cancellationToken);
        if (entry is null || raw is null || entry.Status is not (InboundStatus.Held or InboundStatus.Quarantined))
        {
            return Result<IntakeOutcome>.NotFound("That message is no longer held or quarantined; someone may have dealt with it already.");
        }

        var now = clock.UtcNow();
        IntakeOutcome outcome;
        if (entry.Status == InboundStatus.Quarantined)
        {
            // A retry reads the bytes as new: every rule applies again, and only a message that can now be read leaves.
            var parse = parser.Parse(raw);
            if (parse.Email is not { } email)
            {
                return Result<IntakeOutcome>.Ok(new IntakeOutcome(IntakeResult.Quarantined, null, entry.Id, $"Still unreadable: {parse.Error}"));
            }

            var identity = await IdentifyAsync(email, raw, cancellationToken);
            outcome = identity.Seen is { } seen
                ? Duplicate(seen)
                : await ProcessAsync(new Arrival(email, raw, identity.Key, entry.Source, now, Release: null, identity.Reuse), cancellationToken);
        }
        else
        {
            var parse = parser.Parse(raw);
            if (parse.Email is not { } email)
            {
                return Result<IntakeOutcome>.Ok(new IntakeOutcome(IntakeResult.Held, entry.TicketId, entry.Id, $"Cannot be read any more: {parse.Error}"));
            }

            if (email.FromAddress.Length == 0)
            {
                return Result<IntakeOutcome>.Invalid("", "The message names no sender address, so it cannot become a ticket or a reply.");
            }

            // The held record keeps its key; the released message is recorded under a key of its own, so releasing the
            // same message twice (two engineers, one click each) still makes one ticket.
            var key = $"released:{entry.Id.ToString(CultureInfo.InvariantCulture)}";
            outcome = await ProcessAsync(new Arrival(email, raw, key, entry.Source, now, entry, Reuse: null), cancellationToken);
        }

        if (outcome.Result is IntakeResult.Ticket or IntakeResult.Reply or IntakeResult.Bounce or IntakeResult.Held or IntakeResult.Duplicate)
        {
            await inbound.ResolveAsync(entry.Id, entry.Status, InboundStatus.Released, outcome.TicketId, actorId, now, cancellationToken);
        }

        return Result<IntakeOutcome>.Ok(outcome);
    }

    public async Task<bool> DeleteAsync(int inboundId, int actorId, CancellationToken cancellationToken = default)
    {
        var entry = await inbound.GetAsync(inboundId, cancellationToken);
        if (entry is null || entry.Status is not (InboundStatus.Held or InboundStatus.Quarantined))
        {
            return false;
        }

        return await inbound.ResolveAsync(entry.Id, entry.Status, InboundStatus.Deleted, entry.TicketId, actorId, clock.UtcNow(), cancellationToken);
    }

    private async Task<IntakeOutcome> ProcessAsync(Arrival arrival, CancellationToken cancellationToken)
    {
        var email = arrival.Email;
        var classification = MailClassifier.Classify(email, settings.SupportAddress, settings.LoopToken);
        var releasing = arrival.Release is not null;
        try
        {
            if (classification.Kind == MailKind.Bounce && await BounceAsync(arrival, classification, cancellationToken) is { } bounce)
            {
                return bounce;
            }

            if (!releasing && classification.IsRobot)
            {
                var allowed = classification.Kind is not (MailKind.Loop or MailKind.Bounce)
                    && await inbound.IsAllowListedAsync(email.FromAddress, cancellationToken);
                if (!allowed)
                {
                    return await HoldAsync(arrival, classification, HoldKind.Robot, $"{Describe(classification.Kind)}: {classification.Summary}", null, cancellationToken);
                }
            }

            // The sender's throttle is taken in the write that makes the ticket or reply; one known full holds it now.
            if (!releasing && SenderThrottle.For(email.FromAddress, arrival.NowUtc, settings) is var throttle && fullCounts.IsFull(throttle))
            {
                return await HoldThrottledAsync(arrival, classification, throttle, cancellationToken);
            }

            var sender = await people.FindByEmailAsync(email.FromAddress, cancellationToken);
            var threaded = await ThreadAsync(email, cancellationToken);
            var verdict = SenderAuthentication.Judge(email, settings.TrustedAuthServId, settings.TrustedRelays);
            try
            {
                if (threaded is { } ticket && ticket.Status != TicketStatus.Closed)
                {
                    var participant = sender is not null
                        && (sender.IsStaff || sender.Id == ticket.RequesterId || (sender.OrganisationId is int org && org == ticket.OrganisationId));
                    if (!participant && !releasing)
                    {
                        return await HoldAsync(arrival, classification, HoldKind.NotParticipant, $"{email.FromAddress} is not a participant of {ticket.Number}", ticket.Id, cancellationToken);
                    }

                    // A staff reply is posted as that engineer and mailed to the customer, so a forged From must not pass.
                    if (sender is { IsStaff: true } && !verdict.Verified && !releasing)
                    {
                        return await HoldAsync(arrival, classification, HoldKind.Unverified, $"a staff reply from {email.FromAddress} that the receiving server did not verify ({verdict.Summary})", ticket.Id, cancellationToken);
                    }

                    sender ??= (await AddContactAsync(email, arrival.NowUtc, cancellationToken)).Person;
                    return await ReplyAsync(arrival, classification, ticket, sender, verdict, cancellationToken);
                }

                // A reply to a closed ticket starts a new one that says what it follows.
                return await FileAsync(arrival, classification, sender, verdict, cancellationToken, followUpOf: threaded);
            }
            catch (SenderThrottledException throttled)
            {
                // The write that would have made the ticket or reply took nothing; the message waits for an engineer.
                fullCounts.Remember(throttled.Throttle);
                return await HoldThrottledAsync(arrival, classification, throttled.Throttle, cancellationToken);
            }
        }
        catch (DuplicateMailException)
        {
            // Another poll or push of the same message won the race; its record is the one that counts. Unless it was
            // another message with the same Message-ID: this one is then kept under a key of its own.
            var seen = await inbound.FindByKeyAsync(arrival.Key, cancellationToken);
            if (seen is not null && arrival.Reuse is null && arrival.Release is null && email.MessageId is { } messageId
                && !await SameContentAsync(seen, arrival.Raw, cancellationToken))
            {
                var key = ReceivedMail.ReusedIdKeyFor(messageId, MessageFingerprint.Of(arrival.Raw));
                return await inbound.FindByKeyAsync(key, cancellationToken) is { } again
                    ? Duplicate(again)
                    : await ProcessAsync(arrival with { Key = key, Reuse = ReuseNote(messageId, seen) }, cancellationToken);
            }

            return seen is null
                ? new IntakeOutcome(IntakeResult.Duplicate, null, null, "Received before.")
                : Duplicate(seen);
        }
    }

    /// <summary>
    /// The key a message is recorded under, and the record it duplicates if any. A Message-ID seen before with other
    /// content (other From, Date, Subject or body) is not a duplicate: mailers and relays reuse IDs. Such a message is
    /// recorded under <see cref="ReceivedMail.ReusedIdKeyFor"/> and says so. The first message of an ID keeps the plain
    /// "mid:" key, so records written before content was compared are found the same way.
    /// </summary>
    private async Task<Identity> IdentifyAsync(InboundEmail email, byte[] raw, CancellationToken cancellationToken)
    {
        var key = ReceivedMail.KeyFor(email.MessageId, raw);
        var seen = await inbound.FindByKeyAsync(key, cancellationToken);
        if (seen is null || email.MessageId is not { } messageId || !key.StartsWith("mid", StringComparison.Ordinal)
            || await SameContentAsync(seen, raw, cancellationToken))
        {
            return new Identity(key, seen, null);
        }

        var reusedKey = ReceivedMail.ReusedIdKeyFor(messageId, MessageFingerprint.Of(raw));
        return new Identity(reusedKey, await inbound.FindByKeyAsync(reusedKey, cancellationToken), ReuseNote(messageId, seen));
    }

    private async Task<bool> SameContentAsync(InboundMessageEntry seen, byte[] raw, CancellationToken cancellationToken)
    {
        // A record whose bytes are gone cannot be compared: it counts as the same, as every record did before.
        var stored = await inbound.GetRawAsync(seen.Id, cancellationToken);
        return stored is not { Length: > 0 } || MessageFingerprint.Of(stored) == MessageFingerprint.Of(raw);
    }

    private static string ReuseNote(string messageId, InboundMessageEntry seen) =>
        Clip($"This mail reuses the Message-ID <{messageId}> of a different message received {seen.ReceivedUtc:yyyy-MM-dd HH:mm} UTC; it is kept as a message of its own.", 400);

    private async Task<IntakeOutcome?> BounceAsync(Arrival arrival, MailClassification classification, CancellationToken cancellationToken)
    {
        var email = arrival.Email;
        var candidates = new List<string>();
        if (email.Report?.OriginalMessageId is { } original)
        {
            candidates.Add(original);
        }

        candidates.AddRange(email.InReplyTo);
        candidates.AddRange(email.References);
        foreach (var messageId in candidates.Distinct(StringComparer.Ordinal))
        {
            if (await outbox.FindByMessageIdAsync(messageId, cancellationToken) is not { } sent)
            {
                continue;
            }

            var report = email.Report;
            var recipient = report?.Recipient ?? sent.ToAddress;
            var words = report?.Diagnostic is { Length: > 0 } diagnostic ? $": {diagnostic}" : "";
            var action = report?.Action is { Length: > 0 } a && !a.Equals("failed", StringComparison.OrdinalIgnoreCase) ? $" ({a})" : "";
            var text = Clip($"Mail to {recipient} \"{sent.Subject}\" was not delivered{action}{words}", 400);
            var id = await inbound.AddBounceAsync(
                Record(arrival, classification, InboundStatus.Bounce, text, sent.TicketId),
                sent.Id,
                text,
                cancellationToken);
            return new IntakeOutcome(IntakeResult.Bounce, sent.TicketId, id, text);
        }

        return null;
    }

    /// <summary>The ticket a reply belongs to: its subject tag first, then the Message-IDs it answers.</summary>
    private async Task<Ticket?> ThreadAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        if (SubjectTag.Find(email.Subject) is int tagged && await tickets.GetAsync(tagged, TicketScope.Staff, cancellationToken) is { } byTag)
        {
            return byTag;
        }

        var ids = email.InReplyTo.Concat(email.References).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var threaded = await inbound.FindTicketByMessageIdsAsync(ids, cancellationToken);
        return threaded is int id ? await tickets.GetAsync(id, TicketScope.Staff, cancellationToken) : null;
    }

    private async Task<IntakeOutcome> ReplyAsync(Arrival arrival, MailClassification classification, Ticket ticket, Person sender, SenderVerdict verdict, CancellationToken cancellationToken)
    {
        var email = arrival.Email;
        var trimmed = ReplyTrimmer.Trim(email.Text);
        var body = Body(trimmed.Text);

        // Trimmed text is shown as text: the HTML still holds the history that was cut.
        var (html, files, notes) = await ContentAsync(email, showHtml: !trimmed.Trimmed && body == email.Text.Trim(), cancellationToken);
        Flag(notes, email, verdict);
        notes.AddRange(Notices(arrival).Select(n => new AuditChange("mail", null, n)));
        var actor = sender.IsStaff ? TicketActor.Staff(sender.Id) : TicketActor.Customer(sender.Id, ticket.OrganisationId);
        for (var attempt = 1; ; attempt++)
        {
            var result = await replyToTicket.HandleAsync(
                new ReplyToTicketRequest
                {
                    Actor = actor,
                    TicketId = ticket.Id,
                    Body = body,
                    BodyHtml = html,
                    Attachments = files,
                    Notes = notes,
                    Received = Record(arrival, classification, InboundStatus.Processed, trimmed.Trimmed ? "Quoted history or signature trimmed for display." : null, ticket.Id) with
                    {
                        Allowance = Allowance(arrival, []),
                    },
                },
                cancellationToken);
            if (result.Succeeded)
            {
                return new IntakeOutcome(IntakeResult.Reply, ticket.Id, await RecordIdAsync(arrival, cancellationToken), $"Added to {ticket.Number} as a reply from {email.FromAddress}.");
            }

            if (result.Failure == Failure.Conflict && attempt < ConflictRetries)
            {
                continue;
            }

            // Closed meanwhile, or a rule the reply cannot meet: it still must not be lost, so it becomes a ticket.
            return await FileAsync(arrival, classification, sender, verdict, cancellationToken, followUpOf: ticket);
        }
    }

    private async Task<IntakeOutcome> FileAsync(Arrival arrival, MailClassification classification, Person? sender, SenderVerdict verdict, CancellationToken cancellationToken, Ticket? followUpOf = null)
    {
        var email = arrival.Email;
        var requester = await RequesterAsync(email, sender, arrival.NowUtc, cancellationToken);
        var text = Body(email.Text);
        var (html, files, notes) = await ContentAsync(email, showHtml: text == email.Text.Trim(), cancellationToken);
        if (followUpOf is not null)
        {
            notes.Insert(0, new AuditChange("mail", null, $"Follow-up to {followUpOf.Number}, which is closed."));
        }

        var dmarc = Flag(notes, email, verdict);
        notes.AddRange(Notices(arrival).Select(n => new AuditChange("mail", null, n)));

        var acknowledge = !classification.IsRobot && arrival.Release?.Reason?.StartsWith(HoldKind.Throttled, StringComparison.Ordinal) != true;
        if (acknowledge && AnswerRule.Decide(email, settings) is { Answer: false } silent)
        {
            acknowledge = false;
            notes.Add(new AuditChange("mail", null, Clip($"Not acknowledged: {silent.Summary}.", 400)));
        }

        // Only a contact the desk knew before this mail (staff, or placed in an organisation), whose domain did not
        // fail DMARC, hears its own subject and name back.
        var known = sender is { IsStaff: true } or { OrganisationId: not null } && dmarc is null;
        var budget = acknowledge ? AcknowledgementBudget.CountersFor(email.FromAddress, arrival.NowUtc, settings.Acknowledgements) : [];
        void Unanswered(AcknowledgementCounter full)
        {
            acknowledge = false;
            budget = [];
            notes.Add(new AuditChange("mail", null, Clip(AcknowledgementBudget.Describe(full, settings.Acknowledgements), 400)));
        }

        if (fullCounts.FirstFull(budget) is { } alreadyFull)
        {
            Unanswered(alreadyFull);
        }

        Result<Ticket> result;
        while (true)
        {
            try
            {
                result = await fileTicket.HandleAsync(
                    new FileTicketRequest
                    {
                        RequesterId = requester.Person.Id,
                        OrganisationId = requester.OrganisationId,
                        Channel = TicketChannel.Email,
                        Subject = Subject(email.Subject),
                        Body = text,
                        BodyHtml = html,
                        Attachments = files,
                        Notes = notes,
                        Acknowledge = acknowledge,
                        QuoteInAcknowledgement = known,
                        TriageReason = Triage(requester.TriageReason ?? dmarc, email.Repairs),
                        Received = Record(arrival, classification, InboundStatus.Processed, classification.IsRobot ? $"{Describe(classification.Kind)} from an allow-listed sender: not answered." : null, null) with
                        {
                            Allowance = Allowance(arrival, budget),
                        },
                    },
                    cancellationToken);
                break;
            }
            catch (AcknowledgementBudgetUsedException used) when (acknowledge)
            {
                // Nothing was written: filed again, unanswered, with a note saying why.
                fullCounts.Remember(used.Full);
                Unanswered(used.Full);
            }
        }

        if (!result.Succeeded)
        {
            var why = string.Join(" ", result.Errors.Select(e => e.Message));
            return await QuarantineAsync(arrival.Raw, arrival.Source, arrival.NowUtc, $"A ticket could not be made: {why}", cancellationToken);
        }

        var ticket = result.Value!;
        var how = acknowledge ? "acknowledged" : "not answered";
        return new IntakeOutcome(IntakeResult.Ticket, ticket.Id, await RecordIdAsync(arrival, cancellationToken), $"Filed as {ticket.Number} from {email.FromAddress} ({how}).");
    }

    /// <summary>The id of the record the ticket store wrote with the ticket or reply.</summary>
    private async Task<int?> RecordIdAsync(Arrival arrival, CancellationToken cancellationToken) =>
        (await inbound.FindByKeyAsync(arrival.Key, cancellationToken))?.Id;

    private async Task<Requester> RequesterAsync(InboundEmail email, Person? sender, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (sender is { IsStaff: false, OrganisationId: int known })
        {
            return new Requester(sender, known, null);
        }

        if (sender is not null)
        {
            var who = sender.IsStaff ? "a member of staff" : "a contact who is not yet in an organisation";
            return new Requester(sender, await UnknownSendersAsync(nowUtc, cancellationToken), $"Sent by {who} ({email.FromAddress}): choose the organisation.");
        }

        var added = await AddContactAsync(email, nowUtc, cancellationToken);
        if (added.OrganisationId is int owner)
        {
            return new Requester(added.Person, owner, null);
        }

        var domain = OrganisationPlacement.EmailDomain(email.FromAddress) ?? email.FromAddress;
        return new Requester(added.Person, await UnknownSendersAsync(nowUtc, cancellationToken), $"Unknown sender {email.FromAddress}: no organisation owns {domain}.");
    }

    /// <summary>A new contact for the sender, in the organisation that owns their domain if one does.</summary>
    private async Task<(Person Person, int? OrganisationId)> AddContactAsync(InboundEmail email, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var domain = OrganisationPlacement.EmailDomain(email.FromAddress);
        var owner = domain is null ? null : await organisations.FindByEmailDomainAsync(domain, cancellationToken);
        var name = string.IsNullOrWhiteSpace(email.FromName) ? email.FromAddress : email.FromName.Trim();
        var person = await people.AddContactAsync(email.FromAddress, Clip(name, 100), owner?.Id, nowUtc, cancellationToken);
        return (person, person.OrganisationId ?? owner?.Id);
    }

    private async Task<int> UnknownSendersAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var name = settings.UnknownSendersOrganisation;
        var existing = (await organisations.ListAsync(cancellationToken)).FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            return existing.Id;
        }

        var created = await organisations.CreateAsync(new Organisation { Name = name, Region = Region.Emea, Segment = CustomerSegment.SelfService, CreatedUtc = nowUtc }, cancellationToken);
        if (created.Succeeded)
        {
            return created.Id;
        }

        // Made by a concurrent intake a moment ago.
        return (await organisations.ListAsync(cancellationToken)).First(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Id;
    }

    private Task<IntakeOutcome> HoldThrottledAsync(Arrival arrival, MailClassification classification, SenderThrottle full, CancellationToken cancellationToken) =>
        HoldAsync(
            arrival,
            classification,
            HoldKind.Throttled,
            string.Create(CultureInfo.InvariantCulture, $"{arrival.Email.FromAddress} already sent {full.Limit} messages since {full.WindowStartUtc:HH:mm} UTC (the limit is {full.Limit} in {settings.ThrottleMinutes} minutes)"),
            null,
            cancellationToken);

    private async Task<IntakeOutcome> HoldAsync(Arrival arrival, MailClassification classification, string holdKind, string why, int? ticketId, CancellationToken cancellationToken)
    {
        var reason = $"{holdKind}: {why}";
        var id = await inbound.AddAsync(Record(arrival, classification, InboundStatus.Held, reason, ticketId), cancellationToken);
        return new IntakeOutcome(IntakeResult.Held, ticketId, id, $"Held for an engineer: {why}.");
    }

    private async Task<IntakeOutcome> QuarantineAsync(byte[] raw, string source, DateTime nowUtc, string error, CancellationToken cancellationToken)
    {
        var key = ReceivedMail.QuarantineKeyFor(raw);
        if (await inbound.FindByKeyAsync(key, cancellationToken) is { } seen)
        {
            return Duplicate(seen);
        }

        try
        {
            var id = await inbound.AddAsync(
                new ReceivedMail
                {
                    MessageKey = key,
                    Source = source,
                    ReceivedUtc = nowUtc,
                    Status = InboundStatus.Quarantined,
                    Kind = MailKind.Person,
                    Reason = Clip(error, 1000),
                    Raw = raw,
                },
                cancellationToken);
            return new IntakeOutcome(IntakeResult.Quarantined, null, id, $"Quarantined: {error}");
        }
        catch (DuplicateMailException)
        {
            var again = await inbound.FindByKeyAsync(key, cancellationToken);
            return again is null ? new IntakeOutcome(IntakeResult.Duplicate, null, null, "Received before.") : Duplicate(again);
        }
    }

    /// <summary>A note for staff when the sender's domain failed DMARC: the mail may not be from who it says. Returns the note's words.</summary>
    private static string? Flag(List<AuditChange> notes, InboundEmail email, SenderVerdict verdict)
    {
        if (!verdict.DmarcFailed)
        {
            return null;
        }

        var words = Clip($"The sender's domain failed DMARC ({verdict.Summary}): this mail may not be from {email.FromAddress}.", 400);
        notes.Add(new AuditChange("sender", null, words));
        return words;
    }

    /// <summary>
    /// The HTML to show (when <paramref name="showHtml"/> and it can be made safe within the limits) and the files to
    /// attach. HTML past the limits is attached as text instead, with a note saying why, and the text is shown.
    /// </summary>
    private async Task<(SanitizedHtml? Html, List<NewAttachment> Files, List<AuditChange> Notes)> ContentAsync(InboundEmail email, bool showHtml, CancellationToken cancellationToken)
    {
        var parts = email.Attachments.ToList();
        SanitizedHtml? html = null;
        string? refusal = null;
        if (showHtml && email.Html is { } raw)
        {
            var prepared = await MailHtml.PrepareAsync(raw, settings.Html);
            cancellationToken.ThrowIfCancellationRequested();
            html = prepared.Html;
            if (prepared.Refusal is { } why)
            {
                refusal = why;
                parts.Add(new InboundAttachment(MailHtml.AttachmentName, "text/plain", Encoding.UTF8.GetBytes(raw)));
            }
        }

        var (files, notes) = Attach(parts);
        if (refusal is not null)
        {
            notes.Insert(0, new AuditChange("mail", null, Clip($"The mail's HTML is not shown, its text is: {refusal}. The HTML is attached as {MailHtml.AttachmentName}.", 400)));
        }

        return (html, files, notes);
    }

    private (List<NewAttachment> Files, List<AuditChange> Notes) Attach(IEnumerable<InboundAttachment> parts)
    {
        var files = new List<NewAttachment>();
        var notes = new List<AuditChange>();
        foreach (var attachment in parts)
        {
            var check = attachments.Check(attachment.FileName, attachment.Content.LongLength);
            if (check.IsAccepted)
            {
                // The sender's declared type is not believed: a .pdf declared text/html must not be served as a page.
                files.Add(new NewAttachment(check.FileName, AttachmentPolicy.ContentTypeFor(check.FileName), attachment.Content));
            }
            else
            {
                notes.Add(new AuditChange("attachment", null, Clip($"{attachment.FileName} ({Sizes.Describe(attachment.Content.LongLength)}) was not attached: {check.Reason} The original mail keeps it.", 400)));
            }
        }

        return (files, notes);
    }

    /// <summary>
    /// The counts the message takes with its ticket or reply: the sender's throttle (not for a held message an engineer
    /// releases) and the acknowledgement counts when it is answered.
    /// </summary>
    private MailAllowance Allowance(Arrival arrival, IReadOnlyList<AcknowledgementCounter> acknowledgements) => new()
    {
        Sender = arrival.Release is null ? SenderThrottle.For(arrival.Email.FromAddress, arrival.NowUtc, settings) : null,
        Acknowledgements = acknowledgements,
    };

    private static ReceivedMail Record(Arrival arrival, MailClassification classification, InboundStatus status, string? reason, int? ticketId) => new()
    {
        MessageKey = arrival.Key,
        MessageId = arrival.Email.MessageId,
        Source = arrival.Source,
        FromAddress = arrival.Email.FromAddress,
        FromName = Clip(arrival.Email.FromName, 200),
        Subject = Clip(arrival.Email.Subject, 400),
        ReceivedUtc = arrival.NowUtc,
        Status = status,
        Kind = classification.Kind,
        Reason = arrival.Reuse is null ? reason : reason is null ? arrival.Reuse : $"{reason} {arrival.Reuse}",
        TicketId = ticketId,
        Raw = arrival.Raw,
    };

    /// <summary>What staff should know about how the mail was read: a reused Message-ID, a sender read from a broken From.</summary>
    private static IEnumerable<string> Notices(Arrival arrival) =>
        (arrival.Reuse is null ? [] : new[] { arrival.Reuse }).Concat(arrival.Email.Repairs.Select(r => Clip(r, 400)));

    /// <summary>A sender read from a broken From is checked by a person: the mail may not be from whom it seems.</summary>
    private static string? Triage(string? reason, IReadOnlyList<string> repairs)
    {
        if (repairs.Count == 0)
        {
            return reason;
        }

        var repaired = $"The sender was read from a broken header: {string.Join(" ", repairs)}";
        return Clip(reason is null ? repaired : $"{reason} {repaired}", 400);
    }

    private static IntakeOutcome Duplicate(InboundMessageEntry seen) =>
        new(IntakeResult.Duplicate, seen.TicketId, seen.Id, $"Received before ({seen.ReceivedUtc:yyyy-MM-dd HH:mm} UTC, {seen.Status.ToString().ToLowerInvariant()}); nothing done again.");

    private static string Subject(string subject)
    {
        var clean = subject.ReplaceLineEndings(" ").Trim();
        return clean.Length == 0 ? "(no subject)" : Clip(clean, TicketRules.SubjectMaxLength);
    }

    private static string Body(string text)
    {
        var clean = text.Trim();
        if (clean.Length == 0)
        {
            return "(The message has no text.)";
        }

        const string cut = "\n\n[The rest of this message is in the original mail.]";
        return clean.Length <= TicketRules.BodyMaxLength ? clean : string.Concat(clean.AsSpan(0, TicketRules.BodyMaxLength - cut.Length), cut);
    }

    private static string Describe(MailKind kind) => kind switch
    {
        MailKind.AutoReply => "Auto-reply",
        MailKind.Bounce => "Bounce",
        MailKind.List => "List or bulk mail",
        MailKind.Loop => "Our own mail came back",
        _ => "Mail",
    };

    private static string Clip(string value, int length) => value.Length <= length ? value : string.Concat(value.AsSpan(0, length - 1), "…");

    /// <param name="Reuse">Set when the mail reuses an earlier, different message's Message-ID: the note saying so.</param>
    private sealed record Arrival(InboundEmail Email, byte[] Raw, string Key, string Source, DateTime NowUtc, InboundMessageEntry? Release, string? Reuse);

    private sealed record Identity(string Key, InboundMessageEntry? Seen, string? Reuse);

    private sealed record Requester(Person Person, int OrganisationId, string? TriageReason);
}

/// <summary>Finds the ticket tag <c>[HD-1234]</c> in a subject.</summary>
public static class SubjectTag
{
    public static int? Find(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var start = 0;
        while ((start = subject.IndexOf('[', start)) >= 0)
        {
            var end = subject.IndexOf(']', start);
            if (end < 0)
            {
                return null;
            }

            if (TicketNumber.TryParse(subject[(start + 1)..end], out var id) && subject[(start + 1)..end].Trim().StartsWith(TicketNumber.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }

            start = end;
        }

        return null;
    }
}

internal static class Sizes
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
