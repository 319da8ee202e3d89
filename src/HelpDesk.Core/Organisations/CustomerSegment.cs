namespace HelpDesk.Core.Organisations;

/// <summary>How much an organisation is worth to the business and what service it expects. Stored as its name.</summary>
public enum CustomerSegment
{
    Strategic,
    Key,
    Standard,
    SelfService,
}
