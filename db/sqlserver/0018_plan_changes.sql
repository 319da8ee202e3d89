-- A plan's support hours and holidays, or a contract's own support time zone and holiday calendar, turn
-- first-response and resolution times into business minutes, so a change to them changes the facts of every ticket
-- under the contract or the plan. These triggers log such changes, in the transaction that makes them: a plan's as
-- kind 'plan' (the plan's id; the incremental rollup recomputes every ticket under a contract on it), a contract's
-- as its tickets.
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
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, SYSUTCDATETIME()
    FROM dbo.Tickets AS t JOIN dbo.Contracts AS c ON c.Id = t.ContractId
    WHERE c.HolidayCalendarId IN (SELECT i.CalendarId FROM inserted AS i UNION SELECT d.CalendarId FROM deleted AS d);
END;
GO
CREATE TRIGGER dbo.TR_Contracts_Economics_Hours ON dbo.Contracts AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'ticket', t.Id, NULL, SYSUTCDATETIME()
    FROM dbo.Tickets AS t JOIN inserted AS i ON i.Id = t.ContractId JOIN deleted AS d ON d.Id = i.Id
    WHERE EXISTS (
        SELECT i.PlanId, i.SupportTimeZone, i.HolidayCalendarId
        EXCEPT
        SELECT d.PlanId, d.SupportTimeZone, d.HolidayCalendarId);
END;
