namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// What SQLite is told once for the whole process, before it opens its first connection. Every connection this app
/// opens comes from <see cref="SqliteConnectionFactory"/>, whose type initializer calls <see cref="Configure"/>.
/// </summary>
public static class SqliteProcess
{
    // SQLITE_CONFIG_MEMSTATUS, from sqlite3.h.
    private const int ConfigMemoryStatistics = 9;

    private static readonly Lazy<bool> MemoryStatisticsTurnedOff = new(TurnOffMemoryStatistics);

    // After the memory statistics: finding the default file layer starts SQLite.
    private static readonly Lazy<bool> LogWritesRegistered = new(RegisterLogWrites);

    /// <summary>
    /// True when SQLite keeps no count of the memory it allocates in this process; false when something opened a
    /// connection before <see cref="Configure"/> ran, since SQLite takes the setting only before it starts.
    /// </summary>
    public static bool MemoryStatisticsOff => MemoryStatisticsTurnedOff.Value;

    /// <summary>
    /// Turns off SQLite's memory statistics, which SQLite's own documentation advises for speed. Kept, they take a
    /// mutex for the whole process around every allocation SQLite makes, in every connection: the writer that commits
    /// the filings contends with every reader for it. Without them filing at eight callers went from 1,593 to 1,732 a
    /// second here, the mean of three alternated runs each (docs/performance.md). Nothing in this app reads them:
    /// they serve only <c>sqlite3_memory_used</c> and the heap limits, which it does not set.
    /// Then makes <see cref="SqliteLogWrites"/> SQLite's default file layer, so that a commit hands the frames it
    /// appends to the write-ahead log to the operating system in one write. Safe to call more than once.
    /// </summary>
    public static void Configure() => _ = LogWritesRegistered.Value;

    /// <summary>
    /// True when SQLite's files in this process are opened through <see cref="SqliteLogWrites"/>, which writes what a
    /// commit appends to the write-ahead log in one call.
    /// </summary>
    public static bool LogWritesJoined => LogWritesRegistered.Value;

    private static bool RegisterLogWrites()
    {
        _ = MemoryStatisticsTurnedOff.Value;
        return SqliteLogWrites.Register();
    }

    private static bool TurnOffMemoryStatistics()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(ConfigMemoryStatistics, 0) == SQLitePCL.raw.SQLITE_OK;
    }
}
