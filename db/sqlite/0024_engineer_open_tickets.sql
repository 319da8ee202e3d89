-- Each engineer's open tickets (New, Open, PendingCustomer, OnHold assigned to them) kept on the profile row, so the
-- router and the queue pullers read one column instead of counting tickets on every filing. Triggers on Tickets keep
-- it in the transaction of every write that assigns, unassigns, reopens, resolves, closes, files or deletes a ticket;
-- a profile made for someone who already holds tickets starts from their count.
ALTER TABLE EngineerProfiles ADD COLUMN OpenTickets INTEGER NOT NULL DEFAULT 0;

UPDATE EngineerProfiles
SET OpenTickets = (SELECT COUNT(*) FROM Tickets t
                   WHERE t.AssigneeId = EngineerProfiles.UserId AND t.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'));

CREATE TRIGGER TR_Tickets_OpenTickets_Insert AFTER INSERT ON Tickets
WHEN NEW.AssigneeId IS NOT NULL AND NEW.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')
BEGIN
    UPDATE EngineerProfiles SET OpenTickets = OpenTickets + 1 WHERE UserId = NEW.AssigneeId;
END;
CREATE TRIGGER TR_Tickets_OpenTickets_Update AFTER UPDATE OF AssigneeId, Status ON Tickets
WHEN OLD.AssigneeId IS NOT NEW.AssigneeId
  OR (OLD.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')) <> (NEW.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'))
BEGIN
    UPDATE EngineerProfiles SET OpenTickets = OpenTickets - 1
    WHERE UserId = OLD.AssigneeId AND OLD.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold');
    UPDATE EngineerProfiles SET OpenTickets = OpenTickets + 1
    WHERE UserId = NEW.AssigneeId AND NEW.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold');
END;
CREATE TRIGGER TR_Tickets_OpenTickets_Delete AFTER DELETE ON Tickets
WHEN OLD.AssigneeId IS NOT NULL AND OLD.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold')
BEGIN
    UPDATE EngineerProfiles SET OpenTickets = OpenTickets - 1 WHERE UserId = OLD.AssigneeId;
END;
CREATE TRIGGER TR_EngineerProfiles_OpenTickets_Insert AFTER INSERT ON EngineerProfiles
BEGIN
    UPDATE EngineerProfiles
    SET OpenTickets = (SELECT COUNT(*) FROM Tickets t
                       WHERE t.AssigneeId = NEW.UserId AND t.Status IN ('New', 'Open', 'PendingCustomer', 'OnHold'))
    WHERE UserId = NEW.UserId;
END;
