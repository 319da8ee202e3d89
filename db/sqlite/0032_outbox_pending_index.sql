-- The outbox's first index, on (SentUtc, NextAttemptUtc), found the mail still to send before 0005 gave each message a
-- Status; every query since reads IX_OutboxMessages_Due (Status, NextAttemptUtc, Id) or the row by its Id. It was still
-- written by every message queued (an acknowledgement with every filing) and again by every mark of one sent.
DROP INDEX IX_OutboxMessages_Pending;
