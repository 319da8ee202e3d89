-- Each engineer's open tickets (New, Open, PendingCustomer, OnHold assigned to them) kept on the profile row, so the
-- router and the queue pullers read one column instead of counting tickets on every filing. Triggers on Tickets keep
-- it in the transaction of every write that assigns, unassigns, reopens, resolves, closes, files or deletes a ticket;
-- a profile made for someone who already holds tickets starts from their count.
ALTER TABLE dbo.EngineerProfiles ADD OpenTickets INT NOT NULL CONSTRAINT DF_EngineerProfiles_OpenTickets DEFAULT (0);
GO
UPDATE p
SET OpenTickets = (SELECT COUNT(*) FROM dbo.Tickets t
                   WHERE t.AssigneeId = p.UserId AND t.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'))
FROM dbo.EngineerProfiles p;
GO
CREATE TRIGGER dbo.TR_Tickets_OpenTickets ON dbo.Tickets AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE p
    SET OpenTickets = p.OpenTickets + c.Change
    FROM dbo.EngineerProfiles p
    JOIN (
        SELECT moved.AssigneeId, SUM(moved.Change) AS Change
        FROM (
            SELECT i.AssigneeId, 1 AS Change FROM inserted i
            WHERE i.AssigneeId IS NOT NULL AND i.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')
            UNION ALL
            SELECT d.AssigneeId, -1 AS Change FROM deleted d
            WHERE d.AssigneeId IS NOT NULL AND d.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')
        ) AS moved
        GROUP BY moved.AssigneeId
    ) AS c ON c.AssigneeId = p.UserId
    WHERE c.Change <> 0;
END;
GO
CREATE TRIGGER dbo.TR_EngineerProfiles_OpenTickets ON dbo.EngineerProfiles AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    UPDATE p
    SET OpenTickets = (SELECT COUNT(*) FROM dbo.Tickets t
                       WHERE t.AssigneeId = p.UserId AND t.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'))
    FROM dbo.EngineerProfiles p
    JOIN inserted i ON i.UserId = p.UserId;
END;
