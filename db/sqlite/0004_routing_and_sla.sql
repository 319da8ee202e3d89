-- Engineer profiles (skills, languages, categories, tier, sourcing, cost rates, capacity), each ticket's routing
-- (language, tier, skill queue, the router's explanation) and its SLA clock (at-risk times, met or missed, pause).
CREATE TABLE EngineerProfiles (
    UserId            INTEGER NOT NULL PRIMARY KEY REFERENCES Users (Id),
    Tier              INTEGER NOT NULL,
    Sourcing          TEXT    NOT NULL,
    Supplier          TEXT    NULL,
    PricePerCaseCents INTEGER NULL,
    Languages         TEXT    NOT NULL,
    Categories        TEXT    NOT NULL,
    Capacity          INTEGER NOT NULL,
    Available         INTEGER NOT NULL,
    LastAssignedUtc   TEXT    NULL,
    UpdatedUtc        TEXT    NOT NULL,
    Version           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE EngineerSkills (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId      INTEGER NOT NULL REFERENCES EngineerProfiles (UserId),
    ProductId   INTEGER NOT NULL REFERENCES Products (Id),
    Area        TEXT    NULL,
    Proficiency INTEGER NOT NULL
);
CREATE INDEX IX_EngineerSkills_User ON EngineerSkills (UserId);
CREATE INDEX IX_EngineerSkills_Product ON EngineerSkills (ProductId);

CREATE TABLE EngineerRates (
    Id            INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId        INTEGER NOT NULL REFERENCES EngineerProfiles (UserId),
    EffectiveFrom TEXT    NOT NULL,
    HourlyCents   INTEGER NOT NULL,
    CreatedUtc    TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_EngineerRates_User_From ON EngineerRates (UserId, EffectiveFrom);

ALTER TABLE Tickets ADD COLUMN Language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE Tickets ADD COLUMN Tier INTEGER NOT NULL DEFAULT 1;
ALTER TABLE Tickets ADD COLUMN Queue TEXT NULL;
-- The earliest SLA due time still to meet, which queues and the desk sort by; 9999-12-31 (last) when there is none.
ALTER TABLE Tickets ADD COLUMN QueueDueUtc TEXT NOT NULL DEFAULT '9999-12-31 00:00:00';
ALTER TABLE Tickets ADD COLUMN Routing TEXT NULL;
ALTER TABLE Tickets ADD COLUMN FirstResponseAtRiskUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN ResolveAtRiskUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN FirstResponseMet INTEGER NULL;
ALTER TABLE Tickets ADD COLUMN ResolveMet INTEGER NULL;
ALTER TABLE Tickets ADD COLUMN SlaState TEXT NOT NULL DEFAULT 'None';
ALTER TABLE Tickets ADD COLUMN SlaPausedUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN SlaCheckUtc TEXT NULL;

-- Tickets filed before this migration take it from their due times.
UPDATE Tickets
SET QueueDueUtc = CASE
        WHEN FirstResponseUtc IS NULL AND FirstResponseDueUtc IS NOT NULL
             AND (ResolvedUtc IS NOT NULL OR ResolveDueUtc IS NULL OR FirstResponseDueUtc < ResolveDueUtc) THEN FirstResponseDueUtc
        WHEN ResolvedUtc IS NULL AND ResolveDueUtc IS NOT NULL THEN ResolveDueUtc
        ELSE QueueDueUtc
    END
WHERE FirstResponseDueUtc IS NOT NULL OR ResolveDueUtc IS NOT NULL;

-- A skill queue is read in pull order: earliest SLA due time, then severity, then age.
CREATE INDEX IX_Tickets_Queue ON Tickets (Queue, QueueDueUtc, Severity, CreatedUtc, Id) WHERE Queue IS NOT NULL;
CREATE INDEX IX_Tickets_SlaCheck ON Tickets (SlaCheckUtc) WHERE SlaCheckUtc IS NOT NULL;
