-- Correcting a ticket's facts (classification), the incidents a contract's tickets use (taken atomically in the
-- ticket's transaction, given back when a ticket turns out not to be one), and duplicates merged into their original.

-- IncidentsUsed: the incidents of the contract its tickets hold now; a ticket takes one only while it is below the
-- plan's allowance (a conditional UPDATE in the ticket's transaction), so two tickets racing for the last one cannot
-- both get it.
ALTER TABLE dbo.Contracts ADD IncidentsUsed INT NOT NULL CONSTRAINT DF_Contracts_IncidentsUsed DEFAULT (0);

-- One row per incident taken: by which ticket, when, and, once given back, when, by whom and why. A ticket holds at
-- most one incident at a time (the unique index on the rows not given back).
CREATE TABLE dbo.ContractIncidents (
    Id           INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ContractIncidents PRIMARY KEY,
    ContractId   INT            NOT NULL CONSTRAINT FK_ContractIncidents_Contracts REFERENCES dbo.Contracts (Id),
    TicketId     INT            NOT NULL CONSTRAINT FK_ContractIncidents_Tickets REFERENCES dbo.Tickets (Id),
    UsedUtc      DATETIME2(3)   NOT NULL,
    ReturnedUtc  DATETIME2(3)   NULL,
    ReturnedById INT            NULL CONSTRAINT FK_ContractIncidents_Users REFERENCES dbo.Users (Id),
    ReturnReason NVARCHAR(1000) NULL
);
CREATE INDEX IX_ContractIncidents_Contract ON dbo.ContractIncidents (ContractId, UsedUtc, Id);
CREATE UNIQUE INDEX UX_ContractIncidents_Held ON dbo.ContractIncidents (TicketId) WHERE ReturnedUtc IS NULL;

-- NeedsClassification: filed with no product, or one the catalogue does not know; listed on the desk's Triage tab
-- until an engineer classifies it. IntakeEntitlement: the decision given when the ticket was filed, kept once a
-- classification judged it again (Entitlement is always the decision in force).
ALTER TABLE dbo.Tickets ADD
    NeedsClassification BIT            NOT NULL CONSTRAINT DF_Tickets_NeedsClassification DEFAULT (0),
    IntakeEntitlement   NVARCHAR(MAX)  NULL,
    ClassifiedById      INT            NULL CONSTRAINT FK_Tickets_ClassifiedBy REFERENCES dbo.Users (Id),
    ClassifiedUtc       DATETIME2(3)   NULL,
    DuplicateOfId       INT            NULL CONSTRAINT FK_Tickets_DuplicateOf REFERENCES dbo.Tickets (Id),
    NotAnIncidentReason NVARCHAR(1000) NULL;
GO
-- Tickets judged without a product the catalogue knows need classification and hold no incident.
UPDATE dbo.Tickets SET NeedsClassification = 1
WHERE Entitlement IS NOT NULL AND Entitlement LIKE '%"productCode":null%';

-- The incidents used so far: every ticket judged Entitled under a contract for a product the catalogue knows.
INSERT INTO dbo.ContractIncidents (ContractId, TicketId, UsedUtc)
SELECT t.ContractId, t.Id, t.CreatedUtc
FROM dbo.Tickets t
WHERE t.Verdict = 'Entitled' AND t.ContractId IS NOT NULL AND t.NeedsClassification = 0;

UPDATE dbo.Contracts
SET IncidentsUsed = (SELECT COUNT(*) FROM dbo.ContractIncidents ci WHERE ci.ContractId = dbo.Contracts.Id AND ci.ReturnedUtc IS NULL);

CREATE INDEX IX_Tickets_NeedsClassification ON dbo.Tickets (UpdatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_DuplicateOf ON dbo.Tickets (DuplicateOfId) WHERE DuplicateOfId IS NOT NULL;
