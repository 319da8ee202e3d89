-- Fewer indexes on Tickets, each of which every filing and every ticket update writes (see the SQLite script for the
-- lists each remaining index serves).
DROP INDEX IX_Tickets_Status_Created ON dbo.Tickets;
DROP INDEX IX_Tickets_Status_Severity ON dbo.Tickets;
DROP INDEX IX_Tickets_Status_Due ON dbo.Tickets;
CREATE INDEX IX_Tickets_Open_Created ON dbo.Tickets (CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_Open_Severity ON dbo.Tickets (Severity, Id DESC) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_Open_Due ON dbo.Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';

DROP INDEX IX_Tickets_Assignee_Updated ON dbo.Tickets;
DROP INDEX IX_Tickets_AssigneeOpen_Updated ON dbo.Tickets;

DROP INDEX IX_Tickets_DuplicateOf ON dbo.Tickets;
