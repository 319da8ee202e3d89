-- API tokens: a personal token of any account, or one an administrator made for a service account. The token's text is
-- hd_<LookupKey>_<secret>: LookupKey finds the row through its unique index, and only the SHA-256 of the secret is kept
-- (SecretHash, hex), so the text cannot be read back. Scopes are the token's ApiScopes names separated by spaces.
-- LastUsedUtc is written at most about once a minute per token; RevokedUtc ends the token at its next use. The user
-- columns carry no foreign key: a token outlives a removed owner, so that its next use can say the owner is gone.
CREATE TABLE dbo.ApiTokens (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ApiTokens PRIMARY KEY,
    UserId      INT            NOT NULL,
    Name        NVARCHAR(100)  NOT NULL,
    Scopes      VARCHAR(400)   NOT NULL,
    LookupKey   VARCHAR(32)    NOT NULL,
    SecretHash  CHAR(64)       NOT NULL,
    CreatedById INT            NOT NULL,
    CreatedUtc  DATETIME2(3)   NOT NULL,
    ExpiresUtc  DATETIME2(3)   NOT NULL,
    LastUsedUtc DATETIME2(3)   NULL,
    RevokedUtc  DATETIME2(3)   NULL,
    RevokedById INT            NULL,
    Version     INT            NOT NULL CONSTRAINT DF_ApiTokens_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_ApiTokens_LookupKey ON dbo.ApiTokens (LookupKey);
CREATE INDEX IX_ApiTokens_UserId ON dbo.ApiTokens (UserId, Id);

-- Service accounts: accounts an administrator made for another system to call the API with tokens. They have no
-- password and an address under the reserved .invalid domain, so no one can sign in as one or receive its reset mail.
CREATE TABLE dbo.ServiceAccounts (
    UserId      INT          NOT NULL CONSTRAINT PK_ServiceAccounts PRIMARY KEY
                             CONSTRAINT FK_ServiceAccounts_Users REFERENCES dbo.Users (Id) ON DELETE CASCADE,
    CreatedById INT          NOT NULL CONSTRAINT FK_ServiceAccounts_CreatedBy REFERENCES dbo.Users (Id),
    CreatedUtc  DATETIME2(3) NOT NULL
);
