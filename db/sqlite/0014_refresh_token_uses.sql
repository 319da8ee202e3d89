-- Accounts: every API refresh token that has been exchanged, by the SHA-256 of its text, kept until the token would
-- have expired. A token found here is refused: refresh tokens are single-use, and a second use ends the account's
-- sessions (it means the token was copied).
CREATE TABLE RefreshTokenUses (
    TokenHash  TEXT    NOT NULL PRIMARY KEY,
    UserId     INTEGER NOT NULL,
    UsedUtc    TEXT    NOT NULL,
    ExpiresUtc TEXT    NOT NULL
);
CREATE INDEX IX_RefreshTokenUses_Expires ON RefreshTokenUses (ExpiresUtc);
