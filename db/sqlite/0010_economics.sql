-- Support economics: the change log every input table writes by trigger in its own transaction, the rollup's
-- watermark, lease and rebuild progress, NPS answers, and the two levels of facts: what each ticket contributed on
-- each day (TicketDayFacts) and each cell's sums (DailyFacts), with the contract revenue recognised day by day.
-- Day is the ISO yyyy-MM-dd text computed in C#, so grouping needs no date functions on either engine.
-- Kind: ticket, contract, engineer, organisation (EntityId is that row's id), services or nps (EntityId is the
-- organisation and Day the day whose figures changed), or all.
CREATE TABLE EconomicsChanges (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    Kind       TEXT    NOT NULL,
    EntityId   INTEGER NOT NULL,
    Day        TEXT    NULL,
    CreatedUtc TEXT    NOT NULL
);

CREATE TABLE EconomicsWatermark (
    Name         TEXT    NOT NULL PRIMARY KEY,
    LastChangeId INTEGER NOT NULL,
    UpdatedUtc   TEXT    NOT NULL
);
INSERT INTO EconomicsWatermark (Name, LastChangeId, UpdatedUtc) VALUES ('facts', 0, '2000-01-01 00:00:00');

-- A job holds its lease until ExpiresUtc; another owner takes it only once it has expired.
CREATE TABLE JobLeases (
    Name       TEXT NOT NULL PRIMARY KEY,
    Owner      TEXT NOT NULL,
    ExpiresUtc TEXT NOT NULL
);
INSERT INTO JobLeases (Name, Owner, ExpiresUtc) VALUES ('economics:rollup', '', '2000-01-01 00:00:00');

-- State: Running, Finished or Failed; Done and Total count tickets.
CREATE TABLE EconomicsRebuilds (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    State       TEXT    NOT NULL,
    Done        INTEGER NOT NULL,
    Total       INTEGER NOT NULL,
    StartedUtc  TEXT    NOT NULL,
    FinishedUtc TEXT    NULL,
    Error       TEXT    NULL
);

-- Day: the UTC day of the answer (yyyy-MM-dd). Channel: portal or mail.
CREATE TABLE NpsAnswers (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId         INTEGER NOT NULL REFERENCES Users (Id),
    OrganisationId INTEGER NOT NULL REFERENCES Organisations (Id),
    Score          INTEGER NOT NULL CHECK (Score BETWEEN 0 AND 10),
    Comment        TEXT    NULL,
    AnsweredUtc    TEXT    NOT NULL,
    Day            TEXT    NOT NULL,
    Channel        TEXT    NOT NULL
);
CREATE INDEX IX_NpsAnswers_User ON NpsAnswers (UserId, AnsweredUtc);
CREATE INDEX IX_NpsAnswers_Day ON NpsAnswers (Day, OrganisationId);

-- Level 1: what one ticket contributed on one day, under the cell it counts in. Every Measures column.
CREATE TABLE TicketDayFacts (
    TicketId                      INTEGER NOT NULL,
    Day                           TEXT    NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    ContractId                    INTEGER NOT NULL,
    ProductId                     INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    TicketsOpened                 INTEGER NOT NULL,
    TicketsResolved               INTEGER NOT NULL,
    TicketsClosed                 INTEGER NOT NULL,
    FirstContactResolutions       INTEGER NOT NULL,
    MinutesWorked                 INTEGER NOT NULL,
    LabourCostCents               INTEGER NOT NULL,
    GoodwillCostCents             INTEGER NOT NULL,
    SupportRevenueCents           INTEGER NOT NULL,
    ServicesRevenueCents          INTEGER NOT NULL,
    FirstResponseMet              INTEGER NOT NULL,
    FirstResponseMissed           INTEGER NOT NULL,
    ResolveMet                    INTEGER NOT NULL,
    ResolveMissed                 INTEGER NOT NULL,
    FirstResponseCount            INTEGER NOT NULL,
    FirstResponseWallMinutes      INTEGER NOT NULL,
    FirstResponseBusinessMinutes  INTEGER NOT NULL,
    ResolveCount                  INTEGER NOT NULL,
    ResolveWallMinutes            INTEGER NOT NULL,
    ResolveBusinessMinutes        INTEGER NOT NULL,
    CsatSum                       INTEGER NOT NULL,
    CsatCount                     INTEGER NOT NULL,
    Csat1                         INTEGER NOT NULL,
    Csat2                         INTEGER NOT NULL,
    Csat3                         INTEGER NOT NULL,
    Csat4                         INTEGER NOT NULL,
    Csat5                         INTEGER NOT NULL,
    NpsPromoters                  INTEGER NOT NULL,
    NpsPassives                   INTEGER NOT NULL,
    NpsDetractors                 INTEGER NOT NULL,
    OutOfScopeTickets             INTEGER NOT NULL,
    OffersSent                    INTEGER NOT NULL,
    OffersAccepted                INTEGER NOT NULL,
    PRIMARY KEY (TicketId, Day)
);
CREATE INDEX IX_TicketDayFacts_Cell ON TicketDayFacts (Day, OrganisationId, ContractId, ProductId, Region, TicketId);

-- Support revenue recognised per contract, day and product (RevenueRecognition), under the contract's cell.
CREATE TABLE ContractRevenueDays (
    ContractId                    INTEGER NOT NULL,
    Day                           TEXT    NOT NULL,
    ProductId                     INTEGER NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    Cents                         INTEGER NOT NULL,
    PRIMARY KEY (ContractId, Day, ProductId)
);
CREATE INDEX IX_ContractRevenueDays_Day ON ContractRevenueDays (Day, OrganisationId);

-- Level 2: one row per cell, the sum of its ticket-day facts, contract revenue, services revenue and NPS answers.
CREATE TABLE DailyFacts (
    Day                           TEXT    NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    ContractId                    INTEGER NOT NULL,
    ProductId                     INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    TicketsOpened                 INTEGER NOT NULL,
    TicketsResolved               INTEGER NOT NULL,
    TicketsClosed                 INTEGER NOT NULL,
    FirstContactResolutions       INTEGER NOT NULL,
    MinutesWorked                 INTEGER NOT NULL,
    LabourCostCents               INTEGER NOT NULL,
    GoodwillCostCents             INTEGER NOT NULL,
    SupportRevenueCents           INTEGER NOT NULL,
    ServicesRevenueCents          INTEGER NOT NULL,
    FirstResponseMet              INTEGER NOT NULL,
    FirstResponseMissed           INTEGER NOT NULL,
    ResolveMet                    INTEGER NOT NULL,
    ResolveMissed                 INTEGER NOT NULL,
    FirstResponseCount            INTEGER NOT NULL,
    FirstResponseWallMinutes      INTEGER NOT NULL,
    FirstResponseBusinessMinutes  INTEGER NOT NULL,
    ResolveCount                  INTEGER NOT NULL,
    ResolveWallMinutes            INTEGER NOT NULL,
    ResolveBusinessMinutes        INTEGER NOT NULL,
    CsatSum                       INTEGER NOT NULL,
    CsatCount                     INTEGER NOT NULL,
    Csat1                         INTEGER NOT NULL,
    Csat2                         INTEGER NOT NULL,
    Csat3                         INTEGER NOT NULL,
    Csat4                         INTEGER NOT NULL,
    Csat5                         INTEGER NOT NULL,
    NpsPromoters                  INTEGER NOT NULL,
    NpsPassives                   INTEGER NOT NULL,
    NpsDetractors                 INTEGER NOT NULL,
    OutOfScopeTickets             INTEGER NOT NULL,
    OffersSent                    INTEGER NOT NULL,
    OffersAccepted                INTEGER NOT NULL,
    PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);
CREATE INDEX IX_DailyFacts_Organisation ON DailyFacts (OrganisationId, Day);
CREATE INDEX IX_DailyFacts_Contract ON DailyFacts (ContractId, Day);
CREATE INDEX IX_DailyFacts_Product ON DailyFacts (ProductId, Day);
CREATE INDEX IX_DailyFacts_Region ON DailyFacts (Region, Day);

-- The full rebuild writes here while readers keep reading the tables above, then swaps in one transaction.
CREATE TABLE TicketDayFactsBuild (
    TicketId                      INTEGER NOT NULL,
    Day                           TEXT    NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    ContractId                    INTEGER NOT NULL,
    ProductId                     INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    TicketsOpened                 INTEGER NOT NULL,
    TicketsResolved               INTEGER NOT NULL,
    TicketsClosed                 INTEGER NOT NULL,
    FirstContactResolutions       INTEGER NOT NULL,
    MinutesWorked                 INTEGER NOT NULL,
    LabourCostCents               INTEGER NOT NULL,
    GoodwillCostCents             INTEGER NOT NULL,
    SupportRevenueCents           INTEGER NOT NULL,
    ServicesRevenueCents          INTEGER NOT NULL,
    FirstResponseMet              INTEGER NOT NULL,
    FirstResponseMissed           INTEGER NOT NULL,
    ResolveMet                    INTEGER NOT NULL,
    ResolveMissed                 INTEGER NOT NULL,
    FirstResponseCount            INTEGER NOT NULL,
    FirstResponseWallMinutes      INTEGER NOT NULL,
    FirstResponseBusinessMinutes  INTEGER NOT NULL,
    ResolveCount                  INTEGER NOT NULL,
    ResolveWallMinutes            INTEGER NOT NULL,
    ResolveBusinessMinutes        INTEGER NOT NULL,
    CsatSum                       INTEGER NOT NULL,
    CsatCount                     INTEGER NOT NULL,
    Csat1                         INTEGER NOT NULL,
    Csat2                         INTEGER NOT NULL,
    Csat3                         INTEGER NOT NULL,
    Csat4                         INTEGER NOT NULL,
    Csat5                         INTEGER NOT NULL,
    NpsPromoters                  INTEGER NOT NULL,
    NpsPassives                   INTEGER NOT NULL,
    NpsDetractors                 INTEGER NOT NULL,
    OutOfScopeTickets             INTEGER NOT NULL,
    OffersSent                    INTEGER NOT NULL,
    OffersAccepted                INTEGER NOT NULL,
    PRIMARY KEY (TicketId, Day)
);
CREATE TABLE ContractRevenueDaysBuild (
    ContractId                    INTEGER NOT NULL,
    Day                           TEXT    NOT NULL,
    ProductId                     INTEGER NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    Cents                         INTEGER NOT NULL,
    PRIMARY KEY (ContractId, Day, ProductId)
);
CREATE TABLE DailyFactsBuild (
    Day                           TEXT    NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    ContractId                    INTEGER NOT NULL,
    ProductId                     INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    TicketsOpened                 INTEGER NOT NULL,
    TicketsResolved               INTEGER NOT NULL,
    TicketsClosed                 INTEGER NOT NULL,
    FirstContactResolutions       INTEGER NOT NULL,
    MinutesWorked                 INTEGER NOT NULL,
    LabourCostCents               INTEGER NOT NULL,
    GoodwillCostCents             INTEGER NOT NULL,
    SupportRevenueCents           INTEGER NOT NULL,
    ServicesRevenueCents          INTEGER NOT NULL,
    FirstResponseMet              INTEGER NOT NULL,
    FirstResponseMissed           INTEGER NOT NULL,
    ResolveMet                    INTEGER NOT NULL,
    ResolveMissed                 INTEGER NOT NULL,
    FirstResponseCount            INTEGER NOT NULL,
    FirstResponseWallMinutes      INTEGER NOT NULL,
    FirstResponseBusinessMinutes  INTEGER NOT NULL,
    ResolveCount                  INTEGER NOT NULL,
    ResolveWallMinutes            INTEGER NOT NULL,
    ResolveBusinessMinutes        INTEGER NOT NULL,
    CsatSum                       INTEGER NOT NULL,
    CsatCount                     INTEGER NOT NULL,
    Csat1                         INTEGER NOT NULL,
    Csat2                         INTEGER NOT NULL,
    Csat3                         INTEGER NOT NULL,
    Csat4                         INTEGER NOT NULL,
    Csat5                         INTEGER NOT NULL,
    NpsPromoters                  INTEGER NOT NULL,
    NpsPassives                   INTEGER NOT NULL,
    NpsDetractors                 INTEGER NOT NULL,
    OutOfScopeTickets             INTEGER NOT NULL,
    OffersSent                    INTEGER NOT NULL,
    OffersAccepted                INTEGER NOT NULL,
    PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);

-- The (day, organisation) slices one incremental batch recomputes; filled and emptied inside its transaction.
CREATE TABLE EconomicsDirtyDays (
    Day            TEXT    NOT NULL,
    OrganisationId INTEGER NOT NULL,
    PRIMARY KEY (Day, OrganisationId)
);

-- Every change to an input of the facts is logged by these triggers, in the transaction that makes it.
CREATE TRIGGER TR_Tickets_Economics_Insert AFTER INSERT ON Tickets
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Tickets_Economics_Update AFTER UPDATE ON Tickets
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.Id IS NOT NEW.Id;
END;
CREATE TRIGGER TR_Tickets_Economics_Delete AFTER DELETE ON Tickets
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_TimeEntries_Economics_Insert AFTER INSERT ON TimeEntries
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_TimeEntries_Economics_Update AFTER UPDATE ON TimeEntries
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.TicketId IS NOT NEW.TicketId;
END;
CREATE TRIGGER TR_TimeEntries_Economics_Delete AFTER DELETE ON TimeEntries
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_TicketRatings_Economics_Insert AFTER INSERT ON TicketRatings
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_TicketRatings_Economics_Update AFTER UPDATE ON TicketRatings
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.TicketId IS NOT NEW.TicketId;
END;
CREATE TRIGGER TR_TicketRatings_Economics_Delete AFTER DELETE ON TicketRatings
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Offers_Economics_Insert AFTER INSERT ON Offers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Offers_Economics_Update AFTER UPDATE ON Offers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', NEW.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.TicketId IS NOT NEW.TicketId;
END;
CREATE TRIGGER TR_Offers_Economics_Delete AFTER DELETE ON Offers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('ticket', OLD.TicketId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Contracts_Economics_Insert AFTER INSERT ON Contracts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Contracts_Economics_Update AFTER UPDATE ON Contracts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.Id IS NOT NEW.Id;
END;
CREATE TRIGGER TR_Contracts_Economics_Delete AFTER DELETE ON Contracts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_ContractProducts_Economics_Insert AFTER INSERT ON ContractProducts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', NEW.ContractId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_ContractProducts_Economics_Update AFTER UPDATE ON ContractProducts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', NEW.ContractId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', OLD.ContractId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.ContractId IS NOT NEW.ContractId;
END;
CREATE TRIGGER TR_ContractProducts_Economics_Delete AFTER DELETE ON ContractProducts
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', OLD.ContractId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_EngineerRates_Economics_Insert AFTER INSERT ON EngineerRates
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', NEW.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_EngineerRates_Economics_Update AFTER UPDATE ON EngineerRates
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', NEW.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'engineer', OLD.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.UserId IS NOT NEW.UserId;
END;
CREATE TRIGGER TR_EngineerRates_Economics_Delete AFTER DELETE ON EngineerRates
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', OLD.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_EngineerProfiles_Economics_Insert AFTER INSERT ON EngineerProfiles
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', NEW.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_EngineerProfiles_Economics_Update AFTER UPDATE ON EngineerProfiles
WHEN OLD.Sourcing IS NOT NEW.Sourcing OR OLD.Supplier IS NOT NEW.Supplier OR OLD.PricePerCaseCents IS NOT NEW.PricePerCaseCents
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', NEW.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_EngineerProfiles_Economics_Delete AFTER DELETE ON EngineerProfiles
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('engineer', OLD.UserId, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Organisations_Economics_Insert AFTER INSERT ON Organisations
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('organisation', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Organisations_Economics_Update AFTER UPDATE ON Organisations
WHEN OLD.Region IS NOT NEW.Region
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('organisation', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Organisations_Economics_Delete AFTER DELETE ON Organisations
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('organisation', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_ServicesRevenue_Economics_Insert AFTER INSERT ON ServicesRevenue
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('services', NEW.OrganisationId, NEW.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_ServicesRevenue_Economics_Update AFTER UPDATE ON ServicesRevenue
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('services', NEW.OrganisationId, NEW.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'services', OLD.OrganisationId, OLD.Day, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.Day IS NOT NEW.Day;
END;
CREATE TRIGGER TR_ServicesRevenue_Economics_Delete AFTER DELETE ON ServicesRevenue
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('services', OLD.OrganisationId, OLD.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_NpsAnswers_Economics_Insert AFTER INSERT ON NpsAnswers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('nps', NEW.OrganisationId, NEW.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_NpsAnswers_Economics_Update AFTER UPDATE ON NpsAnswers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('nps', NEW.OrganisationId, NEW.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'nps', OLD.OrganisationId, OLD.Day, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.Day IS NOT NEW.Day;
END;
CREATE TRIGGER TR_NpsAnswers_Economics_Delete AFTER DELETE ON NpsAnswers
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('nps', OLD.OrganisationId, OLD.Day, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
