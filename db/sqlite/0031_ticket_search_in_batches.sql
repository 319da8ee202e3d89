-- Text search is indexed in batches instead of inside each write. The triggers kept TicketSearch in step in the
-- transaction of every write, so a filing indexed its ticket's document twice (the ticket, then its first message,
-- which rewrote the whole document), and each savepoint of the writer had FTS5 write what it held as a segment of its
-- own, to be merged again and again: about a fifth of the writer's time per filing. The triggers now only log the
-- ticket in TicketSearchChanges; TicketSearchIndex writes the logged tickets' documents whole, hundreds in one write,
-- in the background and before a search reads the index, so a search still finds every ticket committed before it.
DROP TRIGGER TR_Tickets_Search_Insert;
DROP TRIGGER TR_Tickets_Search_Update;
DROP TRIGGER TR_TicketMessages_Search_Reply;
DROP TRIGGER TR_TicketMessages_Search_Note;

CREATE TABLE TicketSearchChanges (
    Id       INTEGER NOT NULL PRIMARY KEY,
    TicketId INTEGER NOT NULL
);

CREATE TRIGGER TR_Tickets_SearchChanges_Insert AFTER INSERT ON Tickets
BEGIN
    INSERT INTO TicketSearchChanges (TicketId) VALUES (NEW.Id);
END;

CREATE TRIGGER TR_Tickets_SearchChanges_Update AFTER UPDATE OF Subject, RequesterId ON Tickets
WHEN NEW.Subject IS NOT OLD.Subject OR NEW.RequesterId IS NOT OLD.RequesterId
BEGIN
    INSERT INTO TicketSearchChanges (TicketId) VALUES (NEW.Id);
END;

CREATE TRIGGER TR_TicketMessages_SearchChanges AFTER INSERT ON TicketMessages
BEGIN
    INSERT INTO TicketSearchChanges (TicketId) VALUES (NEW.TicketId);
END;
