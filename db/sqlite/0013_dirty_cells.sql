-- The incremental rollup recomputes cells rather than whole (day, organisation) slices: the cells (day, organisation,
-- contract, product, region) that its tickets' and contracts' old and new rows count in, and every cell of the
-- slices whose services revenue or NPS answers changed (those still listed in EconomicsDirtyDays). Each is summed
-- again whole from its sources into EconomicsCellSums, which then updates, adds or removes the DailyFacts rows.
-- Both tables are filled and emptied inside the batch's transaction.
CREATE TABLE EconomicsDirtyCells (
    Day                           TEXT    NOT NULL,
    OrganisationId                INTEGER NOT NULL,
    ContractId                    INTEGER NOT NULL,
    ProductId                     INTEGER NOT NULL,
    Region                        TEXT    NOT NULL,
    PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);

CREATE TABLE EconomicsCellSums (
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
