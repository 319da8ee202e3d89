-- Desk rules: when each waiting ticket entered the skill queue it waits in ("waiting since"), the engineers who gave
-- a ticket up (escalated it, handed it back, returned it to its queue), whom the router does not give it back to.
ALTER TABLE dbo.Tickets ADD QueuedUtc DATETIME2(3) NULL;
GO
-- Tickets waiting before this migration: since the last move into the queue they wait in, else since filing.
UPDATE dbo.Tickets
SET QueuedUtc = COALESCE(
        (SELECT MAX(a.CreatedUtc) FROM dbo.TicketAudit a WHERE a.TicketId = dbo.Tickets.Id AND a.Field = 'queue' AND a.NewValue = dbo.Tickets.Queue),
        CreatedUtc)
WHERE Queue IS NOT NULL;

-- How: Escalated, HandedBack or Returned.
CREATE TABLE dbo.TicketGivenUp (
    TicketId   INT          NOT NULL CONSTRAINT FK_TicketGivenUp_Tickets REFERENCES dbo.Tickets (Id),
    EngineerId INT          NOT NULL CONSTRAINT FK_TicketGivenUp_Users REFERENCES dbo.Users (Id),
    How        VARCHAR(16)  NOT NULL,
    CreatedUtc DATETIME2(3) NOT NULL,
    CONSTRAINT PK_TicketGivenUp PRIMARY KEY (TicketId, EngineerId)
);

-- The key a sender gave a request that filed a ticket or added a message (a form's hidden field, the API's
-- Idempotency-Key header), one user's each: a repeat under it answers with what the first made. Written in the same
-- transaction as the ticket or message; the unique key makes two requests sent at once with one key make one row.
-- Fingerprint: a digest of what the request asked, to tell a repeat from a different request under the same key.
CREATE TABLE dbo.RequestKeys (
    UserId      INT           NOT NULL CONSTRAINT FK_RequestKeys_Users REFERENCES dbo.Users (Id),
    KeyValue    NVARCHAR(100) NOT NULL,
    Fingerprint VARCHAR(64)   NOT NULL,
    TicketId    INT           NOT NULL CONSTRAINT FK_RequestKeys_Tickets REFERENCES dbo.Tickets (Id),
    MessageId   INT           NULL CONSTRAINT FK_RequestKeys_TicketMessages REFERENCES dbo.TicketMessages (Id),
    CreatedUtc  DATETIME2(3)  NOT NULL,
    CONSTRAINT PK_RequestKeys PRIMARY KEY (UserId, KeyValue)
);
CREATE INDEX IX_RequestKeys_Created ON dbo.RequestKeys (CreatedUtc);
CREATE INDEX IX_RequestKeys_Ticket ON dbo.RequestKeys (TicketId);
CREATE INDEX IX_RequestKeys_Message ON dbo.RequestKeys (MessageId);
