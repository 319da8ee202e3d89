-- The incremental rollup recomputes cells rather than whole (day, organisation) slices: the cells (day, organisation,
-- contract, product, region) that its tickets' and contracts' old and new rows count in, and every cell of the
-- slices whose services revenue or NPS answers changed (those still listed in EconomicsDirtyDays). Each is summed
-- again whole from its sources into EconomicsCellSums, which then updates, adds or removes the DailyFacts rows.
-- Both tables are filled and emptied inside the batch's transaction.
CREATE TABLE dbo.EconomicsDirtyCells (
    Day                           CHAR(10)    NOT NULL,
    OrganisationId                INT         NOT NULL,
    ContractId                    INT         NOT NULL,
    ProductId                     INT         NOT NULL,
    Region                        VARCHAR(16) NOT NULL,
    CONSTRAINT PK_EconomicsDirtyCells PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);

CREATE TABLE dbo.EconomicsCellSums (
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
    CONSTRAINT PK_EconomicsCellSums PRIMARY KEY (Day, OrganisationId, ContractId, ProductId, Region)
);
