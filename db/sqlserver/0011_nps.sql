-- NPS: every time a customer contact is asked "How likely are you to recommend us to a colleague?", on the portal or
-- in a resolution mail. Outcome is NULL while the ask is open, then answered (AnswerId names the NpsAnswers row) or
-- dismissed ("Not now"), at OutcomeUtc. The latest of an ask, its outcome and the contact's last answer starts the
-- 90 days before they are asked again (Core: NpsSurvey). Channel: portal or mail; TicketId: the ticket whose
-- resolution mail asked.
CREATE TABLE dbo.NpsAsks (
    Id         INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_NpsAsks PRIMARY KEY,
    UserId     INT          NOT NULL CONSTRAINT FK_NpsAsks_Users REFERENCES dbo.Users (Id),
    Channel    VARCHAR(16)  NOT NULL,
    TicketId   INT          NULL CONSTRAINT FK_NpsAsks_Tickets REFERENCES dbo.Tickets (Id),
    AskedUtc   DATETIME2(3) NOT NULL,
    Outcome    VARCHAR(16)  NULL,
    OutcomeUtc DATETIME2(3) NULL,
    AnswerId   INT          NULL CONSTRAINT FK_NpsAsks_NpsAnswers REFERENCES dbo.NpsAnswers (Id)
);
CREATE INDEX IX_NpsAsks_User ON dbo.NpsAsks (UserId, AskedUtc);
