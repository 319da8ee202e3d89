-- Correcting a ticket's facts (classification), the incidents a contract's tickets use (taken atomically in the
-- ticket's transaction, given back when a ticket turns out not to be one), and duplicates merged into their original.

-- IncidentsUsed: the incidents of the contract its tickets hold now; a ticket takes one only while it is below the
-- plan's allowance (a conditional UPDATE in the ticket's transaction), so two tickets racing for the last one cannot
-- both get it.
ALTER TABLE Contracts ADD COLUMN IncidentsUsed INTEGER NOT NULL DEFAULT 0;

-- One row per incident taken: by which ticket, when, and, once given back, when, by whom and why. A ticket holds at
-- most one incident at a time (the unique index on the rows not given back).
CREATE TABLE ContractIncidents (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ContractId   INTEGER NOT NULL REFERENCES Contracts (Id),
    TicketId     INTEGER NOT NULL REFERENCES Tickets (Id),
    UsedUtc      TEXT    NOT NULL,
    ReturnedUtc  TEXT    NULL,
    ReturnedById INTEGER NULL REFERENCES Users (Id),
    ReturnReason TEXT    NULL
);
CREATE INDEX IX_ContractIncidents_Contract ON ContractIncidents (ContractId, UsedUtc, Id);
CREATE UNIQUE INDEX UX_ContractIncidents_Held ON ContractIncidents (TicketId) WHERE ReturnedUtc IS NULL;

-- NeedsClassification: filed with no product, or one the catalogue does not know; listed on the desk's Triage tab
-- until an engineer classifies it. IntakeEntitlement: the decision given when the ticket was filed, kept once a
-- classification judged it again (Entitlement is always the decision in force).
ALTER TABLE Tickets ADD COLUMN NeedsClassification INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Tickets ADD COLUMN IntakeEntitlement TEXT NULL;
ALTER TABLE Tickets ADD COLUMN ClassifiedById INTEGER NULL REFERENCES Users (Id);
ALTER TABLE Tickets ADD COLUMN ClassifiedUtc TEXT NULL;
ALTER TABLE Tickets ADD COLUMN DuplicateOfId INTEGER NULL REFERENCES Tickets (Id);
ALTER TABLE Tickets ADD COLUMN NotAnIncidentReason TEXT NULL;

-- Tickets judged without a product the catalogue knows need classification and hold no incident.
UPDATE Tickets SET NeedsClassification = 1
WHERE Entitlement IS NOT NULL AND Entitlement LIKE '%"productCode":null%';

-- The incidents used so far: every ticket judged Entitled under a contract for a product the catalogue knows.
INSERT INTO ContractIncidents (ContractId, TicketId, UsedUtc)
SELECT t.ContractId, t.Id, t.CreatedUtc
FROM Tickets t
WHERE t.Verdict = 'Entitled' AND t.ContractId IS NOT NULL AND t.NeedsClassification = 0;

UPDATE Contracts
SET IncidentsUsed = (SELECT COUNT(*) FROM ContractIncidents ci WHERE ci.ContractId = Contracts.Id AND ci.ReturnedUtc IS NULL);

CREATE INDEX IX_Tickets_NeedsClassification ON Tickets (UpdatedUtc, Id) WHERE NeedsClassification = 1;
CREATE INDEX IX_Tickets_DuplicateOf ON Tickets (DuplicateOfId) WHERE DuplicateOfId IS NOT NULL;
