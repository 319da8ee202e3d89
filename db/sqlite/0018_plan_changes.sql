-- A plan's support hours and holidays, or a contract's own support time zone and holiday calendar, turn
-- first-response and resolution times into business minutes, so a change to them changes the facts of every ticket
-- under the contract or the plan. These triggers log such changes, in the transaction that makes them: a plan's as
-- kind 'plan' (the plan's id; the incremental rollup recomputes every ticket under a contract on it), a contract's
-- as its tickets.
CREATE TRIGGER TR_Plans_Economics_Update AFTER UPDATE ON Plans
WHEN OLD.AroundTheClock IS NOT NEW.AroundTheClock OR OLD.TimeZone IS NOT NEW.TimeZone OR OLD.OpensMinute IS NOT NEW.OpensMinute
  OR OLD.ClosesMinute IS NOT NEW.ClosesMinute OR OLD.Days IS NOT NEW.Days OR OLD.HolidayCalendarId IS NOT NEW.HolidayCalendarId
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('plan', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
CREATE TRIGGER TR_Holidays_Economics_Insert AFTER INSERT ON Holidays
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Plans p WHERE p.HolidayCalendarId = NEW.CalendarId;
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM Tickets t JOIN Contracts c ON c.Id = t.ContractId WHERE c.HolidayCalendarId = NEW.CalendarId;
END;
CREATE TRIGGER TR_Holidays_Economics_Update AFTER UPDATE ON Holidays
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Plans p WHERE p.HolidayCalendarId IN (OLD.CalendarId, NEW.CalendarId);
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM Tickets t JOIN Contracts c ON c.Id = t.ContractId WHERE c.HolidayCalendarId IN (OLD.CalendarId, NEW.CalendarId);
END;
CREATE TRIGGER TR_Holidays_Economics_Delete AFTER DELETE ON Holidays
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Plans p WHERE p.HolidayCalendarId = OLD.CalendarId;
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
    FROM Tickets t JOIN Contracts c ON c.Id = t.ContractId WHERE c.HolidayCalendarId = OLD.CalendarId;
END;
CREATE TRIGGER TR_Contracts_Economics_Hours AFTER UPDATE ON Contracts
WHEN OLD.PlanId IS NOT NEW.PlanId OR OLD.SupportTimeZone IS NOT NEW.SupportTimeZone OR OLD.HolidayCalendarId IS NOT NEW.HolidayCalendarId
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Tickets t WHERE t.ContractId = NEW.Id;
END;
