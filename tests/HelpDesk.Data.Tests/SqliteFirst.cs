using System.Runtime.CompilerServices;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests;

/// <summary>
/// The test process starts as the app does: the connection factory configures SQLite before any connection opens. In
/// the app every connection comes from the factory; here some tests open SQLite themselves, and whichever ran first
/// would otherwise decide what SQLite keeps for every other test.
/// </summary>
internal static class SqliteFirst
{
#pragma warning disable CA2255 // A test assembly is the process's entry point here, not a library others load.
    [ModuleInitializer]
    internal static void Configure() => RuntimeHelpers.RunClassConstructor(typeof(SqliteConnectionFactory).TypeHandle);
#pragma warning restore CA2255
}
