-- Services offers: the versioned catalogue of offerings, offers sent on tickets and what accepting one records
-- (the acceptance, services revenue, an engagement), quote requests, and who may buy for an organisation.
CREATE TABLE dbo.Offerings (
    Id         INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Offerings PRIMARY KEY,
    Code       NVARCHAR(40)  NOT NULL,
    Kind       VARCHAR(16)   NOT NULL,
    Status     VARCHAR(16)   NOT NULL,
    CreatedUtc DATETIME2(3)  NOT NULL,
    Version    INT           NOT NULL CONSTRAINT DF_Offerings_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_Offerings_Code ON dbo.Offerings (Code);

-- Status: Draft (editable), Published (frozen; at most one per offering) or Superseded (frozen).
CREATE TABLE dbo.OfferingVersions (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_OfferingVersions PRIMARY KEY,
    OfferingId       INT            NOT NULL CONSTRAINT FK_OfferingVersions_Offerings REFERENCES dbo.Offerings (Id),
    Number           INT            NOT NULL,
    Status           VARCHAR(16)    NOT NULL,
    Name             NVARCHAR(200)  NOT NULL,
    Summary          NVARCHAR(2000) NOT NULL,
    PricingKind      VARCHAR(8)     NOT NULL,
    PriceCents       BIGINT         NULL,
    SmallCents       BIGINT         NULL,
    SmallDefinition  NVARCHAR(200)  NULL,
    MediumCents      BIGINT         NULL,
    MediumDefinition NVARCHAR(200)  NULL,
    LargeCents       BIGINT         NULL,
    LargeDefinition  NVARCHAR(200)  NULL,
    DeliveryDays     INT            NULL,
    Incidents        INT            NULL,
    PlanId           INT            NULL CONSTRAINT FK_OfferingVersions_Plans REFERENCES dbo.Plans (Id),
    TermsMarkdown    NVARCHAR(MAX)  NOT NULL,
    CreatedUtc       DATETIME2(3)   NOT NULL,
    PublishedUtc     DATETIME2(3)   NULL,
    PublishedById    INT            NULL CONSTRAINT FK_OfferingVersions_PublishedBy REFERENCES dbo.Users (Id),
    Version          INT            NOT NULL CONSTRAINT DF_OfferingVersions_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Number ON dbo.OfferingVersions (OfferingId, Number);
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Draft ON dbo.OfferingVersions (OfferingId) WHERE Status = 'Draft';
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Published ON dbo.OfferingVersions (OfferingId) WHERE Status = 'Published';

CREATE TABLE dbo.OfferingVersionCategories (
    VersionId INT         NOT NULL CONSTRAINT FK_OfferingVersionCategories_Versions REFERENCES dbo.OfferingVersions (Id),
    Category  VARCHAR(40) NOT NULL,
    CONSTRAINT PK_OfferingVersionCategories PRIMARY KEY (VersionId, Category)
);

CREATE TABLE dbo.OfferingVersionProducts (
    VersionId INT NOT NULL CONSTRAINT FK_OfferingVersionProducts_Versions REFERENCES dbo.OfferingVersions (Id),
    ProductId INT NOT NULL CONSTRAINT FK_OfferingVersionProducts_Products REFERENCES dbo.Products (Id),
    CONSTRAINT PK_OfferingVersionProducts PRIMARY KEY (VersionId, ProductId)
);

-- TermsHtml is exactly what the customer is shown; TermStartsOn/TermEndsOn are the quoted term of a plan offer.
CREATE TABLE dbo.Offers (
    Id                INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Offers PRIMARY KEY,
    TicketId          INT            NOT NULL CONSTRAINT FK_Offers_Tickets REFERENCES dbo.Tickets (Id),
    OrganisationId    INT            NOT NULL CONSTRAINT FK_Offers_Organisations REFERENCES dbo.Organisations (Id),
    Kind              VARCHAR(16)    NOT NULL,
    OfferingVersionId INT            NOT NULL CONSTRAINT FK_Offers_OfferingVersions REFERENCES dbo.OfferingVersions (Id),
    ProductId         INT            NULL CONSTRAINT FK_Offers_Products REFERENCES dbo.Products (Id),
    PlanId            INT            NULL CONSTRAINT FK_Offers_Plans REFERENCES dbo.Plans (Id),
    ContractId        INT            NULL CONSTRAINT FK_Offers_Contracts REFERENCES dbo.Contracts (Id),
    Size              VARCHAR(8)     NULL,
    Incidents         INT            NULL,
    TermStartsOn      DATE           NULL,
    TermEndsOn        DATE           NULL,
    PriceCents        BIGINT         NOT NULL,
    Currency          VARCHAR(3)     NOT NULL,
    Title             NVARCHAR(300)  NOT NULL,
    TermsMarkdown     NVARCHAR(MAX)  NOT NULL,
    TermsHtml         NVARCHAR(MAX)  NOT NULL,
    BlanksJson        NVARCHAR(MAX)  NOT NULL,
    Reason            NVARCHAR(1000) NULL,
    ExpiresUtc        DATETIME2(3)   NOT NULL,
    Status            VARCHAR(16)    NOT NULL,
    SentById          INT            NOT NULL CONSTRAINT FK_Offers_SentBy REFERENCES dbo.Users (Id),
    SentUtc           DATETIME2(3)   NOT NULL,
    DecidedById       INT            NULL CONSTRAINT FK_Offers_DecidedBy REFERENCES dbo.Users (Id),
    DecidedUtc        DATETIME2(3)   NULL,
    DeclineReason     NVARCHAR(1000) NULL,
    WithdrawReason    NVARCHAR(1000) NULL,
    Version           INT            NOT NULL CONSTRAINT DF_Offers_Version DEFAULT (1)
);
CREATE INDEX IX_Offers_Ticket ON dbo.Offers (TicketId, Id);
CREATE INDEX IX_Offers_Organisation ON dbo.Offers (OrganisationId, SentUtc);
CREATE INDEX IX_Offers_Status_Expires ON dbo.Offers (Status, ExpiresUtc);
CREATE INDEX IX_Offers_OfferingVersion ON dbo.Offers (OfferingVersionId);

-- Written once when an offer is accepted and never changed: the proof of who accepted which terms at which price.
CREATE TABLE dbo.OfferAcceptances (
    OfferId           INT            NOT NULL CONSTRAINT PK_OfferAcceptances PRIMARY KEY
                                     CONSTRAINT FK_OfferAcceptances_Offers REFERENCES dbo.Offers (Id),
    AcceptedById      INT            NOT NULL CONSTRAINT FK_OfferAcceptances_Users REFERENCES dbo.Users (Id),
    TypedName         NVARCHAR(200)  NOT NULL,
    AcceptedUtc       DATETIME2(3)   NOT NULL,
    ClientAddress     NVARCHAR(100)  NOT NULL,
    UserAgent         NVARCHAR(512)  NOT NULL,
    TermsSha256       CHAR(64)       NOT NULL,
    TermsHtml         NVARCHAR(MAX)  NOT NULL,
    PriceCents        BIGINT         NOT NULL,
    Currency          VARCHAR(3)     NOT NULL,
    OfferingVersionId INT            NOT NULL CONSTRAINT FK_OfferAcceptances_OfferingVersions REFERENCES dbo.OfferingVersions (Id)
);

-- Status: Open, Offered (an offer answered it) or Closed.
CREATE TABLE dbo.QuoteRequests (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_QuoteRequests PRIMARY KEY,
    TicketId       INT            NOT NULL CONSTRAINT FK_QuoteRequests_Tickets REFERENCES dbo.Tickets (Id),
    OrganisationId INT            NOT NULL CONSTRAINT FK_QuoteRequests_Organisations REFERENCES dbo.Organisations (Id),
    RequestedById  INT            NOT NULL CONSTRAINT FK_QuoteRequests_Users REFERENCES dbo.Users (Id),
    FromCustomer   BIT            NOT NULL,
    Note           NVARCHAR(2000) NOT NULL,
    Status         VARCHAR(16)    NOT NULL,
    OfferId        INT            NULL CONSTRAINT FK_QuoteRequests_Offers REFERENCES dbo.Offers (Id),
    CreatedUtc     DATETIME2(3)   NOT NULL,
    ClosedUtc      DATETIME2(3)   NULL,
    Version        INT            NOT NULL CONSTRAINT DF_QuoteRequests_Version DEFAULT (1)
);
CREATE INDEX IX_QuoteRequests_Status ON dbo.QuoteRequests (Status, CreatedUtc);
CREATE INDEX IX_QuoteRequests_Ticket ON dbo.QuoteRequests (TicketId);

-- Day: the UTC day of acceptance as ISO text (yyyy-MM-dd), the key the economics rollup groups by.
CREATE TABLE dbo.ServicesRevenue (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ServicesRevenue PRIMARY KEY,
    OfferId        INT          NOT NULL CONSTRAINT FK_ServicesRevenue_Offers REFERENCES dbo.Offers (Id),
    Day            CHAR(10)     NOT NULL,
    OrganisationId INT          NOT NULL CONSTRAINT FK_ServicesRevenue_Organisations REFERENCES dbo.Organisations (Id),
    ContractId     INT          NULL CONSTRAINT FK_ServicesRevenue_Contracts REFERENCES dbo.Contracts (Id),
    ProductId      INT          NULL CONSTRAINT FK_ServicesRevenue_Products REFERENCES dbo.Products (Id),
    Region         VARCHAR(16)  NOT NULL,
    AmountCents    BIGINT       NOT NULL,
    BookedUtc      DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_ServicesRevenue_Offer ON dbo.ServicesRevenue (OfferId);
CREATE INDEX IX_ServicesRevenue_Day ON dbo.ServicesRevenue (Day);

CREATE TABLE dbo.ServicesEngagements (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ServicesEngagements PRIMARY KEY,
    OfferId        INT          NOT NULL CONSTRAINT FK_ServicesEngagements_Offers REFERENCES dbo.Offers (Id),
    TicketId       INT          NOT NULL CONSTRAINT FK_ServicesEngagements_Tickets REFERENCES dbo.Tickets (Id),
    OrganisationId INT          NOT NULL CONSTRAINT FK_ServicesEngagements_Organisations REFERENCES dbo.Organisations (Id),
    AssigneeId     INT          NULL CONSTRAINT FK_ServicesEngagements_Users REFERENCES dbo.Users (Id),
    Status         VARCHAR(16)  NOT NULL,
    DueOn          DATE         NOT NULL,
    CreatedUtc     DATETIME2(3) NOT NULL,
    Version        INT          NOT NULL CONSTRAINT DF_ServicesEngagements_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_ServicesEngagements_Offer ON dbo.ServicesEngagements (OfferId);
CREATE INDEX IX_ServicesEngagements_Ticket ON dbo.ServicesEngagements (TicketId);
CREATE INDEX IX_ServicesEngagements_Assignee ON dbo.ServicesEngagements (AssigneeId, Status);

-- An engagement's labour, kept apart from the ticket's TimeEntries so that it never counts as support.
CREATE TABLE dbo.EngagementTimeEntries (
    Id           INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_EngagementTimeEntries PRIMARY KEY,
    EngagementId INT            NOT NULL CONSTRAINT FK_EngagementTimeEntries_Engagements REFERENCES dbo.ServicesEngagements (Id),
    EngineerId   INT            NOT NULL CONSTRAINT FK_EngagementTimeEntries_Users REFERENCES dbo.Users (Id),
    Minutes      INT            NOT NULL,
    WorkDate     CHAR(10)       NOT NULL,
    Note         NVARCHAR(1000) NOT NULL,
    CreatedUtc   DATETIME2(3)   NOT NULL
);
CREATE INDEX IX_EngagementTimeEntries_Engagement ON dbo.EngagementTimeEntries (EngagementId, Id);

-- Incidents bought in packs add to the plan's allowance for the contract's term.
ALTER TABLE dbo.Contracts ADD IncidentsBought INT NOT NULL CONSTRAINT DF_Contracts_IncidentsBought DEFAULT (0);
ALTER TABLE dbo.Users ADD CanBuyServices BIT NOT NULL CONSTRAINT DF_Users_CanBuyServices DEFAULT (0);
ALTER TABLE dbo.Organisations ADD AdminContactId INT NULL CONSTRAINT FK_Organisations_AdminContact REFERENCES dbo.Users (Id);
