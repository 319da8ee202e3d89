-- Taking or giving back an incident changes a contract's IncidentsUsed and nothing else, and no fact reads that count.
-- The contract's change was logged all the same, so each incident a filing took had the next incremental rollup sum
-- every cell of the contract's term again. A contract's change is now logged when it is added or deleted, or when
-- something other than the count changed.
ALTER TRIGGER dbo.TR_Contracts_Economics ON dbo.Contracts AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', changed.Id, NULL, SYSUTCDATETIME()
    FROM (
        SELECT i.Id
        FROM inserted AS i LEFT JOIN deleted AS d ON d.Id = i.Id
        WHERE d.Id IS NULL
           OR EXISTS (
                SELECT i.OrganisationId, i.PlanId, i.StartsOn, i.EndsOn, i.TimeZone, i.ValueCents, i.RenewsContractId, i.Status,
                       i.CreatedUtc, i.UpdatedUtc, i.Version, i.SupportTimeZone, i.HolidayCalendarId, i.IncidentsBought
                EXCEPT
                SELECT d.OrganisationId, d.PlanId, d.StartsOn, d.EndsOn, d.TimeZone, d.ValueCents, d.RenewsContractId, d.Status,
                       d.CreatedUtc, d.UpdatedUtc, d.Version, d.SupportTimeZone, d.HolidayCalendarId, d.IncidentsBought)
        UNION
        SELECT d.Id FROM deleted AS d WHERE NOT EXISTS (SELECT 1 FROM inserted AS i WHERE i.Id = d.Id)
    ) AS changed;
END;
