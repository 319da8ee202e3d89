-- Desk rules: when each waiting ticket entered the skill queue it waits in ("waiting since"), the engineers who gave
-- a ticket up (escalated it, handed it back, returned it to its queue), whom the router does not give it back to.
ALTER TABLE Tickets ADD COLUMN QueuedUtc TEXT NULL;

-- Tickets waiting before this migration: since the last move into the queue they wait in, else since filing.
UPDATE Tickets
SET QueuedUtc = COALESCE(
        (SELECT MAX(a.CreatedUtc) FROM TicketAudit a WHERE a.TicketId = Tickets.Id AND a.Field = 'queue' AND a.NewValue = Tickets.Queue),
        CreatedUtc)
WHERE Queue IS NOT NULL;

-- How: Escalated, HandedBack or Returned.
CREATE TABLE TicketGivenUp (
    TicketId   INTEGER NOT NULL REFERENCES Tickets (Id),
    EngineerId INTEGER NOT NULL REFERENCES Users (Id),
    How        TEXT    NOT NULL,
    CreatedUtc TEXT    NOT NULL,
    PRIMARY KEY (TicketId, EngineerId)
);
