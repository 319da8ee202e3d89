-- Monthly facts: one row per (month, organisation, contract, product, region), the sum of that key's daily cells in
-- the month (Month is the ISO yyyy-MM text). The dashboards read whole months here and only the days at the edges of
-- a period that does not start or end on a month's edge from DailyFacts. The incremental rollup recomputes every
-- (month, key) whose daily cells it touched, whole, in the transaction that rewrites those cells; the full rebuild
-- sums MonthlyFactsBuild from DailyFactsBuild and swaps both in together.
CREATE TABLE dbo.MonthlyFacts (
    Month                         CHAR(7)     NOT NULL,
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
    CONSTRAINT PK_MonthlyFacts PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);
CREATE INDEX IX_MonthlyFacts_Organisation ON dbo.MonthlyFacts (OrganisationId, Month);
CREATE INDEX IX_MonthlyFacts_Contract ON dbo.MonthlyFacts (ContractId, Month);
CREATE INDEX IX_MonthlyFacts_Product ON dbo.MonthlyFacts (ProductId, Month);
CREATE INDEX IX_MonthlyFacts_Region ON dbo.MonthlyFacts (Region, Month);

CREATE TABLE dbo.MonthlyFactsBuild (
    Month                         CHAR(7)     NOT NULL,
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
    CONSTRAINT PK_MonthlyFactsBuild PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);

-- The (month, key) cells one incremental batch recomputes; filled and emptied inside its transaction.
CREATE TABLE dbo.EconomicsDirtyMonths (
    Month          CHAR(7)     NOT NULL,
    OrganisationId INT         NOT NULL,
    ContractId     INT         NOT NULL,
    ProductId      INT         NOT NULL,
    Region         VARCHAR(16) NOT NULL,
    CONSTRAINT PK_EconomicsDirtyMonths PRIMARY KEY (Month, OrganisationId, ContractId, ProductId, Region)
);

-- A key's days in a month, for summing one monthly cell without reading the other keys' cells of those days.
CREATE INDEX IX_DailyFacts_Key ON dbo.DailyFacts (OrganisationId, ContractId, ProductId, Region, Day);

-- The months of the facts already rolled up.
INSERT INTO dbo.MonthlyFacts (Month, OrganisationId, ContractId, ProductId, Region,
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
FROM dbo.DailyFacts
GROUP BY SUBSTRING(Day, 1, 7), OrganisationId, ContractId, ProductId, Region;
