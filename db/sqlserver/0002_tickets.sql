-- Tickets, their conversation, attachments, audit trail, time entries and satisfaction ratings.
CREATE TABLE dbo.Tickets (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Tickets PRIMARY KEY,
    OrganisationId   INT           NOT NULL CONSTRAINT FK_Tickets_Organisations REFERENCES dbo.Organisations (Id),
    RequesterId      INT           NOT NULL CONSTRAINT FK_Tickets_Requester REFERENCES dbo.Users (Id),
    Subject          NVARCHAR(200) NOT NULL,
    Channel          VARCHAR(16)   NOT NULL,
    Product          NVARCHAR(100) NULL,
    ProductRelease   NVARCHAR(50)  NULL,
    Environment      NVARCHAR(100) NULL,
    Category         NVARCHAR(50)  NULL,
    Severity         INT           NOT NULL,
    Status           VARCHAR(24)   NOT NULL,
    AssigneeId       INT           NULL CONSTRAINT FK_Tickets_Assignee REFERENCES dbo.Users (Id),
    CreatedUtc       DATETIME2(3)  NOT NULL,
    UpdatedUtc       DATETIME2(3)  NOT NULL,
    FirstResponseUtc DATETIME2(3)  NULL,
    ResolvedUtc      DATETIME2(3)  NULL,
    ClosedUtc        DATETIME2(3)  NULL,
    Resolutions      INT           NOT NULL CONSTRAINT DF_Tickets_Resolutions DEFAULT (0),
    Version          INT           NOT NULL CONSTRAINT DF_Tickets_Version DEFAULT (1)
);
CREATE INDEX IX_Tickets_Organisation_Updated ON dbo.Tickets (OrganisationId, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Updated ON dbo.Tickets (Status, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Assignee_Status ON dbo.Tickets (AssigneeId, Status, UpdatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Created ON dbo.Tickets (Status, CreatedUtc, Id);
CREATE INDEX IX_Tickets_Status_Severity ON dbo.Tickets (Status, Severity, Id);

CREATE TABLE dbo.TicketMessages (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TicketMessages PRIMARY KEY,
    TicketId    INT           NOT NULL CONSTRAINT FK_TicketMessages_Tickets REFERENCES dbo.Tickets (Id),
    AuthorId    INT           NULL CONSTRAINT FK_TicketMessages_Users REFERENCES dbo.Users (Id),
    Kind        VARCHAR(16)   NOT NULL,
    BodyText    NVARCHAR(MAX) NOT NULL,
    BodyHtml    NVARCHAR(MAX) NOT NULL,
    CreatedUtc  DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TicketMessages_Ticket ON dbo.TicketMessages (TicketId, Id);

CREATE TABLE dbo.AttachmentBlobs (
    Sha256      CHAR(64)       NOT NULL CONSTRAINT PK_AttachmentBlobs PRIMARY KEY,
    SizeBytes   BIGINT         NOT NULL,
    Content     VARBINARY(MAX) NOT NULL,
    CreatedUtc  DATETIME2(3)   NOT NULL
);

CREATE TABLE dbo.TicketAttachments (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TicketAttachments PRIMARY KEY,
    TicketId    INT           NOT NULL CONSTRAINT FK_TicketAttachments_Tickets REFERENCES dbo.Tickets (Id),
    MessageId   INT           NOT NULL CONSTRAINT FK_TicketAttachments_Messages REFERENCES dbo.TicketMessages (Id),
    FileName    NVARCHAR(255) NOT NULL,
    ContentType VARCHAR(100)  NOT NULL,
    SizeBytes   BIGINT        NOT NULL,
    Sha256      CHAR(64)      NOT NULL CONSTRAINT FK_TicketAttachments_Blobs REFERENCES dbo.AttachmentBlobs (Sha256),
    CreatedUtc  DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TicketAttachments_Ticket ON dbo.TicketAttachments (TicketId, Id);
CREATE INDEX IX_TicketAttachments_Message ON dbo.TicketAttachments (MessageId);

CREATE TABLE dbo.TicketAudit (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TicketAudit PRIMARY KEY,
    TicketId    INT           NOT NULL CONSTRAINT FK_TicketAudit_Tickets REFERENCES dbo.Tickets (Id),
    ActorId     INT           NULL CONSTRAINT FK_TicketAudit_Users REFERENCES dbo.Users (Id),
    Field       VARCHAR(32)   NOT NULL,
    OldValue    NVARCHAR(400) NULL,
    NewValue    NVARCHAR(400) NULL,
    CreatedUtc  DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TicketAudit_Ticket ON dbo.TicketAudit (TicketId, Id);

CREATE TABLE dbo.TimeEntries (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TimeEntries PRIMARY KEY,
    TicketId    INT           NOT NULL CONSTRAINT FK_TimeEntries_Tickets REFERENCES dbo.Tickets (Id),
    EngineerId  INT           NOT NULL CONSTRAINT FK_TimeEntries_Users REFERENCES dbo.Users (Id),
    Minutes     INT           NOT NULL,
    WorkDate    CHAR(10)      NOT NULL,
    Note        NVARCHAR(1000) NOT NULL,
    Billable    BIT           NOT NULL,
    CreatedUtc  DATETIME2(3)  NOT NULL
);
CREATE INDEX IX_TimeEntries_Ticket ON dbo.TimeEntries (TicketId, Id);
CREATE INDEX IX_TimeEntries_Engineer_Date ON dbo.TimeEntries (EngineerId, WorkDate);

CREATE TABLE dbo.TicketRatings (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_TicketRatings PRIMARY KEY,
    TicketId    INT            NOT NULL CONSTRAINT FK_TicketRatings_Tickets REFERENCES dbo.Tickets (Id),
    Resolution  INT            NOT NULL,
    RaterId     INT            NOT NULL CONSTRAINT FK_TicketRatings_Users REFERENCES dbo.Users (Id),
    Score       INT            NOT NULL,
    Comment     NVARCHAR(2000) NULL,
    CreatedUtc  DATETIME2(3)   NOT NULL
);
CREATE UNIQUE INDEX UX_TicketRatings_Ticket_Resolution ON dbo.TicketRatings (TicketId, Resolution);

ALTER TABLE dbo.OutboxMessages ADD TicketId INT NULL CONSTRAINT FK_OutboxMessages_Tickets REFERENCES dbo.Tickets (Id);
CREATE INDEX IX_OutboxMessages_Ticket ON dbo.OutboxMessages (TicketId);
