namespace HelpDesk.Core.Organisations;

public static class Segments
{
    /// <summary>The segment as people say it.</summary>
    public static string Describe(CustomerSegment segment) => segment switch
    {
        CustomerSegment.SelfService => "self-service",
        _ => segment.ToString().ToLowerInvariant(),
    };
}
