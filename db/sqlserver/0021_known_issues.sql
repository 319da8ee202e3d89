-- Known issues (defects, known limitations, feature requests), the tickets linked to them and the fix notices sent.
-- Kind: Defect, KnownLimitation or FeatureRequest. Status: Open, FixPlanned, Fixed or WontFix; StatusRelease names the
-- release of a planned or shipped fix.
CREATE TABLE dbo.KnownIssues (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_KnownIssues PRIMARY KEY,
    Title            NVARCHAR(200)  NOT NULL,
    ProductId        INT            NOT NULL CONSTRAINT FK_KnownIssues_Products REFERENCES dbo.Products (Id),
    AffectedReleases NVARCHAR(200)  NOT NULL,
    Kind             VARCHAR(20)    NOT NULL,
    Status           VARCHAR(16)    NOT NULL,
    StatusRelease    NVARCHAR(40)   NULL,
    PublicNote       NVARCHAR(4000) NOT NULL,
    CreatedUtc       DATETIME2(3)   NOT NULL,
    UpdatedUtc       DATETIME2(3)   NOT NULL,
    Version          INT            NOT NULL CONSTRAINT DF_KnownIssues_Version DEFAULT (1)
);
CREATE INDEX IX_KnownIssues_Product_Status ON dbo.KnownIssues (ProductId, Status);

-- A ticket links to at most one known issue: the ticket is the key.
CREATE TABLE dbo.KnownIssueTickets (
    TicketId     INT          NOT NULL CONSTRAINT PK_KnownIssueTickets PRIMARY KEY
                              CONSTRAINT FK_KnownIssueTickets_Tickets REFERENCES dbo.Tickets (Id),
    KnownIssueId INT          NOT NULL CONSTRAINT FK_KnownIssueTickets_KnownIssues REFERENCES dbo.KnownIssues (Id),
    LinkedById   INT          NULL CONSTRAINT FK_KnownIssueTickets_Users REFERENCES dbo.Users (Id),
    LinkedUtc    DATETIME2(3) NOT NULL,
    Version      INT          NOT NULL CONSTRAINT DF_KnownIssueTickets_Version DEFAULT (1)
);
CREATE INDEX IX_KnownIssueTickets_KnownIssue ON dbo.KnownIssueTickets (KnownIssueId, TicketId);

-- One row per ticket told of the issue's fix: the key lets one notice through per ticket.
CREATE TABLE dbo.KnownIssueNotices (
    KnownIssueId INT          NOT NULL CONSTRAINT FK_KnownIssueNotices_KnownIssues REFERENCES dbo.KnownIssues (Id),
    TicketId     INT          NOT NULL CONSTRAINT FK_KnownIssueNotices_Tickets REFERENCES dbo.Tickets (Id),
    NotifiedUtc  DATETIME2(3) NOT NULL,
    CONSTRAINT PK_KnownIssueNotices PRIMARY KEY (KnownIssueId, TicketId)
);
