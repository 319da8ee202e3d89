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
