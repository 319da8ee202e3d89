using System.Runtime.InteropServices;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// A thin file layer (a VFS, in SQLite's terms) over SQLite's own, which writes each frame of the write-ahead log with
/// one call to the operating system instead of two.
/// <para>
/// SQLite writes a frame as its 24-byte header, then the page right after it: two <c>pwrite</c> calls for each page a
/// commit changed. A filing changes about twenty pages (the ticket's indexes, above all), so a commit of a group of
/// filings made some 150 write calls, and each costs a trip into the kernel and through the file system's write path
/// for a few bytes. Here a 24-byte write to the log is held back, and written together with the page that follows it
/// at the next offset, which is what SQLite always writes next; anything else done with the file first writes what
/// is held. The log's bytes, their order and what reaches the disk when do not change: a frame's header is on its
/// own of no use to anyone, since SQLite tells readers of new frames (in shared memory) only after their pages were
/// written, and a crash between the two writes leaves the same incomplete frame, which recovery ignores, as before.
/// </para>
/// <para>
/// Only the log's files are wrapped; the database file, and every other file SQLite opens, are SQLite's own, called
/// directly. The layer is registered as SQLite's default, once per process (<see cref="SqliteProcess"/>).
/// </para>
/// </summary>
internal static unsafe class SqliteLogFrameWrites
{
    /// <summary>The layer's name among SQLite's file layers.</summary>
    internal const string Name = "helpdesk-log";

    // From sqlite3.h and wal.c.
    private const int Ok = 0;
    private const int OpenWal = 0x00080000;
    private const int FrameHeaderSize = 24;

    private static Vfs* _inner;
    private static IoMethods* _logMethods;
    private static long _frames;

    /// <summary>How many frames of the log this process wrote with their header in one call.</summary>
    internal static long FramesWrittenWhole => Interlocked.Read(ref _frames);

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
        vfs->szOsFile = LogFileSize + inner->szOsFile;
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

        // Version 1 methods: a log file is read, written, synced, truncated and sized; shared memory and memory
        // mapping belong to the database file, which keeps SQLite's own methods.
        var methods = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
        methods->iVersion = 1;
        methods->xClose = &Close;
        methods->xRead = &Read;
        methods->xWrite = &Write;
        methods->xTruncate = &Truncate;
        methods->xSync = &Sync;
        methods->xFileSize = &FileSize;
        methods->xLock = &Lock;
        methods->xUnlock = &Unlock;
        methods->xCheckReservedLock = &CheckReservedLock;
        methods->xFileControl = &FileControl;
        methods->xSectorSize = &SectorSize;
        methods->xDeviceCharacteristics = &DeviceCharacteristics;

        _inner = inner;
        _logMethods = methods;
        return sqlite3_vfs_register(vfs, 1) == Ok;
    }

    /// <summary>The name of SQLite's default file layer now.</summary>
    internal static string? DefaultName()
    {
        var vfs = sqlite3_vfs_find(null);
        return vfs is null ? null : Marshal.PtrToStringUTF8((IntPtr)vfs->zName);
    }

    private static int LogFileSize => (sizeof(LogFile) + 7) & ~7;

    [UnmanagedCallersOnly]
    private static int Open(Vfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        if ((flags & OpenWal) == 0)
        {
            return _inner->xOpen(_inner, name, file, flags, outFlags);
        }

        // SQLite closes a file whose methods are set, even when opening it failed, and never one whose are not.
        var log = (LogFile*)file;
        log->Methods = null;
        var real = (SqliteFile*)((byte*)file + LogFileSize);
        real->Methods = null;
        var rc = _inner->xOpen(_inner, name, real, flags, outFlags);
        if (real->Methods is null)
        {
            return rc;
        }

        log->Real = real;
        log->HeldOffset = -1;
        log->Buffer = null;
        log->BufferSize = 0;
        log->Methods = _logMethods;
        return rc;
    }

    [UnmanagedCallersOnly]
    private static int Write(SqliteFile* file, byte* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        if (log->HeldOffset >= 0)
        {
            if (offset == log->HeldOffset + FrameHeaderSize && amount > 0 && Fits(log, FrameHeaderSize + amount))
            {
                new ReadOnlySpan<byte>(log->Header, FrameHeaderSize).CopyTo(new Span<byte>(log->Buffer, FrameHeaderSize));
                new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(log->Buffer + FrameHeaderSize, amount));
                var at = log->HeldOffset;
                log->HeldOffset = -1;
                Interlocked.Increment(ref _frames);
                return log->Real->Methods->xWrite(log->Real, log->Buffer, FrameHeaderSize + amount, at);
            }

            var rc = WriteHeld(log);
            if (rc != Ok)
            {
                return rc;
            }
        }

        if (amount == FrameHeaderSize)
        {
            new ReadOnlySpan<byte>(data, FrameHeaderSize).CopyTo(new Span<byte>(log->Header, FrameHeaderSize));
            log->HeldOffset = offset;
            return Ok;
        }

        return log->Real->Methods->xWrite(log->Real, data, amount, offset);
    }

    /// <summary>Whether the file's buffer holds <paramref name="size"/> bytes, grown if need be; false when memory ran out.</summary>
    private static bool Fits(LogFile* log, int size)
    {
        if (log->BufferSize >= size)
        {
            return true;
        }

        try
        {
            log->Buffer = (byte*)NativeMemory.Realloc(log->Buffer, (nuint)size);
            log->BufferSize = size;
            return true;
        }
        catch (OutOfMemoryException)
        {
            // The old buffer is still there; the frame goes in two writes.
            return false;
        }
    }

    private static int WriteHeld(LogFile* log)
    {
        if (log->HeldOffset < 0)
        {
            return Ok;
        }

        var at = log->HeldOffset;
        log->HeldOffset = -1;
        return log->Real->Methods->xWrite(log->Real, log->Header, FrameHeaderSize, at);
    }

    [UnmanagedCallersOnly]
    private static int Close(SqliteFile* file)
    {
        var log = (LogFile*)file;
        var held = WriteHeld(log);
        var rc = log->Real->Methods->xClose(log->Real);
        NativeMemory.Free(log->Buffer);
        log->Buffer = null;
        log->BufferSize = 0;
        return held != Ok ? held : rc;
    }

    [UnmanagedCallersOnly]
    private static int Read(SqliteFile* file, void* buffer, int amount, long offset)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xRead(log->Real, buffer, amount, offset);
    }

    [UnmanagedCallersOnly]
    private static int Truncate(SqliteFile* file, long size)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xTruncate(log->Real, size);
    }

    [UnmanagedCallersOnly]
    private static int Sync(SqliteFile* file, int flags)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xSync(log->Real, flags);
    }

    [UnmanagedCallersOnly]
    private static int FileSize(SqliteFile* file, long* size)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xFileSize(log->Real, size);
    }

    [UnmanagedCallersOnly]
    private static int Lock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xLock(log->Real, level);
    }

    [UnmanagedCallersOnly]
    private static int Unlock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xUnlock(log->Real, level);
    }

    [UnmanagedCallersOnly]
    private static int CheckReservedLock(SqliteFile* file, int* result)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xCheckReservedLock(log->Real, result);
    }

    [UnmanagedCallersOnly]
    private static int FileControl(SqliteFile* file, int operation, void* argument)
    {
        var log = (LogFile*)file;
        var rc = WriteHeld(log);
        return rc != Ok ? rc : log->Real->Methods->xFileControl(log->Real, operation, argument);
    }

    [UnmanagedCallersOnly]
    private static int SectorSize(SqliteFile* file) => ((LogFile*)file)->Real->Methods->xSectorSize(((LogFile*)file)->Real);

    [UnmanagedCallersOnly]
    private static int DeviceCharacteristics(SqliteFile* file) =>
        ((LogFile*)file)->Real->Methods->xDeviceCharacteristics(((LogFile*)file)->Real);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_vfs_find", ExactSpelling = true)]
    private static extern Vfs* sqlite3_vfs_find(byte* name);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_vfs_register", ExactSpelling = true)]
    private static extern int sqlite3_vfs_register(Vfs* vfs, int makeDefault);

    // sqlite3_file: every file SQLite opens starts with its methods.
    [StructLayout(LayoutKind.Sequential)]
    private struct SqliteFile
    {
        public IoMethods* Methods;
    }

    // A log file of this layer: SQLite's own file follows it in the same allocation (see Open).
    [StructLayout(LayoutKind.Sequential)]
    private struct LogFile
    {
        public IoMethods* Methods;
        public SqliteFile* Real;
        public long HeldOffset;
        public byte* Buffer;
        public int BufferSize;
        public fixed byte Header[FrameHeaderSize];
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
        public void* xShmMap;
        public void* xShmLock;
        public void* xShmBarrier;
        public void* xShmUnmap;
        public void* xFetch;
        public void* xUnfetch;
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
