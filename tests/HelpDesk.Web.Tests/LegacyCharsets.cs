using System.Runtime.CompilerServices;
using System.Text;

namespace HelpDesk.Web.Tests;

/// <summary>
/// The test process starts as the app does: the legacy code pages are registered before any test touches MimeKit,
/// which learns the charset names it knows once, when first used. Without this, whichever test happens to build a
/// message first decides whether koi8-r or shift_jis can be read in every other test.
/// </summary>
internal static class LegacyCharsets
{
#pragma warning disable CA2255 // A test assembly is the process's entry point here, not a library others load.
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA2255
}
