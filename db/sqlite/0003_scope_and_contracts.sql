-- The catalogue, the versioned Scope of Support, plans, holiday calendars and contracts, and each ticket's
-- entitlement verdict with its SLA due times.
CREATE TABLE Products (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    Code        TEXT    NOT NULL,
    Name        TEXT    NOT NULL,
    Description TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    Version     INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Products_Code ON Products (Code);
CREATE UNIQUE INDEX UX_Products_Name ON Products (Name);

CREATE TABLE ProductReleases (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ProductId      INTEGER NOT NULL REFERENCES Products (Id),
    Name           TEXT    NOT NULL,
    ReleasedOn     TEXT    NOT NULL,
    EndOfSupportOn TEXT    NULL
);
CREATE UNIQUE INDEX UX_ProductReleases_Product_Name ON ProductReleases (ProductId, Name);

CREATE TABLE Environments (
    Id    INTEGER PRIMARY KEY AUTOINCREMENT,
    Code  TEXT    NOT NULL,
    Name  TEXT    NOT NULL,
    Kind  TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_Environments_Code ON Environments (Code);

CREATE TABLE ThirdPartyProducts (
    Id     INTEGER PRIMARY KEY AUTOINCREMENT,
    Name   TEXT    NOT NULL,
    Vendor TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_ThirdPartyProducts_Name ON ThirdPartyProducts (Name);

CREATE TABLE ScopeVersions (
    Id                           INTEGER PRIMARY KEY AUTOINCREMENT,
    ProductId                    INTEGER NOT NULL REFERENCES Products (Id),
    Number                       INTEGER NOT NULL,
    Status                       TEXT    NOT NULL,
    EffectiveOn                  TEXT    NOT NULL,
    PublishedUtc                 TEXT    NULL,
    PublishedById                INTEGER NULL REFERENCES Users (Id),
    Summary                      TEXT    NOT NULL,
    ChangeNote                   TEXT    NOT NULL,
    ReleasesBack                 INTEGER NULL,
    ModifiedSourceCovered        INTEGER NOT NULL,
    ThirdPartyIntegrationCovered INTEGER NOT NULL,
    CreatedUtc                   TEXT    NOT NULL,
    UpdatedUtc                   TEXT    NOT NULL,
    Version                      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_ScopeVersions_Product_Number ON ScopeVersions (ProductId, Number);
-- Published numbers are unique per product; drafts are number 0, and a product has at most one.
CREATE UNIQUE INDEX UX_ScopeVersions_Product_Published ON ScopeVersions (ProductId, Number) WHERE Number > 0;
CREATE UNIQUE INDEX UX_ScopeVersions_Product_Draft ON ScopeVersions (ProductId) WHERE Number = 0;

CREATE TABLE ScopeEnvironments (
    ScopeVersionId  INTEGER NOT NULL REFERENCES ScopeVersions (Id),
    EnvironmentCode TEXT    NOT NULL,
    PRIMARY KEY (ScopeVersionId, EnvironmentCode)
);

CREATE TABLE ScopeExclusions (
    ScopeVersionId INTEGER NOT NULL REFERENCES ScopeVersions (Id),
    Category       TEXT    NOT NULL,
    Position       INTEGER NOT NULL,
    Explanation    TEXT    NOT NULL,
    PRIMARY KEY (ScopeVersionId, Category)
);

CREATE TABLE HolidayCalendars (
    Id      INTEGER PRIMARY KEY AUTOINCREMENT,
    Name    TEXT    NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_HolidayCalendars_Name ON HolidayCalendars (Name);

CREATE TABLE Holidays (
    CalendarId INTEGER NOT NULL REFERENCES HolidayCalendars (Id),
    Day        TEXT    NOT NULL,
    Name       TEXT    NOT NULL,
    PRIMARY KEY (CalendarId, Day)
);

CREATE TABLE Plans (
    Id                INTEGER PRIMARY KEY AUTOINCREMENT,
    Code              TEXT    NOT NULL,
    Name              TEXT    NOT NULL,
    Description       TEXT    NOT NULL,
    ListPriceCents    INTEGER NOT NULL,
    IncidentAllowance INTEGER NULL,
    Channels          TEXT    NOT NULL,
    AroundTheClock    INTEGER NOT NULL,
    TimeZone          TEXT    NOT NULL,
    OpensMinute       INTEGER NOT NULL,
    ClosesMinute      INTEGER NOT NULL,
    Days              TEXT    NOT NULL,
    HolidayCalendarId INTEGER NULL REFERENCES HolidayCalendars (Id),
    Version           INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Plans_Code ON Plans (Code);

CREATE TABLE PlanSlaTargets (
    PlanId               INTEGER NOT NULL REFERENCES Plans (Id),
    Severity             INTEGER NOT NULL,
    FirstResponseMinutes INTEGER NOT NULL,
    ResolveMinutes       INTEGER NOT NULL,
    PRIMARY KEY (PlanId, Severity)
);

CREATE TABLE Contracts (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    OrganisationId   INTEGER NOT NULL REFERENCES Organisations (Id),
    PlanId           INTEGER NOT NULL REFERENCES Plans (Id),
    StartsOn         TEXT    NOT NULL,
    EndsOn           TEXT    NOT NULL,
    TimeZone         TEXT    NOT NULL,
    ValueCents       INTEGER NOT NULL,
    RenewsContractId INTEGER NULL REFERENCES Contracts (Id),
    Status           TEXT    NOT NULL,
    CreatedUtc       TEXT    NOT NULL,
    UpdatedUtc       TEXT    NOT NULL,
    Version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Contracts_Organisation ON Contracts (OrganisationId, StartsOn);
CREATE INDEX IX_Contracts_Renews ON Contracts (RenewsContractId);

CREATE TABLE ContractProducts (
    ContractId INTEGER NOT NULL REFERENCES Contracts (Id),
    ProductId  INTEGER NOT NULL REFERENCES Products (Id),
    PRIMARY KEY (ContractId, ProductId)
);
CREATE INDEX IX_ContractProducts_Product ON ContractProducts (ProductId);

ALTER TABLE Tickets ADD COLUMN ModifiedSource INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Tickets ADD COLUMN Verdict TEXT NULL;
ALTER TABLE Tickets ADD COLUMN ContractId INTEGER NULL REFERENCES Contracts (Id);
ALTER TABLE Tickets ADD COLUMN ScopeVersionId INTEGER NULL REFERENCES ScopeVersions (Id);
ALTER TABLE Tickets ADD COLUMN Entitlement TEXT NULL;
ALTER TABLE Tickets ADD COLUMN FirstResponseDueUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN ResolveDueUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN OverrideVerdict TEXT NULL;
ALTER TABLE Tickets ADD COLUMN OverrideReason TEXT NULL;
ALTER TABLE Tickets ADD COLUMN OverriddenById INTEGER NULL REFERENCES Users (Id);
ALTER TABLE Tickets ADD COLUMN OverriddenUtc TEXT NULL;
CREATE INDEX IX_Tickets_Contract_Verdict ON Tickets (ContractId, Verdict);
