namespace HelpDesk.Core.Tickets;

/// <summary>Where a ticket is in its life. Stored as its name.</summary>
public enum TicketStatus
{
    New,
    Open,
    PendingCustomer,
    OnHold,
    Resolved,
    Closed,
}

/// <summary>How a ticket arrived. Stored as its name.</summary>
public enum TicketChannel
{
    Web,
    Email,
    Api,
}

/// <summary>1 is critical, 4 is low.</summary>
public enum Severity
{
    Critical = 1,
    High = 2,
    Normal = 3,
    Low = 4,
}

/// <summary>A message is a public reply (the customer sees it) or an internal note (staff only).</summary>
public enum MessageKind
{
    Reply,
    Note,
}
