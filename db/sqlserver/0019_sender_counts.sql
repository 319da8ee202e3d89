-- Mail: how many messages intake let through from a sender in a throttle window (Mail:ThrottleMinutes long). A
-- conditional UPDATE takes one (Taken < Mail:ThrottleMessages), so parallel intake of one sender's mail never lets
-- more than the limit through. Rows of past windows are removed when a new window starts.
CREATE TABLE dbo.SenderCounts (
    SenderAddress  NVARCHAR(320) NOT NULL,
    WindowStartUtc DATETIME2(3)  NOT NULL,
    Taken          INT           NOT NULL,
    CONSTRAINT PK_SenderCounts PRIMARY KEY (SenderAddress, WindowStartUtc)
);
CREATE INDEX IX_SenderCounts_Window ON dbo.SenderCounts (WindowStartUtc);
