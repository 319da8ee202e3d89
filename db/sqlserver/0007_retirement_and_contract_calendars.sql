-- Releases and environments are retired rather than deleted once a ticket or a published scope names them; a
-- contract may read its plan's support hours in its own time zone and close on its own holiday calendar; and the
-- manage audit trail records who cancelled, reinstated, retired, reinstated or discarded what, and when.
ALTER TABLE dbo.ProductReleases ADD RetiredUtc DATETIME2(3) NULL;
ALTER TABLE dbo.Environments ADD RetiredUtc DATETIME2(3) NULL;
ALTER TABLE dbo.Contracts ADD
    SupportTimeZone   NVARCHAR(64) NULL,
    HolidayCalendarId INT          NULL CONSTRAINT FK_Contracts_HolidayCalendars REFERENCES dbo.HolidayCalendars (Id);

-- Subject: contract, product (its releases and draft scope) or environment; SubjectId is that row's id.
CREATE TABLE dbo.ManageAudit (
    Id         INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ManageAudit PRIMARY KEY,
    Subject    VARCHAR(24)    NOT NULL,
    SubjectId  INT            NOT NULL,
    ActorId    INT            NULL CONSTRAINT FK_ManageAudit_Users REFERENCES dbo.Users (Id),
    Action     NVARCHAR(300)  NOT NULL,
    Detail     NVARCHAR(4000) NOT NULL,
    CreatedUtc DATETIME2(3)   NOT NULL
);
CREATE INDEX IX_ManageAudit_Subject ON dbo.ManageAudit (Subject, SubjectId, Id);
