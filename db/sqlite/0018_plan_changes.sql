-- A plan's support hours and holidays turn first-response and resolution times into business minutes, so a change to
-- them changes the facts of every ticket under a contract on that plan. These triggers log such changes as kind
-- 'plan' (the plan's id), in the transaction that makes them; the incremental rollup then recomputes those tickets.
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
END;
CREATE TRIGGER TR_Holidays_Economics_Update AFTER UPDATE ON Holidays
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Plans p WHERE p.HolidayCalendarId IN (OLD.CalendarId, NEW.CalendarId);
END;
CREATE TRIGGER TR_Holidays_Economics_Delete AFTER DELETE ON Holidays
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM Plans p WHERE p.HolidayCalendarId = OLD.CalendarId;
END;
