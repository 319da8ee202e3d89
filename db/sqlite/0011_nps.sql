-- NPS: every time a customer contact is asked "How likely are you to recommend us to a colleague?", on the portal or
-- in a resolution mail. Outcome is NULL while the ask is open, then answered (AnswerId names the NpsAnswers row) or
-- dismissed ("Not now"), at OutcomeUtc. The latest of an ask, its outcome and the contact's last answer starts the
-- 90 days before they are asked again (Core: NpsSurvey). Channel: portal or mail; TicketId: the ticket whose
-- resolution mail asked.
CREATE TABLE NpsAsks (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId     INTEGER NOT NULL REFERENCES Users (Id),
    Channel    TEXT    NOT NULL,
    TicketId   INTEGER NULL REFERENCES Tickets (Id),
    AskedUtc   TEXT    NOT NULL,
    Outcome    TEXT    NULL,
    OutcomeUtc TEXT    NULL,
    AnswerId   INTEGER NULL REFERENCES NpsAnswers (Id)
);
CREATE INDEX IX_NpsAsks_User ON NpsAsks (UserId, AskedUtc);
