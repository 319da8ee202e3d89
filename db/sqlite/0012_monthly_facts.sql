-- Monthly facts: one row per (month, organisation, contract, product, region), the sum of that key's daily cells in
-- the month (Month is the ISO yyyy-MM text). The dashboards read whole months here and only the days at the edges of
-- a period that does not start or end on a month's edge from DailyFacts. The incremental rollup recomputes every
-- (month, key) whose daily cells it touched, whole, in the transaction that rewrites those cells; the full rebuild
-- sums MonthlyFactsBuild from DailyFactsBuild and swaps both in together.
CREATE TABLE MonthlyFacts (
    Month                         TEXT    NOT NULL,
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
    PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);
CREATE INDEX IX_MonthlyFacts_Organisation ON MonthlyFacts (OrganisationId, Month);
CREATE INDEX IX_MonthlyFacts_Contract ON MonthlyFacts (ContractId, Month);
CREATE INDEX IX_MonthlyFacts_Product ON MonthlyFacts (ProductId, Month);
CREATE INDEX IX_MonthlyFacts_Region ON MonthlyFacts (Region, Month);

CREATE TABLE MonthlyFactsBuild (
    Month                         TEXT    NOT NULL,
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
    PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);

-- The (month, key) cells one incremental batch recomputes; filled and emptied inside its transaction.
CREATE TABLE EconomicsDirtyMonths (
    Month          TEXT    NOT NULL,
    OrganisationId INTEGER NOT NULL,
    ContractId     INTEGER NOT NULL,
    ProductId      INTEGER NOT NULL,
    Region         TEXT    NOT NULL,
    PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);

-- A key's days in a month, for summing one monthly cell without reading the other keys' cells of those days.
CREATE INDEX IX_DailyFacts_Key ON DailyFacts (OrganisationId, ContractId, ProductId, Region, Day);

-- The months of the facts already rolled up.
INSERT INTO MonthlyFacts (Month, OrganisationId, ContractId, ProductId, Region,
       TicketsOpened, TicketsResolved, TicketsClosed, FirstContactResolutions, MinutesWorked, LabourCostCents,
       GoodwillCostCents, SupportRevenueCents, ServicesRevenueCents, FirstResponseMet, FirstResponseMissed, ResolveMet,
       ResolveMissed, FirstResponseCount, FirstResponseWallMinutes, FirstResponseBusinessMinutes, ResolveCount, ResolveWallMinutes,
       ResolveBusinessMinutes, CsatSum, CsatCount, Csat1, Csat2, Csat3,
       Csat4, Csat5, NpsPromoters, NpsPassives, NpsDetractors, OutOfScopeTickets,
       OffersSent, OffersAccepted)
SELECT SUBSTRING(Day, 1, 7), OrganisationId, ContractId, ProductId, Region,
       SUM(TicketsOpened), SUM(TicketsResolved), SUM(TicketsClosed), SUM(FirstContactResolutions),
       SUM(MinutesWorked), SUM(LabourCostCents), SUM(GoodwillCostCents), SUM(SupportRevenueCents),
       SUM(ServicesRevenueCents), SUM(FirstResponseMet), SUM(FirstResponseMissed), SUM(ResolveMet),
       SUM(ResolveMissed), SUM(FirstResponseCount), SUM(FirstResponseWallMinutes), SUM(FirstResponseBusinessMinutes),
       SUM(ResolveCount), SUM(ResolveWallMinutes), SUM(ResolveBusinessMinutes), SUM(CsatSum),
       SUM(CsatCount), SUM(Csat1), SUM(Csat2), SUM(Csat3),
       SUM(Csat4), SUM(Csat5), SUM(NpsPromoters), SUM(NpsPassives),
       SUM(NpsDetractors), SUM(OutOfScopeTickets), SUM(OffersSent), SUM(OffersAccepted)
FROM DailyFacts
GROUP BY SUBSTRING(Day, 1, 7), OrganisationId, ContractId, ProductId, Region;
