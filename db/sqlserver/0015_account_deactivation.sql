-- Accounts: an administrator deactivates a leaver's account. A deactivated account cannot sign in, and the change
-- ends its sessions; reactivating clears the column. Who did it and when is in ManageAudit (subject 'account').
ALTER TABLE dbo.Users ADD DeactivatedUtc DATETIME2(3) NULL;
