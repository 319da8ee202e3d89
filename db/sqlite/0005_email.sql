-- Email in and out: IMAP mailboxes and their polls, every message received (with its raw bytes, for idempotency,
-- the held list and the quarantine), the Message-IDs that thread mail onto tickets, the allow-list of robot
-- senders, triage on tickets, and the outbox's state, Message-ID and claim.
CREATE TABLE Mailboxes (
    Id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    Name                TEXT    NOT NULL,
    Host                TEXT    NOT NULL,
    Port                INTEGER NOT NULL,
    TlsMode             TEXT    NOT NULL,
    UserName            TEXT    NOT NULL,
    ProtectedPassword   TEXT    NOT NULL,
    Folder              TEXT    NOT NULL,
    ProcessedFolder     TEXT    NOT NULL,
    FailedFolder        TEXT    NOT NULL,
    Enabled             INTEGER NOT NULL,
    UidValidity         INTEGER NULL,
    LastUid             INTEGER NOT NULL DEFAULT 0,
    ConsecutiveFailures INTEGER NOT NULL DEFAULT 0,
    LastPollUtc         TEXT    NULL,
    LastSuccessUtc      TEXT    NULL,
    LastError           TEXT    NULL,
    CreatedUtc          TEXT    NOT NULL,
    Version             INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Mailboxes_Name ON Mailboxes (Name);

CREATE TABLE MailboxPolls (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    MailboxId   INTEGER NOT NULL REFERENCES Mailboxes (Id),
    StartedUtc  TEXT    NOT NULL,
    FinishedUtc TEXT    NULL,
    Fetched     INTEGER NOT NULL DEFAULT 0,
    Tickets     INTEGER NOT NULL DEFAULT 0,
    Replies     INTEGER NOT NULL DEFAULT 0,
    Held        INTEGER NOT NULL DEFAULT 0,
    Bounces     INTEGER NOT NULL DEFAULT 0,
    Quarantined INTEGER NOT NULL DEFAULT 0,
    Duplicates  INTEGER NOT NULL DEFAULT 0,
    Error       TEXT    NULL
);
CREATE INDEX IX_MailboxPolls_Mailbox ON MailboxPolls (MailboxId, Id);

-- MessageKey: "mid:" and the Message-ID, or "sha256:" and the hash of the raw bytes when the message has none.
-- Its unique index is what makes intake idempotent: the row is written in the same transaction as the ticket.
CREATE TABLE InboundMessages (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    MessageKey     TEXT    NOT NULL,
    MessageId      TEXT    NULL,
    Source         TEXT    NOT NULL,
    FromAddress    TEXT    NOT NULL,
    FromName       TEXT    NOT NULL,
    Subject        TEXT    NOT NULL,
    ReceivedUtc    TEXT    NOT NULL,
    Status         TEXT    NOT NULL,
    Kind           TEXT    NOT NULL,
    Reason         TEXT    NULL,
    TicketId       INTEGER NULL REFERENCES Tickets (Id),
    TicketMessageId INTEGER NULL REFERENCES TicketMessages (Id),
    SizeBytes      INTEGER NOT NULL,
    Raw            BLOB    NOT NULL,
    ResolvedById   INTEGER NULL REFERENCES Users (Id),
    ResolvedUtc    TEXT    NULL
);
CREATE UNIQUE INDEX UX_InboundMessages_Key ON InboundMessages (MessageKey);
CREATE INDEX IX_InboundMessages_Status ON InboundMessages (Status, Id);
CREATE INDEX IX_InboundMessages_From ON InboundMessages (FromAddress, ReceivedUtc);
CREATE INDEX IX_InboundMessages_Ticket ON InboundMessages (TicketId);
CREATE INDEX IX_InboundMessages_TicketMessage ON InboundMessages (TicketMessageId);

-- Every Message-ID we sent or received about a ticket: replies thread by In-Reply-To and References against it.
CREATE TABLE TicketMailIds (
    MessageId   TEXT    NOT NULL PRIMARY KEY,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    Direction   TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_TicketMailIds_Ticket ON TicketMailIds (TicketId, CreatedUtc);

-- Address: a whole address, or "@domain" for every sender of a domain.
CREATE TABLE MailAllowList (
    Address     TEXT    NOT NULL PRIMARY KEY,
    Note        TEXT    NOT NULL,
    CreatedById INTEGER NULL REFERENCES Users (Id),
    CreatedUtc  TEXT    NOT NULL
);

ALTER TABLE Tickets ADD COLUMN TriageReason TEXT NULL;

-- Status: Pending, Sending (claimed until ClaimedUntilUtc), Sent or Failed.
ALTER TABLE OutboxMessages ADD COLUMN Status TEXT NOT NULL DEFAULT 'Pending';
ALTER TABLE OutboxMessages ADD COLUMN MessageId TEXT NULL;
ALTER TABLE OutboxMessages ADD COLUMN ClaimedUntilUtc TEXT NULL;
ALTER TABLE OutboxMessages ADD COLUMN FailedUtc TEXT NULL;
UPDATE OutboxMessages SET Status = 'Sent' WHERE SentUtc IS NOT NULL;
CREATE INDEX IX_OutboxMessages_Due ON OutboxMessages (Status, NextAttemptUtc, Id);
CREATE UNIQUE INDEX UX_OutboxMessages_MessageId ON OutboxMessages (MessageId) WHERE MessageId IS NOT NULL;
