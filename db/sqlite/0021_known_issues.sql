-- Known issues (defects, known limitations, feature requests), the tickets linked to them and the fix notices sent.
-- Kind: Defect, KnownLimitation or FeatureRequest. Status: Open, FixPlanned, Fixed or WontFix; StatusRelease names the
-- release of a planned or shipped fix.
CREATE TABLE KnownIssues (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    Title            TEXT    NOT NULL,
    ProductId        INTEGER NOT NULL REFERENCES Products (Id),
    AffectedReleases TEXT    NOT NULL,
    Kind             TEXT    NOT NULL,
    Status           TEXT    NOT NULL,
    StatusRelease    TEXT    NULL,
    PublicNote       TEXT    NOT NULL,
    CreatedUtc       TEXT    NOT NULL,
    UpdatedUtc       TEXT    NOT NULL,
    Version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_KnownIssues_Product_Status ON KnownIssues (ProductId, Status);

-- A ticket links to at most one known issue: the ticket is the key.
CREATE TABLE KnownIssueTickets (
    TicketId     INTEGER NOT NULL PRIMARY KEY REFERENCES Tickets (Id),
    KnownIssueId INTEGER NOT NULL REFERENCES KnownIssues (Id),
    LinkedById   INTEGER NULL REFERENCES Users (Id),
    LinkedUtc    TEXT    NOT NULL,
    Version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_KnownIssueTickets_KnownIssue ON KnownIssueTickets (KnownIssueId, TicketId);

-- One row per ticket told of the issue's fix: the key lets one notice through per ticket.
CREATE TABLE KnownIssueNotices (
    KnownIssueId INTEGER NOT NULL REFERENCES KnownIssues (Id),
    TicketId     INTEGER NOT NULL REFERENCES Tickets (Id),
    NotifiedUtc  TEXT    NOT NULL,
    PRIMARY KEY (KnownIssueId, TicketId)
);
