-- Text search is indexed in batches instead of inside each write, as on SQLite: the triggers only log the ticket in
-- TicketSearchChanges, and TicketSearchIndex writes the logged tickets' rows of dbo.TicketSearch whole, many in one
-- write, in the background and before a search reads them. The full-text index over dbo.TicketSearch follows that
-- table as before.
DROP TRIGGER dbo.TR_Tickets_Search_Insert;
GO
DROP TRIGGER dbo.TR_Tickets_Search_Update;
GO
DROP TRIGGER dbo.TR_TicketMessages_Search;
GO
CREATE TABLE dbo.TicketSearchChanges (
    Id       INT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_TicketSearchChanges PRIMARY KEY,
    TicketId INT                NOT NULL
);
GO
CREATE TRIGGER dbo.TR_Tickets_SearchChanges_Insert ON dbo.Tickets AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.TicketSearchChanges (TicketId) SELECT i.Id FROM inserted AS i;
END;
GO
CREATE TRIGGER dbo.TR_Tickets_SearchChanges_Update ON dbo.Tickets AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Subject) OR UPDATE(RequesterId)) RETURN;
    INSERT INTO dbo.TicketSearchChanges (TicketId)
    SELECT i.Id
    FROM inserted AS i JOIN deleted AS d ON d.Id = i.Id
    WHERE i.Subject <> d.Subject OR i.RequesterId <> d.RequesterId;
END;
GO
CREATE TRIGGER dbo.TR_TicketMessages_SearchChanges ON dbo.TicketMessages AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.TicketSearchChanges (TicketId) SELECT DISTINCT i.TicketId FROM inserted AS i;
END;
