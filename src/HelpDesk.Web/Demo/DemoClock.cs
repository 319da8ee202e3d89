namespace HelpDesk.Web.Demo;

/// <summary>
/// A clock the demo seed sets by hand, so that the history it writes through the real use cases carries the
/// times at which it would have happened. (FakeTimeProvider does this too, but it ships in a test package.)
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
