-- Support economics: the change log every input table writes by trigger in its own transaction, the rollup's
-- watermark, lease and rebuild progress, NPS answers, and the two levels of facts: what each ticket contributed on
-- each day (TicketDayFacts) and each cell's sums (DailyFacts), with the contract revenue recognised day by day.
-- Day is the ISO yyyy-MM-dd text computed in C#, so grouping needs no date functions on either engine.
-- Kind: ticket, contract, engineer, organisation (EntityId is that row's id), services or nps (EntityId is the
-- organisation and Day the day whose figures changed), or all.
CREATE TABLE dbo.EconomicsChanges (
    Id         BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_EconomicsChanges PRIMARY KEY,
    Kind       VARCHAR(16)  NOT NULL,
    EntityId   INT          NOT NULL,
    Day        CHAR(10)     NULL,
    CreatedUtc DATETIME2(3) NOT NULL
);

CREATE TABLE dbo.EconomicsWatermark (
    Name         VARCHAR(32)  NOT NULL CONSTRAINT PK_EconomicsWatermark PRIMARY KEY,
    LastChangeId BIGINT       NOT NULL,
    UpdatedUtc   DATETIME2(3) NOT NULL
);
INSERT INTO dbo.EconomicsWatermark (Name, LastChangeId, UpdatedUtc) VALUES ('facts', 0, '2000-01-01T00:00:00');

-- A job holds its lease until ExpiresUtc; another owner takes it only once it has expired.
CREATE TABLE dbo.JobLeases (
    Name       VARCHAR(64)   NOT NULL CONSTRAINT PK_JobLeases PRIMARY KEY,
    Owner      NVARCHAR(200) NOT NULL,
    ExpiresUtc DATETIME2(3)  NOT NULL
);
INSERT INTO dbo.JobLeases (Name, Owner, ExpiresUtc) VALUES ('economics:rollup', N'', '2000-01-01T00:00:00');

-- State: Running, Finished or Failed; Done and Total count tickets.
CREATE TABLE dbo.EconomicsRebuilds (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_EconomicsRebuilds PRIMARY KEY,
    State       VARCHAR(16)    NOT NULL,
    Done        INT            NOT NULL,
    Total       INT            NOT NULL,
    StartedUtc  DATETIME2(3)   NOT NULL,
    FinishedUtc DATETIME2(3)   NULL,
    Error       NVARCHAR(2000) NULL
);

-- Day: the UTC day of the answer (yyyy-MM-dd). Channel: portal or mail.
CREATE TABLE dbo.NpsAnswers (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_NpsAnswers PRIMARY KEY,
    UserId         INT            NOT NULL CONSTRAINT FK_NpsAnswers_Users REFERENCES dbo.Users (Id),
    OrganisationId INT            NOT NULL CONSTRAINT FK_NpsAnswers_Organisations REFERENCES dbo.Organisations (Id),
    Score          INT            NOT NULL CONSTRAINT CK_NpsAnswers_Score CHECK (Score BETWEEN 0 AND 10),
    Comment        NVARCHAR(2000) NULL,
    AnsweredUtc    DATETIME2(3)   NOT NULL,
    Day            CHAR(10)       NOT NULL,
    Channel        VARCHAR(16)    NOT NULL
);
CREATE INDEX IX_NpsAnswers_User ON dbo.NpsAnswers (UserId, AnsweredUtc);
CREATE INDEX IX_NpsAnswers_Day ON dbo.NpsAnswers (Day, OrganisationId);

-- Level 1: what one ticket contributed on one day, under the cell it counts in. Every Measures column.
CREATE TABLE dbo.TicketDayFacts (
    TicketId                      INT         NOT NULL,
    Day                           CHAR(10)    NOT NULL,
    OrganisationId                INT         NOT NULL,
    ContractId                    INT         NOT NULL,
    ProductId                     INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    TicketsOpened                 BIGINT NOT NULL,
    TicketsResolved               BIGINT NOT NULL,
    TicketsClosed                 BIGINT NOT NULL,
    FirstContactResolutions       BIGINT NOT NULL,
    MinutesWorked                 BIGINT NOT NULL,
    LabourCostCents               BIGINT NOT NULL,
    GoodwillCostCents             BIGINT NOT NULL,
    SupportRevenueCents           BIGINT NOT NULL,
    ServicesRevenueCents          BIGINT NOT NULL,
    FirstResponseMet              BIGINT NOT NULL,
    FirstResponseMissed           BIGINT NOT NULL,
    ResolveMet                    BIGINT NOT NULL,
    ResolveMissed                 BIGINT NOT NULL,
    FirstResponseCount            BIGINT NOT NULL,
    FirstResponseWallMinutes      BIGINT NOT NULL,
    FirstResponseBusinessMinutes  BIGINT NOT NULL,
    ResolveCount                  BIGINT NOT NULL,
    ResolveWallMinutes            BIGINT NOT NULL,
    ResolveBusinessMinutes        BIGINT NOT NULL,
    CsatSum                       BIGINT NOT NULL,
    CsatCount                     BIGINT NOT NULL,
    Csat1                         BIGINT NOT NULL,
    Csat2                         BIGINT NOT NULL,
    Csat3                         BIGINT NOT NULL,
    Csat4                         BIGINT NOT NULL,
    Csat5                         BIGINT NOT NULL,
    NpsPromoters                  BIGINT NOT NULL,
    NpsPassives                   BIGINT NOT NULL,
    NpsDetractors                 BIGINT NOT NULL,
    OutOfScopeTickets             BIGINT NOT NULL,
    OffersSent                    BIGINT NOT NULL,
    OffersAccepted                BIGINT NOT NULL,
    CONSTRAINT PK_TicketDayFacts PRIMARY KEY (TicketId, Day)
);
CREATE INDEX IX_TicketDayFacts_Cell ON dbo.TicketDayFacts (Day, OrganisationId, ContractId, ProductId, Region, TicketId);

-- Support revenue recognised per contract, day and product (RevenueRecognition), under the contract's cell.
CREATE TABLE dbo.ContractRevenueDays (
    ContractId                    INT         NOT NULL,
    Day                           CHAR(10)    NOT NULL,
    ProductId                     INT         NOT NULL,
    OrganisationId                INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    Cents                         BIGINT      NOT NULL,
    CONSTRAINT PK_ContractRevenueDays PRIMARY KEY (ContractId, Day, ProductId)
);
CREATE INDEX IX_ContractRevenueDays_Day ON dbo.ContractRevenueDays (Day, OrganisationId);

-- Level 2: one row per cell, the sum of its ticket-day facts, contract revenue, services revenue and NPS answers.
CREATE TABLE dbo.DailyFacts (
    Day                           CHAR(10)    NOT NULL,
    OrganisationId                INT         NOT NULL,
    ContractId                    INT         NOT NULL,
    ProductId                     INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    TicketsOpened                 BIGINT NOT NULL,
    TicketsResolved               BIGINT NOT NULL,
    TicketsClosed                 BIGINT NOT NULL,
    FirstContactResolutions       BIGINT NOT NULL,
    MinutesWorked                 BIGINT NOT NULL,
    LabourCostCents               BIGINT NOT NULL,
    GoodwillCostCents             BIGINT NOT NULL,
    SupportRevenueCents           BIGINT NOT NULL,
    ServicesRevenueCents          BIGINT NOT NULL,
    FirstResponseMet              BIGINT NOT NULL,
    FirstResponseMissed           BIGINT NOT NULL,
    ResolveMet                    BIGINT NOT NULL,
    ResolveMissed                 BIGINT NOT NULL,
    FirstResponseCount            BIGINT NOT NULL,
    FirstResponseWallMinutes      BIGINT NOT NULL,
    FirstResponseBusinessMinutes  BIGINT NOT NULL,
    ResolveCount                  BIGINT NOT NULL,
    ResolveWallMinutes            BIGINT NOT NULL,
    ResolveBusinessMinutes        BIGINT NOT NULL,
    CsatSum                       BIGINT NOT NULL,
    CsatCount                     BIGINT NOT NULL,
    Csat1                         BIGINT NOT NULL,
    Csat2                         BIGINT NOT NULL,
    Csat3                         BIGINT NOT NULL,
    Csat4                         BIGINT NOT NULL,
    Csat5                         BIGINT NOT NULL,
    NpsPromoters                  BIGINT NOT NULL,
    NpsPassives                   BIGINT NOT NULL,
    NpsDetractors                 BIGINT NOT NULL,
    OutOfScopeTickets             BIGINT NOT NULL,
    OffersSent                    BIGINT NOT NULL,
    OffersAccepted                BIGINT NOT NULL,
    CONSTRAINT PK_DailyFacts PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);
CREATE INDEX IX_DailyFacts_Organisation ON dbo.DailyFacts (OrganisationId, Day);
CREATE INDEX IX_DailyFacts_Contract ON dbo.DailyFacts (ContractId, Day);
CREATE INDEX IX_DailyFacts_Product ON dbo.DailyFacts (ProductId, Day);
CREATE INDEX IX_DailyFacts_Region ON dbo.DailyFacts (Region, Day);

-- The full rebuild writes here while readers keep reading the tables above, then swaps in one transaction.
CREATE TABLE dbo.TicketDayFactsBuild (
    TicketId                      INT         NOT NULL,
    Day                           CHAR(10)    NOT NULL,
    OrganisationId                INT         NOT NULL,
    ContractId                    INT         NOT NULL,
    ProductId                     INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    TicketsOpened                 BIGINT NOT NULL,
    TicketsResolved               BIGINT NOT NULL,
    TicketsClosed                 BIGINT NOT NULL,
    FirstContactResolutions       BIGINT NOT NULL,
    MinutesWorked                 BIGINT NOT NULL,
    LabourCostCents               BIGINT NOT NULL,
    GoodwillCostCents             BIGINT NOT NULL,
    SupportRevenueCents           BIGINT NOT NULL,
    ServicesRevenueCents          BIGINT NOT NULL,
    FirstResponseMet              BIGINT NOT NULL,
    FirstResponseMissed           BIGINT NOT NULL,
    ResolveMet                    BIGINT NOT NULL,
    ResolveMissed                 BIGINT NOT NULL,
    FirstResponseCount            BIGINT NOT NULL,
    FirstResponseWallMinutes      BIGINT NOT NULL,
    FirstResponseBusinessMinutes  BIGINT NOT NULL,
    ResolveCount                  BIGINT NOT NULL,
    ResolveWallMinutes            BIGINT NOT NULL,
    ResolveBusinessMinutes        BIGINT NOT NULL,
    CsatSum                       BIGINT NOT NULL,
    CsatCount                     BIGINT NOT NULL,
    Csat1                         BIGINT NOT NULL,
    Csat2                         BIGINT NOT NULL,
    Csat3                         BIGINT NOT NULL,
    Csat4                         BIGINT NOT NULL,
    Csat5                         BIGINT NOT NULL,
    NpsPromoters                  BIGINT NOT NULL,
    NpsPassives                   BIGINT NOT NULL,
    NpsDetractors                 BIGINT NOT NULL,
    OutOfScopeTickets             BIGINT NOT NULL,
    OffersSent                    BIGINT NOT NULL,
    OffersAccepted                BIGINT NOT NULL,
    CONSTRAINT PK_TicketDayFactsBuild PRIMARY KEY (TicketId, Day)
);
CREATE TABLE dbo.ContractRevenueDaysBuild (
    ContractId                    INT         NOT NULL,
    Day                           CHAR(10)    NOT NULL,
    ProductId                     INT         NOT NULL,
    OrganisationId                INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    Cents                         BIGINT      NOT NULL,
    CONSTRAINT PK_ContractRevenueDaysBuild PRIMARY KEY (ContractId, Day, ProductId)
);
CREATE TABLE dbo.DailyFactsBuild (
    Day                           CHAR(10)    NOT NULL,
    OrganisationId                INT         NOT NULL,
    ContractId                    INT         NOT NULL,
    ProductId                     INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    TicketsOpened                 BIGINT NOT NULL,
    TicketsResolved               BIGINT NOT NULL,
    TicketsClosed                 BIGINT NOT NULL,
    FirstContactResolutions       BIGINT NOT NULL,
    MinutesWorked                 BIGINT NOT NULL,
    LabourCostCents               BIGINT NOT NULL,
    GoodwillCostCents             BIGINT NOT NULL,
    SupportRevenueCents           BIGINT NOT NULL,
    ServicesRevenueCents          BIGINT NOT NULL,
    FirstResponseMet              BIGINT NOT NULL,
    FirstResponseMissed           BIGINT NOT NULL,
    ResolveMet                    BIGINT NOT NULL,
    ResolveMissed                 BIGINT NOT NULL,
    FirstResponseCount            BIGINT NOT NULL,
    FirstResponseWallMinutes      BIGINT NOT NULL,
    FirstResponseBusinessMinutes  BIGINT NOT NULL,
    ResolveCount                  BIGINT NOT NULL,
    ResolveWallMinutes            BIGINT NOT NULL,
    ResolveBusinessMinutes        BIGINT NOT NULL,
    CsatSum                       BIGINT NOT NULL,
    CsatCount                     BIGINT NOT NULL,
    Csat1                         BIGINT NOT NULL,
    Csat2                         BIGINT NOT NULL,
    Csat3                         BIGINT NOT NULL,
    Csat4                         BIGINT NOT NULL,
    Csat5                         BIGINT NOT NULL,
    NpsPromoters                  BIGINT NOT NULL,
    NpsPassives                   BIGINT NOT NULL,
    NpsDetractors                 BIGINT NOT NULL,
    OutOfScopeTickets             BIGINT NOT NULL,
    OffersSent                    BIGINT NOT NULL,
    OffersAccepted                BIGINT NOT NULL,
    CONSTRAINT PK_DailyFactsBuild PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);

-- The (day, organisation) slices one incremental batch recomputes; filled and emptied inside its transaction.
CREATE TABLE dbo.EconomicsDirtyDays (
    Day            CHAR(10) NOT NULL,
    OrganisationId INT      NOT NULL,
    CONSTRAINT PK_EconomicsDirtyDays PRIMARY KEY (Day, OrganisationId)
);

-- Every change to an input of the facts is logged by these triggers, in the transaction that makes it;
-- CREATE TRIGGER must start its batch, hence GO.
GO
CREATE TRIGGER dbo.TR_Tickets_Economics ON dbo.Tickets AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', changed.Id, NULL, SYSUTCDATETIME()
    FROM (
        SELECT Id FROM inserted UNION SELECT Id FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_TimeEntries_Economics ON dbo.TimeEntries AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', changed.TicketId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT TicketId FROM inserted UNION SELECT TicketId FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_TicketRatings_Economics ON dbo.TicketRatings AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', changed.TicketId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT TicketId FROM inserted UNION SELECT TicketId FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_Offers_Economics ON dbo.Offers AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', changed.TicketId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT TicketId FROM inserted UNION SELECT TicketId FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_Contracts_Economics ON dbo.Contracts AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', changed.Id, NULL, SYSUTCDATETIME()
    FROM (
        SELECT Id FROM inserted UNION SELECT Id FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_ContractProducts_Economics ON dbo.ContractProducts AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', changed.ContractId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT ContractId FROM inserted UNION SELECT ContractId FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_EngineerRates_Economics ON dbo.EngineerRates AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'engineer', changed.UserId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT UserId FROM inserted UNION SELECT UserId FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_EngineerProfiles_Economics ON dbo.EngineerProfiles AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'engineer', changed.UserId, NULL, SYSUTCDATETIME()
    FROM (
        SELECT i.UserId FROM inserted AS i LEFT JOIN deleted AS d ON d.UserId = i.UserId
        WHERE d.UserId IS NULL OR i.Sourcing <> d.Sourcing OR (i.Sourcing IS NULL AND d.Sourcing IS NOT NULL) OR (i.Sourcing IS NOT NULL AND d.Sourcing IS NULL) OR i.Supplier <> d.Supplier OR (i.Supplier IS NULL AND d.Supplier IS NOT NULL) OR (i.Supplier IS NOT NULL AND d.Supplier IS NULL) OR i.PricePerCaseCents <> d.PricePerCaseCents OR (i.PricePerCaseCents IS NULL AND d.PricePerCaseCents IS NOT NULL) OR (i.PricePerCaseCents IS NOT NULL AND d.PricePerCaseCents IS NULL)
        UNION SELECT d.UserId FROM deleted AS d LEFT JOIN inserted AS i ON i.UserId = d.UserId WHERE i.UserId IS NULL
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_Organisations_Economics ON dbo.Organisations AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'organisation', changed.Id, NULL, SYSUTCDATETIME()
    FROM (
        SELECT i.Id FROM inserted AS i LEFT JOIN deleted AS d ON d.Id = i.Id
        WHERE d.Id IS NULL OR i.Region <> d.Region OR (i.Region IS NULL AND d.Region IS NOT NULL) OR (i.Region IS NOT NULL AND d.Region IS NULL)
        UNION SELECT d.Id FROM deleted AS d LEFT JOIN inserted AS i ON i.Id = d.Id WHERE i.Id IS NULL
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_ServicesRevenue_Economics ON dbo.ServicesRevenue AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'services', changed.OrganisationId, changed.Day, SYSUTCDATETIME()
    FROM (
        SELECT OrganisationId, Day FROM inserted UNION SELECT OrganisationId, Day FROM deleted
    ) AS changed;
END;
GO
CREATE TRIGGER dbo.TR_NpsAnswers_Economics ON dbo.NpsAnswers AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'nps', changed.OrganisationId, changed.Day, SYSUTCDATETIME()
    FROM (
        SELECT OrganisationId, Day FROM inserted UNION SELECT OrganisationId, Day FROM deleted
    ) AS changed;
END;
GO
