using System.Runtime.InteropServices;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// A thin file layer (a VFS, in SQLite's terms) over SQLite's own, which hands the frames a commit appends to the
/// write-ahead log to the operating system in one write, where SQLite makes two for each frame.
/// <para>
/// SQLite writes a frame as its 24-byte header, then the page after it. A filing changes about twenty pages (the
/// ticket's indexes, above all), so a commit of a group of filings made some 150 write calls, each a trip into the
/// kernel and through the file system's write path. Here what SQLite writes to the log right after what it wrote
/// before is held in memory (up to <see cref="HeldLimit"/> bytes), and written in one call when the frame that ends a
/// commit has been added: its header says so, giving the database's size after the commit where other frames give 0.
/// That write is the one SQLite made for the commit frame's page, so a failure (a full disk) fails the commit as it
/// always did, before any reader is told of it. Any other use of the log file writes what is held first.
/// </para>
/// <para>
/// Frames with no commit after them are a transaction that spilled pages into the log before committing; rolled
/// back, they are written before the write lock is let go (<c>xShmLock</c> on the database file), so they never land
/// over the next writer's frames. The log's bytes, their order, and when they are flushed to the disk are SQLite's,
/// unchanged; a crash before the commit's write leaves no more of it than a crash in the middle of SQLite's own
/// writes, and recovery drops torn frames as ever.
/// </para>
/// <para>
/// Main database files and their logs are wrapped; every other file SQLite opens is its own, called directly. The layer
/// is registered as SQLite's default, once per process (<see cref="SqliteProcess"/>).
/// </para>
/// </summary>
internal static unsafe class SqliteLogWrites
{
    /// <summary>The layer's name among SQLite's file layers.</summary>
    internal const string Name = "helpdesk-log";

    /// <summary>
    /// At most this many bytes of the log are held before they are written: the most SQLite's unix layer writes in one
    /// call (it keeps the low 17 bits of a write's length; SQLite itself never writes more than a 64 KiB page and a header).
    /// </summary>
    internal const int HeldLimit = 0x1FFFF;

    // From sqlite3.h and wal.c.
    private const int Ok = 0;
    private const int FrameHeaderSize = 24;
    private const int OpenMainDatabase = 0x00000100;
    private const int OpenWal = 0x00080000;

    // SQLITE_FCNTL_JOURNAL_POINTER: the file of a database's log, in WAL mode.
    private const int JournalPointer = 28;

    private static Vfs* _inner;
    private static IoMethods* _logMethods;

    // One table for each version of SQLite's own methods (1: none of shared memory; 2: shared memory; 3: memory mapping).
    private static IoMethods** _databaseMethods;

    /// <summary>
    /// Makes the layer SQLite's default file layer; false when SQLite's own default is not a layer it can wrap.
    /// Call once, before the connections that should use it are opened.
    /// </summary>
    internal static bool Register()
    {
        var inner = sqlite3_vfs_find(null);
        if (inner is null || inner->iVersion < 1)
        {
            return false;
        }

        // Lives as long as the process, as SQLite requires of a registered layer.
        var vfs = (Vfs*)NativeMemory.AllocZeroed((nuint)sizeof(Vfs));
        vfs->iVersion = Math.Min(inner->iVersion, 3);
        vfs->szOsFile = LayerSize + inner->szOsFile;
        vfs->mxPathname = inner->mxPathname;
        vfs->zName = (byte*)Marshal.StringToCoTaskMemUTF8(Name);
        vfs->pAppData = inner->pAppData;
        vfs->xOpen = &Open;
        vfs->xDelete = inner->xDelete;
        vfs->xAccess = inner->xAccess;
        vfs->xFullPathname = inner->xFullPathname;
        vfs->xDlOpen = inner->xDlOpen;
        vfs->xDlError = inner->xDlError;
        vfs->xDlSym = inner->xDlSym;
        vfs->xDlClose = inner->xDlClose;
        vfs->xRandomness = inner->xRandomness;
        vfs->xSleep = inner->xSleep;
        vfs->xCurrentTime = inner->xCurrentTime;
        vfs->xGetLastError = inner->xGetLastError;
        if (inner->iVersion >= 2)
        {
            vfs->xCurrentTimeInt64 = inner->xCurrentTimeInt64;
        }

        if (inner->iVersion >= 3)
        {
            vfs->xSetSystemCall = inner->xSetSystemCall;
            vfs->xGetSystemCall = inner->xGetSystemCall;
            vfs->xNextSystemCall = inner->xNextSystemCall;
        }

        // A log file is read, written, synced, truncated and sized: version 1. Shared memory and memory mapping
        // belong to the database file.
        var log = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
        log->iVersion = 1;
        log->xClose = &LogClose;
        log->xRead = &LogRead;
        log->xWrite = &LogWrite;
        log->xTruncate = &LogTruncate;
        log->xSync = &LogSync;
        log->xFileSize = &LogFileSize;
        log->xLock = &LogLock;
        log->xUnlock = &LogUnlock;
        log->xCheckReservedLock = &LogCheckReservedLock;
        log->xFileControl = &LogFileControl;
        log->xSectorSize = &LogSectorSize;
        log->xDeviceCharacteristics = &LogDeviceCharacteristics;

        var database = (IoMethods**)NativeMemory.AllocZeroed((nuint)(4 * sizeof(IoMethods*)));
        for (var version = 1; version <= 3; version++)
        {
            var methods = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
            methods->iVersion = version;
            methods->xClose = &DatabaseClose;
            methods->xRead = &DatabaseRead;
            methods->xWrite = &DatabaseWrite;
            methods->xTruncate = &DatabaseTruncate;
            methods->xSync = &DatabaseSync;
            methods->xFileSize = &DatabaseFileSize;
            methods->xLock = &DatabaseLock;
            methods->xUnlock = &DatabaseUnlock;
            methods->xCheckReservedLock = &DatabaseCheckReservedLock;
            methods->xFileControl = &DatabaseFileControl;
            methods->xSectorSize = &DatabaseSectorSize;
            methods->xDeviceCharacteristics = &DatabaseDeviceCharacteristics;
            methods->xShmMap = &DatabaseShmMap;
            methods->xShmLock = &DatabaseShmLock;
            methods->xShmBarrier = &DatabaseShmBarrier;
            methods->xShmUnmap = &DatabaseShmUnmap;
            methods->xFetch = &DatabaseFetch;
            methods->xUnfetch = &DatabaseUnfetch;
            database[version] = methods;
        }

        _inner = inner;
        _logMethods = log;
        _databaseMethods = database;
        return sqlite3_vfs_register(vfs, 1) == Ok;
    }

    /// <summary>
    /// How many writes this layer handed to the operating system for the log of <paramref name="connection"/>'s main
    /// database, and how many bytes they held; null when it has no log of this layer's open.
    /// </summary>
    internal static (long Writes, long Bytes)? LogWritesOf(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteFile* file = null;
        fixed (byte* name = "main\0"u8)
        {
            if (sqlite3_file_control(connection.Handle!.DangerousGetHandle(), name, JournalPointer, &file) != Ok
                || file is null || file->Methods != _logMethods)
            {
                return null;
            }
        }

        return (((LogFile*)file)->Writes, ((LogFile*)file)->Bytes);
    }

    /// <summary>The name of SQLite's default file layer now.</summary>
    internal static string? DefaultName()
    {
        var vfs = sqlite3_vfs_find(null);
        return vfs is null ? null : Marshal.PtrToStringUTF8((IntPtr)vfs->zName);
    }

    // SQLite's own file follows the layer's in the same allocation, 8-byte aligned as SQLite's are.
    private static int LayerSize => (Math.Max(sizeof(LogFile), sizeof(DatabaseFile)) + 7) & ~7;

    private static SqliteFile* RealOf(SqliteFile* file) => (SqliteFile*)((byte*)file + LayerSize);

    [UnmanagedCallersOnly]
    private static int Open(Vfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        if ((flags & (OpenMainDatabase | OpenWal)) == 0)
        {
            return _inner->xOpen(_inner, name, file, flags, outFlags);
        }

        // SQLite closes a file whose methods are set, even when opening it failed, and never one whose are not.
        file->Methods = null;
        var real = RealOf(file);
        real->Methods = null;
        var rc = _inner->xOpen(_inner, name, real, flags, outFlags);
        if (real->Methods is null)
        {
            return rc;
        }

        if ((flags & OpenMainDatabase) != 0)
        {
            var database = (DatabaseFile*)file;
            database->Real = real;
            database->Log = null;
            database->Methods = _databaseMethods[Math.Clamp(real->Methods->iVersion, 1, 3)];
            return rc;
        }

        var log = (LogFile*)file;
        log->Real = real;
        log->Database = null;
        log->HeldOffset = 0;
        log->Held = 0;
        log->Buffer = null;
        log->BufferSize = 0;
        log->CommitFollows = false;
        log->Writes = 0;
        log->Bytes = 0;
        log->Methods = _logMethods;

        // The database file this log belongs to, whose lock calls write what a rolled-back transaction left held. A log
        // without one of this layer's (never so for SQLite's own use) holds nothing.
        var owner = sqlite3_database_file_object(name);
        if (owner is not null && IsDatabaseFile(owner))
        {
            log->Database = (DatabaseFile*)owner;
            log->Database->Log = log;
        }

        return rc;
    }

    private static bool IsDatabaseFile(SqliteFile* file) =>
        file->Methods == _databaseMethods[1] || file->Methods == _databaseMethods[2] || file->Methods == _databaseMethods[3];

    [UnmanagedCallersOnly]
    private static int LogWrite(SqliteFile* file, byte* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        if (log->Database is null)
        {
            var written = WriteHeld(log);
            Counted(log, amount);
            return written != Ok ? written : log->Real->Methods->xWrite(log->Real, data, amount, offset);
        }

        // A frame's header gives the database's size in pages after the commit when the frame ends one, else 0; the
        // write after such a header is that frame's page, whether or not it joins what is held.
        var commitHeader = amount == FrameHeaderSize && (data[4] | data[5] | data[6] | data[7]) != 0;
        var commitPage = log->CommitFollows;
        if (log->Held == 0 || offset != log->HeldOffset + log->Held || log->Held + amount > HeldLimit || !Fits(log, log->Held + amount))
        {
            var rc = WriteHeld(log);
            if (rc != Ok)
            {
                return rc;
            }

            if (amount >= HeldLimit || !Fits(log, amount))
            {
                Counted(log, amount);
                return log->Real->Methods->xWrite(log->Real, data, amount, offset);
            }

            log->HeldOffset = offset;
        }

        new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(log->Buffer + log->Held, amount));
        log->Held += amount;

        // The commit frame's page: the commit is written now, and SQLite hears of a failure as its own.
        if (commitPage)
        {
            return WriteHeld(log);
        }

        log->CommitFollows = commitHeader;
        return Ok;
    }

    /// <summary>Whether the log's buffer holds <paramref name="size"/> bytes, grown if need be; false when memory ran out.</summary>
    private static bool Fits(LogFile* log, int size)
    {
        if (log->BufferSize >= size)
        {
            return true;
        }

        var grown = Math.Min(HeldLimit, Math.Max(size, 2 * log->BufferSize));
        try
        {
            log->Buffer = (byte*)NativeMemory.Realloc(log->Buffer, (nuint)grown);
            log->BufferSize = grown;
            return true;
        }
        catch (OutOfMemoryException)
        {
            // The old buffer, and what it holds, are still there; this write goes to the file as SQLite made it.
            return false;
        }
    }

    private static int WriteHeld(LogFile* log)
    {
        if (log->Held == 0)
        {
            return Ok;
        }

        var held = log->Held;
        log->Held = 0;
        log->CommitFollows = false;
        Counted(log, held);
        return log->Real->Methods->xWrite(log->Real, log->Buffer, held, log->HeldOffset);
    }

    private static void Counted(LogFile* log, int bytes)
    {
        log->Writes++;
        log->Bytes += bytes;
    }

    private static int WriteHeldBy(DatabaseFile* database) => database->Log is null ? Ok : WriteHeld(database->Log);

    [UnmanagedCallersOnly]
    private static int LogClose(SqliteFile* file)
    {
        var log = (LogFile*)file;
        var held = WriteHeld(log);
        if (log->Database is not null)
        {
            log->Database->Log = null;
            log->Database = null;
        }

        var rc = log->Real->Methods->xClose(log->Real);
        NativeMemory.Free(log->Buffer);
        log->Buffer = null;
        log->BufferSize = 0;
        return held != Ok ? held : rc;
    }

    [UnmanagedCallersOnly]
    private static int LogRead(SqliteFile* file, void* buffer, int amount, long offset)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xRead(log->Real, buffer, amount, offset);
    }

    [UnmanagedCallersOnly]
    private static int LogTruncate(SqliteFile* file, long size)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xTruncate(log->Real, size);
    }

    [UnmanagedCallersOnly]
    private static int LogSync(SqliteFile* file, int flags)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xSync(log->Real, flags);
    }

    [UnmanagedCallersOnly]
    private static int LogFileSize(SqliteFile* file, long* size)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xFileSize(log->Real, size);
    }

    [UnmanagedCallersOnly]
    private static int LogLock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xLock(log->Real, level);
    }

    [UnmanagedCallersOnly]
    private static int LogUnlock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xUnlock(log->Real, level);
    }

    [UnmanagedCallersOnly]
    private static int LogCheckReservedLock(SqliteFile* file, int* result)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xCheckReservedLock(log->Real, result);
    }

    [UnmanagedCallersOnly]
    private static int LogFileControl(SqliteFile* file, int operation, void* argument)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xFileControl(log->Real, operation, argument);
    }

    [UnmanagedCallersOnly]
    private static int LogSectorSize(SqliteFile* file) => ((LogFile*)file)->Real->Methods->xSectorSize(((LogFile*)file)->Real);

    [UnmanagedCallersOnly]
    private static int LogDeviceCharacteristics(SqliteFile* file) =>
        ((LogFile*)file)->Real->Methods->xDeviceCharacteristics(((LogFile*)file)->Real);

    [UnmanagedCallersOnly]
    private static int DatabaseClose(SqliteFile* file)
    {
        var database = (DatabaseFile*)file;
        if (database->Log is not null)
        {
            database->Log->Database = null;
            database->Log = null;
        }

        return database->Real->Methods->xClose(database->Real);
    }

    [UnmanagedCallersOnly]
    private static int DatabaseRead(SqliteFile* file, void* buffer, int amount, long offset) =>
        ((DatabaseFile*)file)->Real->Methods->xRead(((DatabaseFile*)file)->Real, buffer, amount, offset);

    [UnmanagedCallersOnly]
    private static int DatabaseWrite(SqliteFile* file, byte* data, int amount, long offset) =>
        ((DatabaseFile*)file)->Real->Methods->xWrite(((DatabaseFile*)file)->Real, data, amount, offset);

    [UnmanagedCallersOnly]
    private static int DatabaseTruncate(SqliteFile* file, long size) =>
        ((DatabaseFile*)file)->Real->Methods->xTruncate(((DatabaseFile*)file)->Real, size);

    [UnmanagedCallersOnly]
    private static int DatabaseSync(SqliteFile* file, int flags) =>
        ((DatabaseFile*)file)->Real->Methods->xSync(((DatabaseFile*)file)->Real, flags);

    [UnmanagedCallersOnly]
    private static int DatabaseFileSize(SqliteFile* file, long* size) =>
        ((DatabaseFile*)file)->Real->Methods->xFileSize(((DatabaseFile*)file)->Real, size);

    [UnmanagedCallersOnly]
    private static int DatabaseLock(SqliteFile* file, int level) =>
        ((DatabaseFile*)file)->Real->Methods->xLock(((DatabaseFile*)file)->Real, level);

    [UnmanagedCallersOnly]
    private static int DatabaseUnlock(SqliteFile* file, int level)
    {
        var database = (DatabaseFile*)file;
        var rc = WriteHeldBy(database);
        return rc != Ok ? rc : database->Real->Methods->xUnlock(database->Real, level);
    }

    [UnmanagedCallersOnly]
    private static int DatabaseCheckReservedLock(SqliteFile* file, int* result) =>
        ((DatabaseFile*)file)->Real->Methods->xCheckReservedLock(((DatabaseFile*)file)->Real, result);

    [UnmanagedCallersOnly]
    private static int DatabaseFileControl(SqliteFile* file, int operation, void* argument) =>
        ((DatabaseFile*)file)->Real->Methods->xFileControl(((DatabaseFile*)file)->Real, operation, argument);

    [UnmanagedCallersOnly]
    private static int DatabaseSectorSize(SqliteFile* file) =>
        ((DatabaseFile*)file)->Real->Methods->xSectorSize(((DatabaseFile*)file)->Real);

    [UnmanagedCallersOnly]
    private static int DatabaseDeviceCharacteristics(SqliteFile* file) =>
        ((DatabaseFile*)file)->Real->Methods->xDeviceCharacteristics(((DatabaseFile*)file)->Real);

    [UnmanagedCallersOnly]
    private static int DatabaseShmMap(SqliteFile* file, int page, int pageSize, int extend, void** memory) =>
        ((DatabaseFile*)file)->Real->Methods->xShmMap(((DatabaseFile*)file)->Real, page, pageSize, extend, memory);

    // Before a lock is taken or let go: the write lock above all, which the next writer takes to append frames.
    [UnmanagedCallersOnly]
    private static int DatabaseShmLock(SqliteFile* file, int offset, int count, int flags)
    {
        var database = (DatabaseFile*)file;
        var rc = WriteHeldBy(database);
        return rc != Ok ? rc : database->Real->Methods->xShmLock(database->Real, offset, count, flags);
    }

    // Before the header of the log's index that makes a commit's frames known. The commit frame's own write has
    // written them already; nothing is held here unless SQLite publishes frames some other way.
    [UnmanagedCallersOnly]
    private static void DatabaseShmBarrier(SqliteFile* file)
    {
        var database = (DatabaseFile*)file;
        _ = WriteHeldBy(database);
        database->Real->Methods->xShmBarrier(database->Real);
    }

    [UnmanagedCallersOnly]
    private static int DatabaseShmUnmap(SqliteFile* file, int delete) =>
        ((DatabaseFile*)file)->Real->Methods->xShmUnmap(((DatabaseFile*)file)->Real, delete);

    [UnmanagedCallersOnly]
    private static int DatabaseFetch(SqliteFile* file, long offset, int amount, void** memory) =>
        ((DatabaseFile*)file)->Real->Methods->xFetch(((DatabaseFile*)file)->Real, offset, amount, memory);

    [UnmanagedCallersOnly]
    private static int DatabaseUnfetch(SqliteFile* file, long offset, void* memory) =>
        ((DatabaseFile*)file)->Real->Methods->xUnfetch(((DatabaseFile*)file)->Real, offset, memory);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_vfs_find", ExactSpelling = true)]
    private static extern Vfs* sqlite3_vfs_find(byte* name);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_vfs_register", ExactSpelling = true)]
    private static extern int sqlite3_vfs_register(Vfs* vfs, int makeDefault);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", ExactSpelling = true)]
    private static extern int sqlite3_file_control(IntPtr db, byte* name, int operation, void* argument);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_database_file_object", ExactSpelling = true)]
    private static extern SqliteFile* sqlite3_database_file_object(byte* name);

    // sqlite3_file: every file SQLite opens starts with its methods.
    [StructLayout(LayoutKind.Sequential)]
    private struct SqliteFile
    {
        public IoMethods* Methods;
    }

    // A main database file of this layer, and the log it has open.
    [StructLayout(LayoutKind.Sequential)]
    private struct DatabaseFile
    {
        public IoMethods* Methods;
        public SqliteFile* Real;
        public LogFile* Log;
    }

    // A log file of this layer, the database file it belongs to, and what it holds: Held bytes from HeldOffset on.
    [StructLayout(LayoutKind.Sequential)]
    private struct LogFile
    {
        public IoMethods* Methods;
        public SqliteFile* Real;
        public DatabaseFile* Database;
        public long HeldOffset;
        public byte* Buffer;
        public int Held;
        public int BufferSize;
        public bool CommitFollows;
        public long Writes;
        public long Bytes;
    }

    // sqlite3_io_methods, version 3.
    [StructLayout(LayoutKind.Sequential)]
    private struct IoMethods
    {
        public int iVersion;
        public delegate* unmanaged<SqliteFile*, int> xClose;
        public delegate* unmanaged<SqliteFile*, void*, int, long, int> xRead;
        public delegate* unmanaged<SqliteFile*, byte*, int, long, int> xWrite;
        public delegate* unmanaged<SqliteFile*, long, int> xTruncate;
        public delegate* unmanaged<SqliteFile*, int, int> xSync;
        public delegate* unmanaged<SqliteFile*, long*, int> xFileSize;
        public delegate* unmanaged<SqliteFile*, int, int> xLock;
        public delegate* unmanaged<SqliteFile*, int, int> xUnlock;
        public delegate* unmanaged<SqliteFile*, int*, int> xCheckReservedLock;
        public delegate* unmanaged<SqliteFile*, int, void*, int> xFileControl;
        public delegate* unmanaged<SqliteFile*, int> xSectorSize;
        public delegate* unmanaged<SqliteFile*, int> xDeviceCharacteristics;
        public delegate* unmanaged<SqliteFile*, int, int, int, void**, int> xShmMap;
        public delegate* unmanaged<SqliteFile*, int, int, int, int> xShmLock;
        public delegate* unmanaged<SqliteFile*, void> xShmBarrier;
        public delegate* unmanaged<SqliteFile*, int, int> xShmUnmap;
        public delegate* unmanaged<SqliteFile*, long, int, void**, int> xFetch;
        public delegate* unmanaged<SqliteFile*, long, void*, int> xUnfetch;
    }

    // sqlite3_vfs, version 3.
    [StructLayout(LayoutKind.Sequential)]
    private struct Vfs
    {
        public int iVersion;
        public int szOsFile;
        public int mxPathname;
        public Vfs* pNext;
        public byte* zName;
        public void* pAppData;
        public delegate* unmanaged<Vfs*, byte*, SqliteFile*, int, int*, int> xOpen;
        public void* xDelete;
        public void* xAccess;
        public void* xFullPathname;
        public void* xDlOpen;
        public void* xDlError;
        public void* xDlSym;
        public void* xDlClose;
        public void* xRandomness;
        public void* xSleep;
        public void* xCurrentTime;
        public void* xGetLastError;
        public void* xCurrentTimeInt64;
        public void* xSetSystemCall;
        public void* xGetSystemCall;
        public void* xNextSystemCall;
    }
}
