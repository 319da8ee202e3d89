-- Mail: how many intake acknowledgements went out in a window, per counter ("address:…", "domain:…" or "all").
-- A conditional UPDATE takes one (Taken < limit), so nodes sharing the database agree and concurrent intake never
-- exceeds a limit. Rows of past windows are removed when a new window starts.
CREATE TABLE dbo.AcknowledgementCounts (
    CounterKey     NVARCHAR(400) NOT NULL,
    WindowStartUtc DATETIME2(3)  NOT NULL,
    Taken          INT           NOT NULL,
    CONSTRAINT PK_AcknowledgementCounts PRIMARY KEY (CounterKey, WindowStartUtc)
);
CREATE INDEX IX_AcknowledgementCounts_Window ON dbo.AcknowledgementCounts (WindowStartUtc);
