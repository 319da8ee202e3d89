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

-- The key a sender gave a request that filed a ticket or added a message (a form's hidden field, the API's
-- Idempotency-Key header), one user's each: a repeat under it answers with what the first made. Written in the same
-- transaction as the ticket or message; the unique key makes two requests sent at once with one key make one row.
-- Fingerprint: a digest of what the request asked, to tell a repeat from a different request under the same key.
CREATE TABLE RequestKeys (
    UserId      INTEGER NOT NULL REFERENCES Users (Id),
    KeyValue    TEXT    NOT NULL,
    Fingerprint TEXT    NOT NULL,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    MessageId   INTEGER NULL REFERENCES TicketMessages (Id),
    CreatedUtc  TEXT    NOT NULL,
    PRIMARY KEY (UserId, KeyValue)
);
CREATE INDEX IX_RequestKeys_Created ON RequestKeys (CreatedUtc);
CREATE INDEX IX_RequestKeys_Ticket ON RequestKeys (TicketId);
CREATE INDEX IX_RequestKeys_Message ON RequestKeys (MessageId);
