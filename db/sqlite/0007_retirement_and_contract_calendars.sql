-- Releases and environments are retired rather than deleted once a ticket or a published scope names them; a
-- contract may read its plan's support hours in its own time zone and close on its own holiday calendar; and the
-- manage audit trail records who cancelled, reinstated, retired, reinstated or discarded what, and when.
ALTER TABLE ProductReleases ADD COLUMN RetiredUtc TEXT NULL;
ALTER TABLE Environments ADD COLUMN RetiredUtc TEXT NULL;
ALTER TABLE Contracts ADD COLUMN SupportTimeZone TEXT NULL;
ALTER TABLE Contracts ADD COLUMN HolidayCalendarId INTEGER NULL REFERENCES HolidayCalendars (Id);

-- Subject: contract, product (its releases and draft scope) or environment; SubjectId is that row's id.
CREATE TABLE ManageAudit (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    Subject    TEXT    NOT NULL,
    SubjectId  INTEGER NOT NULL,
    ActorId    INTEGER NULL REFERENCES Users (Id),
    Action     TEXT    NOT NULL,
    Detail     TEXT    NOT NULL,
    CreatedUtc TEXT    NOT NULL
);
CREATE INDEX IX_ManageAudit_Subject ON ManageAudit (Subject, SubjectId, Id);
