-- API tokens: a personal token of any account, or one an administrator made for a service account. The token's text is
-- hd_<LookupKey>_<secret>: LookupKey finds the row through its unique index, and only the SHA-256 of the secret is kept
-- (SecretHash, hex), so the text cannot be read back. Scopes are the token's ApiScopes names separated by spaces.
-- LastUsedUtc is written at most about once a minute per token; RevokedUtc ends the token at its next use. The user
-- columns carry no foreign key: a token outlives a removed owner, so that its next use can say the owner is gone.
CREATE TABLE ApiTokens (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId      INTEGER NOT NULL,
    Name        TEXT    NOT NULL,
    Scopes      TEXT    NOT NULL,
    LookupKey   TEXT    NOT NULL,
    SecretHash  TEXT    NOT NULL,
    CreatedById INTEGER NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    ExpiresUtc  TEXT    NOT NULL,
    LastUsedUtc TEXT    NULL,
    RevokedUtc  TEXT    NULL,
    RevokedById INTEGER NULL,
    Version     INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_ApiTokens_LookupKey ON ApiTokens (LookupKey);
CREATE INDEX IX_ApiTokens_UserId ON ApiTokens (UserId, Id);

-- Service accounts: accounts an administrator made for another system to call the API with tokens. They have no
-- password and an address under the reserved .invalid domain, so no one can sign in as one or receive its reset mail.
CREATE TABLE ServiceAccounts (
    UserId      INTEGER NOT NULL PRIMARY KEY REFERENCES Users (Id) ON DELETE CASCADE,
    CreatedById INTEGER NOT NULL REFERENCES Users (Id),
    CreatedUtc  TEXT    NOT NULL
);
