-- A plan's support hours and holidays turn first-response and resolution times into business minutes, so a change to
-- them changes the facts of every ticket under a contract on that plan. These triggers log such changes as kind
-- 'plan' (the plan's id), in the transaction that makes them; the incremental rollup then recomputes those tickets.
CREATE TRIGGER dbo.TR_Plans_Economics ON dbo.Plans AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', i.Id, NULL, SYSUTCDATETIME()
    FROM inserted AS i JOIN deleted AS d ON d.Id = i.Id
    WHERE EXISTS (
        SELECT i.AroundTheClock, i.TimeZone, i.OpensMinute, i.ClosesMinute, i.Days, i.HolidayCalendarId
        EXCEPT
        SELECT d.AroundTheClock, d.TimeZone, d.OpensMinute, d.ClosesMinute, d.Days, d.HolidayCalendarId);
END;
GO
CREATE TRIGGER dbo.TR_Holidays_Economics ON dbo.Holidays AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'plan', p.Id, NULL, SYSUTCDATETIME()
    FROM dbo.Plans AS p
    WHERE p.HolidayCalendarId IN (SELECT i.CalendarId FROM inserted AS i UNION SELECT d.CalendarId FROM deleted AS d);
END;
