-- Mail: how many messages intake let through from a sender in a throttle window (Mail:ThrottleMinutes long). A
-- conditional UPDATE takes one (Taken < Mail:ThrottleMessages), so parallel intake of one sender's mail never lets
-- more than the limit through. Rows of past windows are removed when a new window starts.
CREATE TABLE SenderCounts (
    SenderAddress  TEXT    NOT NULL,
    WindowStartUtc TEXT    NOT NULL,
    Taken          INTEGER NOT NULL,
    PRIMARY KEY (SenderAddress, WindowStartUtc)
);
CREATE INDEX IX_SenderCounts_Window ON SenderCounts (WindowStartUtc);
