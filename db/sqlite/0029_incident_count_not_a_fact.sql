-- Taking or giving back an incident changes a contract's IncidentsUsed and nothing else, and no fact reads that count.
-- The contract's change was logged all the same, so each incident a filing took had the next incremental rollup sum
-- every cell of the contract's term again. A contract's change is now logged only when something other than the count
-- changed.
DROP TRIGGER TR_Contracts_Economics_Update;
CREATE TRIGGER TR_Contracts_Economics_Update AFTER UPDATE ON Contracts
WHEN OLD.Id IS NOT NEW.Id OR OLD.OrganisationId IS NOT NEW.OrganisationId OR OLD.PlanId IS NOT NEW.PlanId
  OR OLD.StartsOn IS NOT NEW.StartsOn OR OLD.EndsOn IS NOT NEW.EndsOn OR OLD.TimeZone IS NOT NEW.TimeZone
  OR OLD.ValueCents IS NOT NEW.ValueCents OR OLD.RenewsContractId IS NOT NEW.RenewsContractId OR OLD.Status IS NOT NEW.Status
  OR OLD.CreatedUtc IS NOT NEW.CreatedUtc OR OLD.UpdatedUtc IS NOT NEW.UpdatedUtc OR OLD.Version IS NOT NEW.Version
  OR OLD.SupportTimeZone IS NOT NEW.SupportTimeZone OR OLD.HolidayCalendarId IS NOT NEW.HolidayCalendarId
  OR OLD.IncidentsBought IS NOT NEW.IncidentsBought
BEGIN
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc) VALUES ('contract', NEW.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    INSERT INTO EconomicsChanges (Kind, EntityId, Day, CreatedUtc)
    SELECT 'contract', OLD.Id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE OLD.Id IS NOT NEW.Id;
END;
