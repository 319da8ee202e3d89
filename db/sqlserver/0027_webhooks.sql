-- Webhook subscriptions and their outbox of deliveries. State: Active or Paused. Events: a comma-separated list of
-- event types, or "*" for every event. Secret is protected with the installation's data-protection keys.
CREATE TABLE dbo.WebhookSubscriptions (
    Id               INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_WebhookSubscriptions PRIMARY KEY,
    Url              NVARCHAR(2000) NOT NULL,
    Description      NVARCHAR(200)  NOT NULL,
    Events           VARCHAR(1000)  NOT NULL,
    Secret           NVARCHAR(1000) NOT NULL,
    State            VARCHAR(16)    NOT NULL,
    PausedReason     NVARCHAR(1000) NULL,
    PausedUtc        DATETIME2(3)   NULL,
    FailingSinceUtc  DATETIME2(3)   NULL,
    LastDeliveredUtc DATETIME2(3)   NULL,
    CreatedUtc       DATETIME2(3)   NOT NULL,
    UpdatedUtc       DATETIME2(3)   NOT NULL,
    Version          INT            NOT NULL CONSTRAINT DF_WebhookSubscriptions_Version DEFAULT (1)
);

-- One row per (event, subscription), written in the transaction of the change. Status: Pending, Sending, Delivered or
-- Failed. The unique key makes an event reach a subscription once; TicketId orders a ticket's events.
CREATE TABLE dbo.WebhookDeliveries (
    Id              INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_WebhookDeliveries PRIMARY KEY,
    SubscriptionId  INT              NOT NULL CONSTRAINT FK_WebhookDeliveries_Subscriptions REFERENCES dbo.WebhookSubscriptions (Id),
    EventId         VARCHAR(36)      NOT NULL,
    EventType       VARCHAR(40)      NOT NULL,
    TicketId        INT              NULL,
    Payload         NVARCHAR(MAX)    NOT NULL,
    Status          VARCHAR(16)      NOT NULL,
    Attempts        INT              NOT NULL,
    CreatedUtc      DATETIME2(3)     NOT NULL,
    NextAttemptUtc  DATETIME2(3)     NOT NULL,
    ClaimedUntilUtc DATETIME2(3)     NULL,
    LastAttemptUtc  DATETIME2(3)     NULL,
    DeliveredUtc    DATETIME2(3)     NULL,
    LastStatusCode  INT              NULL,
    LastResponse    NVARCHAR(2100)   NULL
);
CREATE UNIQUE INDEX UX_WebhookDeliveries_Subscription_Event ON dbo.WebhookDeliveries (SubscriptionId, EventId);
CREATE INDEX IX_WebhookDeliveries_Due ON dbo.WebhookDeliveries (Status, NextAttemptUtc, Id);
CREATE INDEX IX_WebhookDeliveries_Ticket ON dbo.WebhookDeliveries (SubscriptionId, TicketId, Id);
