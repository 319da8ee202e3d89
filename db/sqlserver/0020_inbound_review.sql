-- The held and quarantined lists filter and count by reason, kind and sender. This index carries those columns
-- beside (Status, Id), so a filtered page finds its ids and the counts are taken without reading a message's row
-- (whose bytes are large); only the rows of the page shown are read.
CREATE INDEX IX_InboundMessages_Review ON dbo.InboundMessages (Status, Id) INCLUDE (Kind, FromAddress, Reason);
