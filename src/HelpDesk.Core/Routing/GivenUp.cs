namespace HelpDesk.Core.Routing;

/// <summary>How an engineer gave a ticket up. Stored as its name.</summary>
public enum GiveUp
{
    /// <summary>They sent it up a tier.</summary>
    Escalated,

    /// <summary>They handed it back for the router to choose someone else.</summary>
    HandedBack,

    /// <summary>They returned it to its queue.</summary>
    Returned,
}

/// <summary>
/// An engineer who gave a ticket up. The router never gives it back to them — not when it chooses again, not when
/// they pull from the queue — so a ticket handed back or escalated cannot bounce straight back; they may still take
/// it themselves, and a manager may reassign it to them.
/// </summary>
public sealed record GivenUp(int EngineerId, GiveUp How)
{
    /// <summary>Why the router leaves them out, as the explanation names them.</summary>
    public string Text => How switch
    {
        GiveUp.Escalated => "escalated the ticket",
        GiveUp.HandedBack => "handed the ticket back",
        _ => "returned the ticket to its queue",
    };

    /// <summary>The same, after a count ("2 handed it back").</summary>
    public string Counted => How switch
    {
        GiveUp.Escalated => "escalated it",
        GiveUp.HandedBack => "handed it back",
        _ => "returned it",
    };
}
