namespace HelpDesk.Web.Live;

/// <summary>
/// How many desk pages this node has connected. With none, a saved change is told to nobody, so it costs nothing: no
/// lookup of who made it, no message. Filing at volume with no desk open pays nothing for the live desk.
/// </summary>
public sealed class DeskConnections
{
    private int _open;

    public bool Any => Volatile.Read(ref _open) > 0;

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
