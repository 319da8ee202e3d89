-- Services offers: the versioned catalogue of offerings, offers sent on tickets and what accepting one records
-- (the acceptance, services revenue, an engagement), quote requests, and who may buy for an organisation.
CREATE TABLE Offerings (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    Code       TEXT    NOT NULL,
    Kind       TEXT    NOT NULL,
    Status     TEXT    NOT NULL,
    CreatedUtc TEXT    NOT NULL,
    Version    INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Offerings_Code ON Offerings (Code);

-- Status: Draft (editable), Published (frozen; at most one per offering) or Superseded (frozen).
CREATE TABLE OfferingVersions (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    OfferingId       INTEGER NOT NULL REFERENCES Offerings (Id),
    Number           INTEGER NOT NULL,
    Status           TEXT    NOT NULL,
    Name             TEXT    NOT NULL,
    Summary          TEXT    NOT NULL,
    PricingKind      TEXT    NOT NULL,
    PriceCents       INTEGER NULL,
    SmallCents       INTEGER NULL,
    SmallDefinition  TEXT    NULL,
    MediumCents      INTEGER NULL,
    MediumDefinition TEXT    NULL,
    LargeCents       INTEGER NULL,
    LargeDefinition  TEXT    NULL,
    DeliveryDays     INTEGER NULL,
    Incidents        INTEGER NULL,
    PlanId           INTEGER NULL REFERENCES Plans (Id),
    TermsMarkdown    TEXT    NOT NULL,
    CreatedUtc       TEXT    NOT NULL,
    PublishedUtc     TEXT    NULL,
    PublishedById    INTEGER NULL REFERENCES Users (Id),
    Version          INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Number ON OfferingVersions (OfferingId, Number);
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Draft ON OfferingVersions (OfferingId) WHERE Status = 'Draft';
CREATE UNIQUE INDEX UX_OfferingVersions_Offering_Published ON OfferingVersions (OfferingId) WHERE Status = 'Published';

CREATE TABLE OfferingVersionCategories (
    VersionId INTEGER NOT NULL REFERENCES OfferingVersions (Id),
    Category  TEXT    NOT NULL,
    PRIMARY KEY (VersionId, Category)
);

CREATE TABLE OfferingVersionProducts (
    VersionId INTEGER NOT NULL REFERENCES OfferingVersions (Id),
    ProductId INTEGER NOT NULL REFERENCES Products (Id),
    PRIMARY KEY (VersionId, ProductId)
);

-- TermsHtml is exactly what the customer is shown; TermStartsOn/TermEndsOn are the quoted term of a plan offer.
CREATE TABLE Offers (
    Id                INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId          INTEGER NOT NULL REFERENCES Tickets (Id),
    OrganisationId    INTEGER NOT NULL REFERENCES Organisations (Id),
    Kind              TEXT    NOT NULL,
    OfferingVersionId INTEGER NOT NULL REFERENCES OfferingVersions (Id),
    ProductId         INTEGER NULL REFERENCES Products (Id),
    PlanId            INTEGER NULL REFERENCES Plans (Id),
    ContractId        INTEGER NULL REFERENCES Contracts (Id),
    Size              TEXT    NULL,
    Incidents         INTEGER NULL,
    TermStartsOn      TEXT    NULL,
    TermEndsOn        TEXT    NULL,
    PriceCents        INTEGER NOT NULL,
    Currency          TEXT    NOT NULL,
    Title             TEXT    NOT NULL,
    TermsMarkdown     TEXT    NOT NULL,
    TermsHtml         TEXT    NOT NULL,
    BlanksJson        TEXT    NOT NULL,
    Reason            TEXT    NULL,
    ExpiresUtc        TEXT    NOT NULL,
    Status            TEXT    NOT NULL,
    SentById          INTEGER NOT NULL REFERENCES Users (Id),
    SentUtc           TEXT    NOT NULL,
    DecidedById       INTEGER NULL REFERENCES Users (Id),
    DecidedUtc        TEXT    NULL,
    DeclineReason     TEXT    NULL,
    WithdrawReason    TEXT    NULL,
    Version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Offers_Ticket ON Offers (TicketId, Id);
CREATE INDEX IX_Offers_Organisation ON Offers (OrganisationId, SentUtc);
CREATE INDEX IX_Offers_Status_Expires ON Offers (Status, ExpiresUtc);
CREATE INDEX IX_Offers_OfferingVersion ON Offers (OfferingVersionId);

-- Written once when an offer is accepted and never changed: the proof of who accepted which terms at which price.
CREATE TABLE OfferAcceptances (
    OfferId           INTEGER NOT NULL PRIMARY KEY REFERENCES Offers (Id),
    AcceptedById      INTEGER NOT NULL REFERENCES Users (Id),
    TypedName         TEXT    NOT NULL,
    AcceptedUtc       TEXT    NOT NULL,
    ClientAddress     TEXT    NOT NULL,
    UserAgent         TEXT    NOT NULL,
    TermsSha256       TEXT    NOT NULL,
    TermsHtml         TEXT    NOT NULL,
    PriceCents        INTEGER NOT NULL,
    Currency          TEXT    NOT NULL,
    OfferingVersionId INTEGER NOT NULL REFERENCES OfferingVersions (Id)
);

-- Status: Open, Offered (an offer answered it) or Closed.
CREATE TABLE QuoteRequests (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    TicketId       INTEGER NOT NULL REFERENCES Tickets (Id),
    OrganisationId INTEGER NOT NULL REFERENCES Organisations (Id),
    RequestedById  INTEGER NOT NULL REFERENCES Users (Id),
    FromCustomer   INTEGER NOT NULL,
    Note           TEXT    NOT NULL,
    Status         TEXT    NOT NULL,
    OfferId        INTEGER NULL REFERENCES Offers (Id),
    CreatedUtc     TEXT    NOT NULL,
    ClosedUtc      TEXT    NULL,
    Version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_QuoteRequests_Status ON QuoteRequests (Status, CreatedUtc);
CREATE INDEX IX_QuoteRequests_Ticket ON QuoteRequests (TicketId);

-- Day: the UTC day of acceptance as ISO text (yyyy-MM-dd), the key the economics rollup groups by.
CREATE TABLE ServicesRevenue (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    OfferId        INTEGER NOT NULL REFERENCES Offers (Id),
    Day            TEXT    NOT NULL,
    OrganisationId INTEGER NOT NULL REFERENCES Organisations (Id),
    ContractId     INTEGER NULL REFERENCES Contracts (Id),
    ProductId      INTEGER NULL REFERENCES Products (Id),
    Region         TEXT    NOT NULL,
    AmountCents    INTEGER NOT NULL,
    BookedUtc      TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_ServicesRevenue_Offer ON ServicesRevenue (OfferId);
CREATE INDEX IX_ServicesRevenue_Day ON ServicesRevenue (Day);

CREATE TABLE ServicesEngagements (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    OfferId        INTEGER NOT NULL REFERENCES Offers (Id),
    TicketId       INTEGER NOT NULL REFERENCES Tickets (Id),
    OrganisationId INTEGER NOT NULL REFERENCES Organisations (Id),
    AssigneeId     INTEGER NULL REFERENCES Users (Id),
    Status         TEXT    NOT NULL,
    DueOn          TEXT    NOT NULL,
    CreatedUtc     TEXT    NOT NULL,
    Version        INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_ServicesEngagements_Offer ON ServicesEngagements (OfferId);
CREATE INDEX IX_ServicesEngagements_Ticket ON ServicesEngagements (TicketId);
CREATE INDEX IX_ServicesEngagements_Assignee ON ServicesEngagements (AssigneeId, Status);

-- An engagement's labour, kept apart from the ticket's TimeEntries so that it never counts as support.
CREATE TABLE EngagementTimeEntries (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    EngagementId INTEGER NOT NULL REFERENCES ServicesEngagements (Id),
    EngineerId   INTEGER NOT NULL REFERENCES Users (Id),
    Minutes      INTEGER NOT NULL,
    WorkDate     TEXT    NOT NULL,
    Note         TEXT    NOT NULL,
    CreatedUtc   TEXT    NOT NULL
);
CREATE INDEX IX_EngagementTimeEntries_Engagement ON EngagementTimeEntries (EngagementId, Id);

-- Incidents bought in packs add to the plan's allowance for the contract's term.
ALTER TABLE Contracts ADD COLUMN IncidentsBought INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Users ADD COLUMN CanBuyServices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Organisations ADD COLUMN AdminContactId INTEGER NULL REFERENCES Users (Id);
