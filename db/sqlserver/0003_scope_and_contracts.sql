-- The catalogue, the versioned Scope of Support, plans, holiday calendars and contracts, and each ticket's
-- entitlement verdict with its SLA due times.
CREATE TABLE dbo.Products (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Products PRIMARY KEY,
    Code        NVARCHAR(40)   NOT NULL,
    Name        NVARCHAR(100)  NOT NULL,
    Description NVARCHAR(2000) NOT NULL,
    CreatedUtc  DATETIME2(3)   NOT NULL,
    Version     INT            NOT NULL CONSTRAINT DF_Products_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_Products_Code ON dbo.Products (Code);
CREATE UNIQUE INDEX UX_Products_Name ON dbo.Products (Name);

CREATE TABLE dbo.ProductReleases (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ProductReleases PRIMARY KEY,
    ProductId      INT          NOT NULL CONSTRAINT FK_ProductReleases_Products REFERENCES dbo.Products (Id),
    Name           NVARCHAR(50) NOT NULL,
    ReleasedOn     DATE         NOT NULL,
    EndOfSupportOn DATE         NULL
);
CREATE UNIQUE INDEX UX_ProductReleases_Product_Name ON dbo.ProductReleases (ProductId, Name);

CREATE TABLE dbo.Environments (
    Id    INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Environments PRIMARY KEY,
    Code  NVARCHAR(40)  NOT NULL,
    Name  NVARCHAR(100) NOT NULL,
    Kind  VARCHAR(24)   NOT NULL
);
CREATE UNIQUE INDEX UX_Environments_Code ON dbo.Environments (Code);

CREATE TABLE dbo.ThirdPartyProducts (
    Id     INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ThirdPartyProducts PRIMARY KEY,
    Name   NVARCHAR(100) NOT NULL,
    Vendor NVARCHAR(100) NOT NULL
);
CREATE UNIQUE INDEX UX_ThirdPartyProducts_Name ON dbo.ThirdPartyProducts (Name);

CREATE TABLE dbo.ScopeVersions (
    Id                           INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ScopeVersions PRIMARY KEY,
    ProductId                    INT            NOT NULL CONSTRAINT FK_ScopeVersions_Products REFERENCES dbo.Products (Id),
    Number                       INT            NOT NULL,
    Status                       VARCHAR(16)    NOT NULL,
    EffectiveOn                  DATE           NOT NULL,
    PublishedUtc                 DATETIME2(3)   NULL,
    PublishedById                INT            NULL CONSTRAINT FK_ScopeVersions_PublishedBy REFERENCES dbo.Users (Id),
    Summary                      NVARCHAR(4000) NOT NULL,
    ChangeNote                   NVARCHAR(4000) NOT NULL,
    ReleasesBack                 INT            NULL,
    ModifiedSourceCovered        BIT            NOT NULL,
    ThirdPartyIntegrationCovered BIT            NOT NULL,
    CreatedUtc                   DATETIME2(3)   NOT NULL,
    UpdatedUtc                   DATETIME2(3)   NOT NULL,
    Version                      INT            NOT NULL CONSTRAINT DF_ScopeVersions_Version DEFAULT (1)
);
CREATE INDEX IX_ScopeVersions_Product_Number ON dbo.ScopeVersions (ProductId, Number);
-- Published numbers are unique per product; drafts are number 0, and a product has at most one.
CREATE UNIQUE INDEX UX_ScopeVersions_Product_Published ON dbo.ScopeVersions (ProductId, Number) WHERE Number > 0;
CREATE UNIQUE INDEX UX_ScopeVersions_Product_Draft ON dbo.ScopeVersions (ProductId) WHERE Number = 0;

CREATE TABLE dbo.ScopeEnvironments (
    ScopeVersionId  INT          NOT NULL CONSTRAINT FK_ScopeEnvironments_ScopeVersions REFERENCES dbo.ScopeVersions (Id),
    EnvironmentCode NVARCHAR(40) NOT NULL,
    CONSTRAINT PK_ScopeEnvironments PRIMARY KEY (ScopeVersionId, EnvironmentCode)
);

CREATE TABLE dbo.ScopeExclusions (
    ScopeVersionId INT            NOT NULL CONSTRAINT FK_ScopeExclusions_ScopeVersions REFERENCES dbo.ScopeVersions (Id),
    Category       VARCHAR(40)    NOT NULL,
    Position       INT            NOT NULL,
    Explanation    NVARCHAR(2000) NOT NULL,
    CONSTRAINT PK_ScopeExclusions PRIMARY KEY (ScopeVersionId, Category)
);

CREATE TABLE dbo.HolidayCalendars (
    Id      INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_HolidayCalendars PRIMARY KEY,
    Name    NVARCHAR(100) NOT NULL,
    Version INT           NOT NULL CONSTRAINT DF_HolidayCalendars_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_HolidayCalendars_Name ON dbo.HolidayCalendars (Name);

CREATE TABLE dbo.Holidays (
    CalendarId INT           NOT NULL CONSTRAINT FK_Holidays_HolidayCalendars REFERENCES dbo.HolidayCalendars (Id),
    Day        DATE          NOT NULL,
    Name       NVARCHAR(100) NOT NULL,
    CONSTRAINT PK_Holidays PRIMARY KEY (CalendarId, Day)
);

CREATE TABLE dbo.Plans (
    Id                INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Plans PRIMARY KEY,
    Code              NVARCHAR(40)   NOT NULL,
    Name              NVARCHAR(100)  NOT NULL,
    Description       NVARCHAR(2000) NOT NULL,
    ListPriceCents    BIGINT         NOT NULL,
    IncidentAllowance INT            NULL,
    Channels          VARCHAR(64)    NOT NULL,
    AroundTheClock    BIT            NOT NULL,
    TimeZone          VARCHAR(64)    NOT NULL,
    OpensMinute       INT            NOT NULL,
    ClosesMinute      INT            NOT NULL,
    Days              VARCHAR(64)    NOT NULL,
    HolidayCalendarId INT            NULL CONSTRAINT FK_Plans_HolidayCalendars REFERENCES dbo.HolidayCalendars (Id),
    Version           INT            NOT NULL CONSTRAINT DF_Plans_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_Plans_Code ON dbo.Plans (Code);

CREATE TABLE dbo.PlanSlaTargets (
    PlanId               INT NOT NULL CONSTRAINT FK_PlanSlaTargets_Plans REFERENCES dbo.Plans (Id),
    Severity             INT NOT NULL,
    FirstResponseMinutes INT NOT NULL,
    ResolveMinutes       INT NOT NULL,
    CONSTRAINT PK_PlanSlaTargets PRIMARY KEY (PlanId, Severity)
);

CREATE TABLE dbo.Contracts (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Contracts PRIMARY KEY,
    OrganisationId   INT          NOT NULL CONSTRAINT FK_Contracts_Organisations REFERENCES dbo.Organisations (Id),
    PlanId           INT          NOT NULL CONSTRAINT FK_Contracts_Plans REFERENCES dbo.Plans (Id),
    StartsOn         DATE         NOT NULL,
    EndsOn           DATE         NOT NULL,
    TimeZone         VARCHAR(64)  NOT NULL,
    ValueCents       BIGINT       NOT NULL,
    RenewsContractId INT          NULL CONSTRAINT FK_Contracts_Renews REFERENCES dbo.Contracts (Id),
    Status           VARCHAR(16)  NOT NULL,
    CreatedUtc       DATETIME2(3) NOT NULL,
    UpdatedUtc       DATETIME2(3) NOT NULL,
    Version          INT          NOT NULL CONSTRAINT DF_Contracts_Version DEFAULT (1)
);
CREATE INDEX IX_Contracts_Organisation ON dbo.Contracts (OrganisationId, StartsOn);
CREATE INDEX IX_Contracts_Renews ON dbo.Contracts (RenewsContractId);

CREATE TABLE dbo.ContractProducts (
    ContractId INT NOT NULL CONSTRAINT FK_ContractProducts_Contracts REFERENCES dbo.Contracts (Id),
    ProductId  INT NOT NULL CONSTRAINT FK_ContractProducts_Products REFERENCES dbo.Products (Id),
    CONSTRAINT PK_ContractProducts PRIMARY KEY (ContractId, ProductId)
);
CREATE INDEX IX_ContractProducts_Product ON dbo.ContractProducts (ProductId);

ALTER TABLE dbo.Tickets ADD
    ModifiedSource      BIT            NOT NULL CONSTRAINT DF_Tickets_ModifiedSource DEFAULT (0),
    Verdict             VARCHAR(24)    NULL,
    ContractId          INT            NULL CONSTRAINT FK_Tickets_Contracts REFERENCES dbo.Contracts (Id),
    ScopeVersionId      INT            NULL CONSTRAINT FK_Tickets_ScopeVersions REFERENCES dbo.ScopeVersions (Id),
    Entitlement         NVARCHAR(MAX)  NULL,
    FirstResponseDueUtc DATETIME2(3)   NULL,
    ResolveDueUtc       DATETIME2(3)   NULL,
    OverrideVerdict     VARCHAR(24)    NULL,
    OverrideReason      NVARCHAR(1000) NULL,
    OverriddenById      INT            NULL CONSTRAINT FK_Tickets_OverriddenBy REFERENCES dbo.Users (Id),
    OverriddenUtc       DATETIME2(3)   NULL;
GO
CREATE INDEX IX_Tickets_Contract_Verdict ON dbo.Tickets (ContractId, Verdict);
