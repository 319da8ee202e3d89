-- Engineer profiles (skills, languages, categories, tier, sourcing, cost rates, capacity), each ticket's routing
-- (language, tier, skill queue, the router's explanation) and its SLA clock (at-risk times, met or missed, pause).
CREATE TABLE dbo.EngineerProfiles (
    UserId            INT           NOT NULL CONSTRAINT PK_EngineerProfiles PRIMARY KEY
                                    CONSTRAINT FK_EngineerProfiles_Users REFERENCES dbo.Users (Id),
    Tier              INT           NOT NULL,
    Sourcing          VARCHAR(16)   NOT NULL,
    Supplier          NVARCHAR(100) NULL,
    PricePerCaseCents BIGINT        NULL,
    Languages         VARCHAR(200)  NOT NULL,
    Categories        VARCHAR(400)  NOT NULL,
    Capacity          INT           NOT NULL,
    Available         BIT           NOT NULL,
    LastAssignedUtc   DATETIME2(3)  NULL,
    UpdatedUtc        DATETIME2(3)  NOT NULL,
    Version           INT           NOT NULL CONSTRAINT DF_EngineerProfiles_Version DEFAULT (1)
);

CREATE TABLE dbo.EngineerSkills (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_EngineerSkills PRIMARY KEY,
    UserId      INT          NOT NULL CONSTRAINT FK_EngineerSkills_EngineerProfiles REFERENCES dbo.EngineerProfiles (UserId),
    ProductId   INT          NOT NULL CONSTRAINT FK_EngineerSkills_Products REFERENCES dbo.Products (Id),
    Area        NVARCHAR(40) NULL,
    Proficiency INT          NOT NULL
);
CREATE INDEX IX_EngineerSkills_User ON dbo.EngineerSkills (UserId);
CREATE INDEX IX_EngineerSkills_Product ON dbo.EngineerSkills (ProductId);

CREATE TABLE dbo.EngineerRates (
    Id            INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_EngineerRates PRIMARY KEY,
    UserId        INT          NOT NULL CONSTRAINT FK_EngineerRates_EngineerProfiles REFERENCES dbo.EngineerProfiles (UserId),
    EffectiveFrom DATE         NOT NULL,
    HourlyCents   BIGINT       NOT NULL,
    CreatedUtc    DATETIME2(3) NOT NULL
);
CREATE UNIQUE INDEX UX_EngineerRates_User_From ON dbo.EngineerRates (UserId, EffectiveFrom);

-- QueueDueUtc: the earliest SLA due time still to meet, which queues and the desk sort by; 9999-12-31 (last) when
-- there is none.
ALTER TABLE dbo.Tickets ADD
    Language               VARCHAR(8)    NOT NULL CONSTRAINT DF_Tickets_Language DEFAULT ('en'),
    Tier                   INT           NOT NULL CONSTRAINT DF_Tickets_Tier DEFAULT (1),
    Queue                  NVARCHAR(60)  NULL,
    QueueDueUtc            DATETIME2(3)  NOT NULL CONSTRAINT DF_Tickets_QueueDueUtc DEFAULT ('9999-12-31'),
    Routing                NVARCHAR(MAX) NULL,
    FirstResponseAtRiskUtc DATETIME2(3)  NULL,
    ResolveAtRiskUtc       DATETIME2(3)  NULL,
    FirstResponseMet       BIT           NULL,
    ResolveMet             BIT           NULL,
    SlaState               VARCHAR(16)   NOT NULL CONSTRAINT DF_Tickets_SlaState DEFAULT ('None'),
    SlaPausedUtc           DATETIME2(3)  NULL,
    SlaCheckUtc            DATETIME2(3)  NULL;
GO
-- Tickets filed before this migration take it from their due times.
UPDATE dbo.Tickets
SET QueueDueUtc = CASE
        WHEN FirstResponseUtc IS NULL AND FirstResponseDueUtc IS NOT NULL
             AND (ResolvedUtc IS NOT NULL OR ResolveDueUtc IS NULL OR FirstResponseDueUtc < ResolveDueUtc) THEN FirstResponseDueUtc
        WHEN ResolvedUtc IS NULL AND ResolveDueUtc IS NOT NULL THEN ResolveDueUtc
        ELSE QueueDueUtc
    END
WHERE FirstResponseDueUtc IS NOT NULL OR ResolveDueUtc IS NOT NULL;

-- A skill queue is read in pull order: earliest SLA due time, then severity, then age.
CREATE INDEX IX_Tickets_Queue ON dbo.Tickets (Queue, QueueDueUtc, Severity, CreatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_SlaCheck ON dbo.Tickets (SlaCheckUtc) WHERE SlaCheckUtc IS NOT NULL;
