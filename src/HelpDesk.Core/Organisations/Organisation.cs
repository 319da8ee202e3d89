namespace HelpDesk.Core.Organisations;

/// <summary>A customer organisation: the unit that holds contracts and owns tickets.</summary>
public sealed record Organisation
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public Region Region { get; init; }
    public CustomerSegment Segment { get; init; }
    public IReadOnlyList<string> EmailDomains { get; init; } = [];
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }
}
