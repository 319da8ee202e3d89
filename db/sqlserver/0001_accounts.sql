-- Organisations, Identity users and roles, data-protection keys, and the outbox for account mail.
CREATE TABLE dbo.Organisations (
    Id          INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Organisations PRIMARY KEY,
    Name        NVARCHAR(200) NOT NULL,
    Region      VARCHAR(16)   NOT NULL,
    Segment     VARCHAR(16)   NOT NULL,
    CreatedUtc  DATETIME2(3)  NOT NULL,
    Version     INT           NOT NULL CONSTRAINT DF_Organisations_Version DEFAULT (1)
);
CREATE UNIQUE INDEX UX_Organisations_Name ON dbo.Organisations (Name);

CREATE TABLE dbo.OrganisationDomains (
    Domain          NVARCHAR(253) NOT NULL CONSTRAINT PK_OrganisationDomains PRIMARY KEY,
    OrganisationId  INT           NOT NULL CONSTRAINT FK_OrganisationDomains_Organisations REFERENCES dbo.Organisations (Id)
);
CREATE INDEX IX_OrganisationDomains_OrganisationId ON dbo.OrganisationDomains (OrganisationId);

CREATE TABLE dbo.Users (
    Id                   INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    UserName             NVARCHAR(256) NOT NULL,
    NormalizedUserName   NVARCHAR(256) NOT NULL,
    Email                NVARCHAR(256) NOT NULL,
    NormalizedEmail      NVARCHAR(256) NOT NULL,
    EmailConfirmed       BIT           NOT NULL CONSTRAINT DF_Users_EmailConfirmed DEFAULT (0),
    DisplayName          NVARCHAR(200) NOT NULL,
    PasswordHash         NVARCHAR(MAX) NULL,
    SecurityStamp        NVARCHAR(64)  NULL,
    ConcurrencyStamp     NVARCHAR(64)  NOT NULL,
    PhoneNumber          NVARCHAR(32)  NULL,
    PhoneNumberConfirmed BIT           NOT NULL CONSTRAINT DF_Users_PhoneNumberConfirmed DEFAULT (0),
    TwoFactorEnabled     BIT           NOT NULL CONSTRAINT DF_Users_TwoFactorEnabled DEFAULT (0),
    LockoutEndUtc        DATETIME2(3)  NULL,
    LockoutEnabled       BIT           NOT NULL CONSTRAINT DF_Users_LockoutEnabled DEFAULT (1),
    AccessFailedCount    INT           NOT NULL CONSTRAINT DF_Users_AccessFailedCount DEFAULT (0),
    OrganisationId       INT           NULL CONSTRAINT FK_Users_Organisations REFERENCES dbo.Organisations (Id),
    CreatedUtc           DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX UX_Users_NormalizedUserName ON dbo.Users (NormalizedUserName);
CREATE INDEX IX_Users_NormalizedEmail ON dbo.Users (NormalizedEmail);
CREATE INDEX IX_Users_OrganisationId ON dbo.Users (OrganisationId);

CREATE TABLE dbo.Roles (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_Roles PRIMARY KEY,
    Name             NVARCHAR(256) NOT NULL,
    NormalizedName   NVARCHAR(256) NOT NULL,
    ConcurrencyStamp NVARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX UX_Roles_NormalizedName ON dbo.Roles (NormalizedName);

CREATE TABLE dbo.UserRoles (
    UserId INT NOT NULL CONSTRAINT FK_UserRoles_Users REFERENCES dbo.Users (Id) ON DELETE CASCADE,
    RoleId INT NOT NULL CONSTRAINT FK_UserRoles_Roles REFERENCES dbo.Roles (Id) ON DELETE CASCADE,
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, RoleId)
);
CREATE INDEX IX_UserRoles_RoleId ON dbo.UserRoles (RoleId);

CREATE TABLE dbo.UserClaims (
    Id         INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_UserClaims PRIMARY KEY,
    UserId     INT           NOT NULL CONSTRAINT FK_UserClaims_Users REFERENCES dbo.Users (Id) ON DELETE CASCADE,
    ClaimType  NVARCHAR(256) NOT NULL,
    ClaimValue NVARCHAR(MAX) NULL
);
CREATE INDEX IX_UserClaims_UserId ON dbo.UserClaims (UserId);
CREATE INDEX IX_UserClaims_ClaimType ON dbo.UserClaims (ClaimType);

CREATE TABLE dbo.RoleClaims (
    Id         INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_RoleClaims PRIMARY KEY,
    RoleId     INT           NOT NULL CONSTRAINT FK_RoleClaims_Roles REFERENCES dbo.Roles (Id) ON DELETE CASCADE,
    ClaimType  NVARCHAR(256) NOT NULL,
    ClaimValue NVARCHAR(MAX) NULL
);
CREATE INDEX IX_RoleClaims_RoleId ON dbo.RoleClaims (RoleId);

CREATE TABLE dbo.UserTokens (
    UserId        INT           NOT NULL CONSTRAINT FK_UserTokens_Users REFERENCES dbo.Users (Id) ON DELETE CASCADE,
    LoginProvider NVARCHAR(128) NOT NULL,
    Name          NVARCHAR(128) NOT NULL,
    Value         NVARCHAR(MAX) NULL,
    CONSTRAINT PK_UserTokens PRIMARY KEY (UserId, LoginProvider, Name)
);

CREATE TABLE dbo.DataProtectionKeys (
    Id           INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_DataProtectionKeys PRIMARY KEY,
    FriendlyName NVARCHAR(128) NOT NULL,
    Xml          NVARCHAR(MAX) NOT NULL,
    CreatedUtc   DATETIME2(3)  NOT NULL
);
CREATE UNIQUE INDEX UX_DataProtectionKeys_FriendlyName ON dbo.DataProtectionKeys (FriendlyName);

CREATE TABLE dbo.OutboxMessages (
    Id             INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_OutboxMessages PRIMARY KEY,
    Kind           VARCHAR(32)   NOT NULL,
    ToAddress      NVARCHAR(320) NOT NULL,
    Subject        NVARCHAR(400) NOT NULL,
    TextBody       NVARCHAR(MAX) NOT NULL,
    HtmlBody       NVARCHAR(MAX) NULL,
    CreatedUtc     DATETIME2(3)  NOT NULL,
    NextAttemptUtc DATETIME2(3)  NOT NULL,
    Attempts       INT           NOT NULL CONSTRAINT DF_OutboxMessages_Attempts DEFAULT (0),
    SentUtc        DATETIME2(3)  NULL,
    LastError      NVARCHAR(MAX) NULL
);
CREATE INDEX IX_OutboxMessages_Pending ON dbo.OutboxMessages (SentUtc, NextAttemptUtc);
