-- Email in and out: IMAP mailboxes and their polls, every message received (with its raw bytes, for idempotency,
-- the held list and the quarantine), the Message-IDs that thread mail onto tickets, the allow-list of robot
-- senders, triage on tickets, and the outbox's state, Message-ID and claim.
CREATE TABLE dbo.Mailboxes (
    Id                  INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Mailboxes PRIMARY KEY,
    Name                NVARCHAR(100) NOT NULL,
    Host                NVARCHAR(255) NOT NULL,
    Port                INT           NOT NULL,
    TlsMode             VARCHAR(16)   NOT NULL,
    UserName            NVARCHAR(320) NOT NULL,
    ProtectedPassword   NVARCHAR(MAX) NOT NULL,
    Folder              NVARCHAR(200) NOT NULL,
    ProcessedFolder     NVARCHAR(200) NOT NULL,
    FailedFolder        NVARCHAR(200) NOT NULL,
    Enabled             BIT           NOT NULL,
    UidValidity         BIGINT        NULL,
    LastUid             BIGINT        NOT NULL CONSTRAINT DF_Mailboxes_LastUid DEFAULT (0),
    ConsecutiveFailures INT           NOT NULL CONSTRAINT DF_Mailboxes_ConsecutiveFailures DEFAULT (0),
    LastPollUtc         DATETIME2(3)  NULL,
    LastSuccessUtc      DATETIME2(3)  NULL,
    LastError           NVARCHAR(MAX) NULL,
    CreatedUtc          DATETIME2(3)  NOT NULL,
    Version             INT           NOT NULL CONSTRAINT DF_Mailboxes_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_Mailboxes_Name ON dbo.Mailboxes (Name);

CREATE TABLE dbo.MailboxPolls (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_MailboxPolls PRIMARY KEY,
    MailboxId   INT           NOT NULL CONSTRAINT FK_MailboxPolls_Mailboxes REFERENCES dbo.Mailboxes (Id),
    StartedUtc  DATETIME2(3)  NOT NULL,
    FinishedUtc DATETIME2(3)  NULL,
    Fetched     INT           NOT NULL CONSTRAINT DF_MailboxPolls_Fetched DEFAULT (0),
    Tickets     INT           NOT NULL CONSTRAINT DF_MailboxPolls_Tickets DEFAULT (0),
    Replies     INT           NOT NULL CONSTRAINT DF_MailboxPolls_Replies DEFAULT (0),
    Held        INT           NOT NULL CONSTRAINT DF_MailboxPolls_Held DEFAULT (0),
    Bounces     INT           NOT NULL CONSTRAINT DF_MailboxPolls_Bounces DEFAULT (0),
    Quarantined INT           NOT NULL CONSTRAINT DF_MailboxPolls_Quarantined DEFAULT (0),
    Duplicates  INT           NOT NULL CONSTRAINT DF_MailboxPolls_Duplicates DEFAULT (0),
    Error       NVARCHAR(MAX) NULL
);
CREATE INDEX IX_MailboxPolls_Mailbox ON dbo.MailboxPolls (MailboxId, Id);

-- MessageKey: "mid:" and the Message-ID, or "sha256:" and the hash of the raw bytes when the message has none.
-- Its unique index is what makes intake idempotent: the row is written in the same transaction as the ticket.
CREATE TABLE dbo.InboundMessages (
    Id              INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_InboundMessages PRIMARY KEY,
    MessageKey      NVARCHAR(450)  NOT NULL,
    MessageId       NVARCHAR(1000) NULL,
    Source          NVARCHAR(100)  NOT NULL,
    FromAddress     NVARCHAR(320)  NOT NULL,
    FromName        NVARCHAR(200)  NOT NULL,
    Subject         NVARCHAR(400)  NOT NULL,
    ReceivedUtc     DATETIME2(3)   NOT NULL,
    Status          VARCHAR(16)    NOT NULL,
    Kind            VARCHAR(16)    NOT NULL,
    Reason          NVARCHAR(MAX)  NULL,
    TicketId        INT            NULL CONSTRAINT FK_InboundMessages_Tickets REFERENCES dbo.Tickets (Id),
    TicketMessageId INT            NULL CONSTRAINT FK_InboundMessages_TicketMessages REFERENCES dbo.TicketMessages (Id),
    SizeBytes       INT            NOT NULL,
    Raw             VARBINARY(MAX) NOT NULL,
    ResolvedById    INT            NULL CONSTRAINT FK_InboundMessages_Users REFERENCES dbo.Users (Id),
    ResolvedUtc     DATETIME2(3)   NULL
);
CREATE UNIQUE INDEX UX_InboundMessages_Key ON dbo.InboundMessages (MessageKey);
CREATE INDEX IX_InboundMessages_Status ON dbo.InboundMessages (Status, Id);
CREATE INDEX IX_InboundMessages_From ON dbo.InboundMessages (FromAddress, ReceivedUtc);
CREATE INDEX IX_InboundMessages_Ticket ON dbo.InboundMessages (TicketId);
CREATE INDEX IX_InboundMessages_TicketMessage ON dbo.InboundMessages (TicketMessageId);

-- Every Message-ID we sent or received about a ticket: replies thread by In-Reply-To and References against it.
CREATE TABLE dbo.TicketMailIds (
    MessageId   NVARCHAR(450) NOT NULL CONSTRAINT PK_TicketMailIds PRIMARY KEY,
    TicketId    INT           NOT NULL CONSTRAINT FK_TicketMailIds_Tickets REFERENCES dbo.Tickets (Id),
    Direction   VARCHAR(8)    NOT NULL,
    CreatedUtc  DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TicketMailIds_Ticket ON dbo.TicketMailIds (TicketId, CreatedUtc);

-- Address: a whole address, or "@domain" for every sender of a domain.
CREATE TABLE dbo.MailAllowList (
    Address     NVARCHAR(320) NOT NULL CONSTRAINT PK_MailAllowList PRIMARY KEY,
    Note        NVARCHAR(200) NOT NULL,
    CreatedById INT           NULL CONSTRAINT FK_MailAllowList_Users REFERENCES dbo.Users (Id),
    CreatedUtc  DATETIME2(3)  NOT NULL
);

ALTER TABLE dbo.Tickets ADD TriageReason NVARCHAR(400) NULL;

-- Status: Pending, Sending (claimed until ClaimedUntilUtc), Sent or Failed.
ALTER TABLE dbo.OutboxMessages ADD
    Status          VARCHAR(16)   NOT NULL CONSTRAINT DF_OutboxMessages_Status DEFAULT ('Pending'),
    MessageId       NVARCHAR(450) NULL,
    ClaimedUntilUtc DATETIME2(3)  NULL,
    FailedUtc       DATETIME2(3)  NULL;
GO
UPDATE dbo.OutboxMessages SET Status = 'Sent' WHERE SentUtc IS NOT NULL;
CREATE INDEX IX_OutboxMessages_Due ON dbo.OutboxMessages (Status, NextAttemptUtc, Id);
CREATE UNIQUE INDEX UX_OutboxMessages_MessageId ON dbo.OutboxMessages (MessageId) WHERE MessageId IS NOT NULL;
