-- Accounts: every API refresh token that has been exchanged, by the SHA-256 of its text, kept until the token would
-- have expired. A token found here is refused: refresh tokens are single-use, and a second use ends the account's
-- sessions (it means the token was copied).
CREATE TABLE dbo.RefreshTokenUses (
    TokenHash  CHAR(64)     NOT NULL CONSTRAINT PK_RefreshTokenUses PRIMARY KEY,
    UserId     INT          NOT NULL,
    UsedUtc    DATETIME2(3) NOT NULL,
    ExpiresUtc DATETIME2(3) NOT NULL
);
CREATE INDEX IX_RefreshTokenUses_Expires ON dbo.RefreshTokenUses (ExpiresUtc);
