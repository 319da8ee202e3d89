using System.Globalization;

namespace HelpDesk.Core.Common;

/// <summary>Spans of minutes as people say them in explanations and the audit trail.</summary>
public static class Durations
{
    /// <summary>45 min, 2 h, 2 h 10 min.</summary>
    public static string Describe(int minutes)
    {
        var h = minutes / 60;
        var m = minutes % 60;
        var hours = h.ToString(CultureInfo.InvariantCulture);
        var mins = m.ToString(CultureInfo.InvariantCulture);
        return (h, m) switch
        {
            (0, _) => $"{mins} min",
            (_, 0) => $"{hours} h",
            _ => $"{hours} h {mins} min",
        };
    }
}
