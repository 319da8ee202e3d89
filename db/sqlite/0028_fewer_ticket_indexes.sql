-- Fewer indexes on Tickets, each of which every filing and every ticket update writes, with every list still read in
-- the order of an index:
-- * Open statuses sorted by created, severity or due time read a filtered index of open tickets (a few percent of the
--   rows) instead of (status, sort) over every ticket; by update time they read (status, updated) one arm per status,
--   the index closing resolved tickets needs anyway. A list of closed or resolved statuses reads the sort's own index.
-- * An assignee's list by update time reads (assignee, status, updated), which the engineers' open counts need anyway,
--   one arm per status, so neither (assignee, updated) nor its open-tickets twin is kept.
-- * The duplicates of a ticket are found by (duplicate of, created), whose first column is the older index's only one.
DROP INDEX IX_Tickets_Status_Created;
DROP INDEX IX_Tickets_Status_Severity;
DROP INDEX IX_Tickets_Status_Due;
CREATE INDEX IX_Tickets_Open_Created ON Tickets (CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_Open_Severity ON Tickets (Severity, Id DESC) WHERE Status <> 'Resolved' AND Status <> 'Closed';
CREATE INDEX IX_Tickets_Open_Due ON Tickets (QueueDueUtc, Severity, CreatedUtc, Id) WHERE Status <> 'Resolved' AND Status <> 'Closed';

DROP INDEX IX_Tickets_Assignee_Updated;
DROP INDEX IX_Tickets_AssigneeOpen_Updated;

DROP INDEX IX_Tickets_DuplicateOf;
