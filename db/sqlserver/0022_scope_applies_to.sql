-- A published scope version applies either to every contract at once ('Now') or only to contracts whose term starts
-- on or after the day it was published ('AtRenewal'); contracts already running keep the version in force at their
-- start until they renew. Versions published before this choice existed applied at once.
ALTER TABLE dbo.ScopeVersions ADD AppliesTo VARCHAR(16) NOT NULL CONSTRAINT DF_ScopeVersions_AppliesTo DEFAULT ('Now');

-- The what-if of a scope draft reads a product's tickets filed in a period.
CREATE INDEX IX_Tickets_Product_Created ON dbo.Tickets (Product, CreatedUtc, Id);
