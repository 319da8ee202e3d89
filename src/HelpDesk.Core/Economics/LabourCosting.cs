namespace HelpDesk.Core.Economics;

/// <summary>What an engineer's time costs, worked out one time entry at a time.</summary>
public static class LabourCosting
{
    /// <summary>
    /// Minutes at an hourly rate in cents, rounded to the cent half away from zero for each entry: 7 minutes at
    /// 100.00 an hour cost 11.67.
    /// </summary>
    public static long EntryCents(long minutes, long hourlyCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfNegative(hourlyCents);
        return (minutes * hourlyCents + 30) / 60;
    }
}
