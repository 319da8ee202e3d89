-- Tickets, their conversation, attachments, audit trail, time entries and satisfaction ratings.
CREATE TABLE Tickets (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    OrganisationId   INTEGER NOT NULL REFERENCES Organisations (Id),
    RequesterId      INTEGER NOT NULL REFERENCES Users (Id),
    Subject          TEXT    NOT NULL,
    Channel          TEXT    NOT NULL,
    Product          TEXT    NULL,
    ProductRelease   TEXT    NULL,
    Environment      TEXT    NULL,
    Category         TEXT    NULL,
    Severity         INTEGER NOT NULL,
    Status           TEXT    NOT NULL,
    AssigneeId       INTEGER NULL REFERENCES Users (Id),
    CreatedUtc       TEXT    NOT NULL,
    UpdatedUtc       TEXT    NOT NULL,
    FirstResponseUtc TEXT    NULL,
    ResolvedUtc      TEXT    NULL,
    ClosedUtc        TEXT    NULL,
    Resolutions      INTEGER NOT NULL DEFAULT 0,
    Version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Tickets_Organisation_Updated ON Tickets (OrganisationId, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Updated ON Tickets (Status, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Status ON Tickets (AssigneeId, Status, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Created ON Tickets (Status, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Severity ON Tickets (Status, Severity, Id);

CREATE TABLE TicketMessages (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    AuthorId    INTEGER NULL REFERENCES Users (Id),
    Kind        TEXT    NOT NULL,
    BodyText    TEXT    NOT NULL,
    BodyHtml    TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_TicketMessages_Ticket ON TicketMessages (TicketId, Id);

CREATE TABLE AttachmentBlobs (
    Sha256      TEXT    NOT NULL PRIMARY KEY,
    SizeBytes   INTEGER NOT NULL,
    Content     BLOB    NOT NULL,
    CreatedUtc  TEXT    NOT NULL
);

CREATE TABLE TicketAttachments (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    MessageId   INTEGER NOT NULL REFERENCES TicketMessages (Id),
    FileName    TEXT    NOT NULL,
    ContentType TEXT    NOT NULL,
    SizeBytes   INTEGER NOT NULL,
    Sha256      TEXT    NOT NULL REFERENCES AttachmentBlobs (Sha256),
    CreatedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_TicketAttachments_Ticket ON TicketAttachments (TicketId, Id);
CREATE INDEX IX_TicketAttachments_Message ON TicketAttachments (MessageId);

CREATE TABLE TicketAudit (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    ActorId     INTEGER NULL REFERENCES Users (Id),
    Field       TEXT    NOT NULL,
    OldValue    TEXT    NULL,
    NewValue    TEXT    NULL,
    CreatedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_TicketAudit_Ticket ON TicketAudit (TicketId, Id);

CREATE TABLE TimeEntries (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    EngineerId  INTEGER NOT NULL REFERENCES Users (Id),
    Minutes     INTEGER NOT NULL,
    WorkDate    TEXT    NOT NULL,
    Note        TEXT    NOT NULL,
    Billable    INTEGER NOT NULL,
    CreatedUtc  TEXT    NOT NULL
);
CREATE INDEX IX_TimeEntries_Ticket ON TimeEntries (TicketId, Id);
CREATE INDEX IX_TimeEntries_Engineer_Date ON TimeEntries (EngineerId, WorkDate);

CREATE TABLE TicketRatings (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId    INTEGER NOT NULL REFERENCES Tickets (Id),
    Resolution  INTEGER NOT NULL,
    RaterId     INTEGER NOT NULL REFERENCES Users (Id),
    Score       INTEGER NOT NULL,
    Comment     TEXT    NULL,
    CreatedUtc  TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_TicketRatings_Ticket_Resolution ON TicketRatings (TicketId, Resolution);

ALTER TABLE OutboxMessages ADD COLUMN TicketId INTEGER NULL REFERENCES Tickets (Id);
CREATE INDEX IX_OutboxMessages_Ticket ON OutboxMessages (TicketId);
