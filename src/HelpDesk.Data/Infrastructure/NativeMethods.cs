using System.Runtime.InteropServices;

namespace HelpDesk.Data.Infrastructure;

/// <summary>Calls into the SQLite library the driver ships (e_sqlite3) that its wrapper does not offer.</summary>
internal static class NativeMethods
{
    /// <summary>SQLite's <c>SQLITE_TXN_NONE</c>: no read or write transaction is open on the connection.</summary>
    internal const int TransactionNone = 0;

    /// <summary>
    /// Whether a read or write transaction is open on the connection (<c>sqlite3_txn_state</c>, SQLite 3.34 on): a
    /// statement that still reads holds a read transaction, and with it a snapshot, even when no BEGIN is open.
    /// </summary>
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_txn_state", ExactSpelling = true)]
    internal static extern int sqlite3_txn_state(IntPtr db, IntPtr schema);
}
