-- Organisations, Identity users and roles, data-protection keys, and the outbox for account mail.
CREATE TABLE Organisations (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    Name        TEXT    NOT NULL,
    Region      TEXT    NOT NULL,
    Segment     TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    Version     INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_Organisations_Name ON Organisations (Name);

CREATE TABLE OrganisationDomains (
    Domain          TEXT    NOT NULL PRIMARY KEY,
    OrganisationId  INTEGER NOT NULL REFERENCES Organisations (Id)
);
CREATE INDEX IX_OrganisationDomains_OrganisationId ON OrganisationDomains (OrganisationId);

CREATE TABLE Users (
    Id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    UserName             TEXT    NOT NULL,
    NormalizedUserName   TEXT    NOT NULL,
    Email                TEXT    NOT NULL,
    NormalizedEmail      TEXT    NOT NULL,
    EmailConfirmed       INTEGER NOT NULL DEFAULT 0,
    DisplayName          TEXT    NOT NULL,
    PasswordHash         TEXT    NULL,
    SecurityStamp        TEXT    NULL,
    ConcurrencyStamp     TEXT    NOT NULL,
    PhoneNumber          TEXT    NULL,
    PhoneNumberConfirmed INTEGER NOT NULL DEFAULT 0,
    TwoFactorEnabled     INTEGER NOT NULL DEFAULT 0,
    LockoutEndUtc        TEXT    NULL,
    LockoutEnabled       INTEGER NOT NULL DEFAULT 1,
    AccessFailedCount    INTEGER NOT NULL DEFAULT 0,
    OrganisationId       INTEGER NULL REFERENCES Organisations (Id),
    CreatedUtc           TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_Users_NormalizedUserName ON Users (NormalizedUserName);
CREATE INDEX IX_Users_NormalizedEmail ON Users (NormalizedEmail);
CREATE INDEX IX_Users_OrganisationId ON Users (OrganisationId);

CREATE TABLE Roles (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    Name             TEXT NOT NULL,
    NormalizedName   TEXT NOT NULL,
    ConcurrencyStamp TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Roles_NormalizedName ON Roles (NormalizedName);

CREATE TABLE UserRoles (
    UserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    RoleId INTEGER NOT NULL REFERENCES Roles (Id) ON DELETE CASCADE,
    PRIMARY KEY (UserId, RoleId)
);
CREATE INDEX IX_UserRoles_RoleId ON UserRoles (RoleId);

CREATE TABLE UserClaims (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId     INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    ClaimType  TEXT    NOT NULL,
    ClaimValue TEXT    NULL
);
CREATE INDEX IX_UserClaims_UserId ON UserClaims (UserId);
CREATE INDEX IX_UserClaims_ClaimType ON UserClaims (ClaimType);

CREATE TABLE RoleClaims (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    RoleId     INTEGER NOT NULL REFERENCES Roles (Id) ON DELETE CASCADE,
    ClaimType  TEXT    NOT NULL,
    ClaimValue TEXT    NULL
);
CREATE INDEX IX_RoleClaims_RoleId ON RoleClaims (RoleId);

CREATE TABLE UserTokens (
    UserId        INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    LoginProvider TEXT    NOT NULL,
    Name          TEXT    NOT NULL,
    Value         TEXT    NULL,
    PRIMARY KEY (UserId, LoginProvider, Name)
);

CREATE TABLE DataProtectionKeys (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    FriendlyName TEXT    NOT NULL,
    Xml          TEXT    NOT NULL,
    CreatedUtc   TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_DataProtectionKeys_FriendlyName ON DataProtectionKeys (FriendlyName);

CREATE TABLE OutboxMessages (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    Kind           TEXT    NOT NULL,
    ToAddress      TEXT    NOT NULL,
    Subject        TEXT    NOT NULL,
    TextBody       TEXT    NOT NULL,
    HtmlBody       TEXT    NULL,
    CreatedUtc     TEXT    NOT NULL,
    NextAttemptUtc TEXT    NOT NULL,
    Attempts       INTEGER NOT NULL DEFAULT 0,
    SentUtc        TEXT    NULL,
    LastError      TEXT    NULL
);
CREATE INDEX IX_OutboxMessages_Pending ON OutboxMessages (SentUtc, NextAttemptUtc);
