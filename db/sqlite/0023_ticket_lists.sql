-- Every ticket list is read in the order of an index, so a page costs the same at a hundred tickets and at a million.
-- A list is led by its most selective filter (the organisation, the assignee, a skill queue, triage or a status) and
-- followed by its sort: updated and created newest first, severity most severe first then newest, due as a skill
-- queue is pulled. Filters without an index of their own (product, severity, text) are checked while the index is read.
-- Severity sorts newest first within a level: the id runs backwards in those indexes.
DROP INDEX IX_Tickets_Status_Severity;
CREATE INDEX IX_Tickets_Status_Severity ON Tickets (Status, Severity, Id DESC);
CREATE INDEX IX_Tickets_Status_Due ON Tickets (Status, QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Updated ON Tickets (UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Created ON Tickets (CreatedUtc, Id);
CREATE INDEX IX_Tickets_Severity ON Tickets (Severity, Id DESC);
CREATE INDEX IX_Tickets_Due ON Tickets (QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Organisation_Created ON Tickets (OrganisationId, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Organisation_Severity ON Tickets (OrganisationId, Severity, Id DESC);
CREATE INDEX IX_Tickets_Organisation_Due ON Tickets (OrganisationId, QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Assignee_Updated ON Tickets (AssigneeId, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Created ON Tickets (AssigneeId, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Severity ON Tickets (AssigneeId, Severity, Id DESC);
CREATE INDEX IX_Tickets_Assignee_Due ON Tickets (AssigneeId, QueueDueUtc, Severity, CreatedUtc, Id);

-- An engineer's open tickets (Mine) and the open tickets nobody has (Unassigned): closed ones are never read.
CREATE INDEX IX_Tickets_AssigneeOpen_Updated ON Tickets (AssigneeId, UpdatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Created ON Tickets (AssigneeId, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Severity ON Tickets (AssigneeId, Severity, Id DESC) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Due ON Tickets (AssigneeId, QueueDueUtc, Severity, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';

-- Only the tickets waiting in a skill queue, flagged for triage or needing classification are in these.
CREATE INDEX IX_Tickets_Queue_Updated ON Tickets (Queue, UpdatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Queue_Created ON Tickets (Queue, CreatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Queue_Severity ON Tickets (Queue, Severity, Id DESC) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Updated ON Tickets (UpdatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Created ON Tickets (CreatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Severity ON Tickets (Severity, Id DESC) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Due ON Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_NeedsClassification_Created ON Tickets (CreatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_NeedsClassification_Severity ON Tickets (Severity, Id DESC) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_NeedsClassification_Due ON Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_DuplicateOf_Created ON Tickets (DuplicateOfId, CreatedUtc, Id) WHERE DuplicateOfId IS NOT NULL;

-- Text search: one document per ticket (rowid = the ticket's id) with its subject, its requester's name and address,
-- the replies everyone sees and the internal notes only staff search. Kept in step by the triggers below, in the
-- transaction of each write. detail=column keeps which column a word is in (customers search without the notes)
-- but not where in it, which word-prefix search does not need.
CREATE VIRTUAL TABLE TicketSearch USING fts5(
    TicketId UNINDEXED, Subject, Requester, Replies, Notes,
    detail = column, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER TR_Tickets_Search_Insert AFTER INSERT ON Tickets
BEGIN
    INSERT INTO TicketSearch (rowid, TicketId, Subject, Requester, Replies, Notes)
    VALUES (NEW.Id, NEW.Id, NEW.Subject,
            COALESCE((SELECT u.DisplayName || ' ' || u.Email FROM Users u WHERE u.Id = NEW.RequesterId), ''), '', '');
END;

CREATE TRIGGER TR_Tickets_Search_Update AFTER UPDATE OF Subject, RequesterId ON Tickets
WHEN NEW.Subject IS NOT OLD.Subject OR NEW.RequesterId IS NOT OLD.RequesterId
BEGIN
    UPDATE TicketSearch
    SET Subject = NEW.Subject,
        Requester = COALESCE((SELECT u.DisplayName || ' ' || u.Email FROM Users u WHERE u.Id = NEW.RequesterId), '')
    WHERE rowid = NEW.Id;
END;

CREATE TRIGGER TR_TicketMessages_Search_Reply AFTER INSERT ON TicketMessages
WHEN NEW.Kind = 'Reply'
BEGIN
    UPDATE TicketSearch SET Replies = Replies || char(10) || NEW.BodyText WHERE rowid = NEW.TicketId;
END;

CREATE TRIGGER TR_TicketMessages_Search_Note AFTER INSERT ON TicketMessages
WHEN NEW.Kind <> 'Reply'
BEGIN
    UPDATE TicketSearch SET Notes = Notes || char(10) || NEW.BodyText WHERE rowid = NEW.TicketId;
END;

INSERT INTO TicketSearch (rowid, TicketId, Subject, Requester, Replies, Notes)
SELECT t.Id, t.Id, t.Subject,
       COALESCE((SELECT u.DisplayName || ' ' || u.Email FROM Users u WHERE u.Id = t.RequesterId), ''),
       COALESCE((SELECT group_concat(m.BodyText, char(10)) FROM TicketMessages m WHERE m.TicketId = t.Id AND m.Kind = 'Reply'), ''),
       COALESCE((SELECT group_concat(m.BodyText, char(10)) FROM TicketMessages m WHERE m.TicketId = t.Id AND m.Kind <> 'Reply'), '')
FROM Tickets t;
