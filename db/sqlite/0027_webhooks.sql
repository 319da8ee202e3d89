-- Webhook subscriptions and their outbox of deliveries. State: Active or Paused. Events: a comma-separated list of
-- event types, or "*" for every event. Secret is protected with the installation's data-protection keys.
CREATE TABLE WebhookSubscriptions (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    Url              TEXT    NOT NULL,
    Description      TEXT    NOT NULL,
    Events           TEXT    NOT NULL,
    Secret           TEXT    NOT NULL,
    State            TEXT    NOT NULL,
    PausedReason     TEXT    NULL,
    PausedUtc        TEXT    NULL,
    FailingSinceUtc  TEXT    NULL,
    LastDeliveredUtc TEXT    NULL,
    CreatedUtc       TEXT    NOT NULL,
    UpdatedUtc       TEXT    NOT NULL,
    Version          INTEGER NOT NULL DEFAULT 1
);

-- One row per (event, subscription), written in the transaction of the change. Status: Pending, Sending, Delivered or
-- Failed. The unique key makes an event reach a subscription once; TicketId orders a ticket's events.
CREATE TABLE WebhookDeliveries (
    Id              INTEGER PRIMARY KEY AUTOINCREMENT,
    SubscriptionId  INTEGER NOT NULL REFERENCES WebhookSubscriptions (Id),
    EventId         TEXT    NOT NULL,
    EventType       TEXT    NOT NULL,
    TicketId        INTEGER NULL,
    Payload         TEXT    NOT NULL,
    Status          TEXT    NOT NULL,
    Attempts        INTEGER NOT NULL,
    CreatedUtc      TEXT    NOT NULL,
    NextAttemptUtc  TEXT    NOT NULL,
    ClaimedUntilUtc TEXT    NULL,
    LastAttemptUtc  TEXT    NULL,
    DeliveredUtc    TEXT    NULL,
    LastStatusCode  INTEGER NULL,
    LastResponse    TEXT    NULL
);
CREATE UNIQUE INDEX UX_WebhookDeliveries_Subscription_Event ON WebhookDeliveries (SubscriptionId, EventId);
CREATE INDEX IX_WebhookDeliveries_Due ON WebhookDeliveries (Status, NextAttemptUtc, Id);
CREATE INDEX IX_WebhookDeliveries_Ticket ON WebhookDeliveries (SubscriptionId, TicketId, Id);
