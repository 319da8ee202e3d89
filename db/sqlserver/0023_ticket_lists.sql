-- Every ticket list is read in the order of an index, so a page costs the same at a hundred tickets and at a million.
-- A list is led by its most selective filter (the organisation, the assignee, a skill queue, triage or a status) and
-- followed by its sort: updated and created newest first, severity most severe first then newest, due as a skill
-- queue is pulled. Filters without an index of their own (product, severity, text) are checked while the index is read.
-- Severity sorts newest first within a level: the id runs backwards in those indexes.
DROP INDEX IX_Tickets_Status_Severity ON dbo.Tickets;
CREATE INDEX IX_Tickets_Status_Severity ON dbo.Tickets (Status, Severity, Id DESC);
CREATE INDEX IX_Tickets_Status_Due ON dbo.Tickets (Status, QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Updated ON dbo.Tickets (UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Created ON dbo.Tickets (CreatedUtc, Id);
CREATE INDEX IX_Tickets_Severity ON dbo.Tickets (Severity, Id DESC);
CREATE INDEX IX_Tickets_Due ON dbo.Tickets (QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Organisation_Created ON dbo.Tickets (OrganisationId, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Organisation_Severity ON dbo.Tickets (OrganisationId, Severity, Id DESC);
CREATE INDEX IX_Tickets_Organisation_Due ON dbo.Tickets (OrganisationId, QueueDueUtc, Severity, CreatedUtc, Id);

CREATE INDEX IX_Tickets_Assignee_Updated ON dbo.Tickets (AssigneeId, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Created ON dbo.Tickets (AssigneeId, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Severity ON dbo.Tickets (AssigneeId, Severity, Id DESC);
CREATE INDEX IX_Tickets_Assignee_Due ON dbo.Tickets (AssigneeId, QueueDueUtc, Severity, CreatedUtc, Id);

-- An engineer's open tickets (Mine) and the open tickets nobody has (Unassigned): closed ones are never read.
CREATE INDEX IX_Tickets_AssigneeOpen_Updated ON dbo.Tickets (AssigneeId, UpdatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Created ON dbo.Tickets (AssigneeId, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Severity ON dbo.Tickets (AssigneeId, Severity, Id DESC) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_AssigneeOpen_Due ON dbo.Tickets (AssigneeId, QueueDueUtc, Severity, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';

-- Only the tickets waiting in a skill queue, flagged for triage or needing classification are in these.
CREATE INDEX IX_Tickets_Queue_Updated ON dbo.Tickets (Queue, UpdatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Queue_Created ON dbo.Tickets (Queue, CreatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Queue_Severity ON dbo.Tickets (Queue, Severity, Id DESC) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Updated ON dbo.Tickets (UpdatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Created ON dbo.Tickets (CreatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Severity ON dbo.Tickets (Severity, Id DESC) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_Triage_Due ON dbo.Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE TriageReason IS NOT NULL;
CREATE INDEX IX_Tickets_NeedsClassification_Created ON dbo.Tickets (CreatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_NeedsClassification_Severity ON dbo.Tickets (Severity, Id DESC) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_NeedsClassification_Due ON dbo.Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_DuplicateOf_Created ON dbo.Tickets (DuplicateOfId, CreatedUtc, Id) WHERE DuplicateOfId IS NOT NULL;

-- Text search: one row per ticket with its subject, its requester's name and address, the replies everyone sees and
-- the internal notes only staff search, kept in step by the triggers below in the transaction of each write. The
-- full-text catalog and index over it cannot be made inside a transaction, which every migration runs in: the
-- migration runner makes them after the scripts (SqlServerFullText).
CREATE TABLE dbo.TicketSearch (
    TicketId  INT           NOT NULL CONSTRAINT PK_TicketSearch PRIMARY KEY,
    Subject   NVARCHAR(200) NOT NULL,
    Requester NVARCHAR(460) NOT NULL,
    Replies   NVARCHAR(MAX) NOT NULL,
    Notes     NVARCHAR(MAX) NOT NULL
);
GO
CREATE TRIGGER dbo.TR_Tickets_Search_Insert ON dbo.Tickets AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.TicketSearch (TicketId, Subject, Requester, Replies, Notes)
    SELECT i.Id, i.Subject, COALESCE(u.DisplayName + N' ' + u.Email, N''), N'', N''
    FROM inserted AS i LEFT JOIN dbo.Users AS u ON u.Id = i.RequesterId;
END;
GO
CREATE TRIGGER dbo.TR_Tickets_Search_Update ON dbo.Tickets AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Subject) OR UPDATE(RequesterId)) RETURN;
    UPDATE s
    SET Subject = i.Subject, Requester = COALESCE(u.DisplayName + N' ' + u.Email, N'')
    FROM dbo.TicketSearch AS s
    JOIN inserted AS i ON i.Id = s.TicketId
    JOIN deleted AS d ON d.Id = i.Id
    LEFT JOIN dbo.Users AS u ON u.Id = i.RequesterId
    WHERE i.Subject <> d.Subject OR i.RequesterId <> d.RequesterId;
END;
GO
CREATE TRIGGER dbo.TR_TicketMessages_Search ON dbo.TicketMessages AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    UPDATE s
    SET Replies = s.Replies + COALESCE(m.Replies, N''), Notes = s.Notes + COALESCE(m.Notes, N'')
    FROM dbo.TicketSearch AS s
    JOIN (
        SELECT i.TicketId,
               STRING_AGG(CASE WHEN i.Kind = 'Reply' THEN NCHAR(10) + CAST(i.BodyText AS NVARCHAR(MAX)) END, N'') AS Replies,
               STRING_AGG(CASE WHEN i.Kind <> 'Reply' THEN NCHAR(10) + CAST(i.BodyText AS NVARCHAR(MAX)) END, N'') AS Notes
        FROM inserted AS i
        GROUP BY i.TicketId
    ) AS m ON m.TicketId = s.TicketId;
END;
GO
INSERT INTO dbo.TicketSearch (TicketId, Subject, Requester, Replies, Notes)
SELECT t.Id, t.Subject, COALESCE(u.DisplayName + N' ' + u.Email, N''),
       COALESCE((SELECT STRING_AGG(CAST(m.BodyText AS NVARCHAR(MAX)), NCHAR(10)) FROM dbo.TicketMessages AS m WHERE m.TicketId = t.Id AND m.Kind = 'Reply'), N''),
       COALESCE((SELECT STRING_AGG(CAST(m.BodyText AS NVARCHAR(MAX)), NCHAR(10)) FROM dbo.TicketMessages AS m WHERE m.TicketId = t.Id AND m.Kind <> 'Reply'), N'')
FROM dbo.Tickets AS t LEFT JOIN dbo.Users AS u ON u.Id = t.RequesterId;
