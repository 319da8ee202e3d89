using System.Globalization;
using HelpDesk.Core.Common;

namespace HelpDesk.Web.Api;

/// <summary>Values read from a query string, each adding an error naming its field when it cannot be read.</summary>
internal static class QueryValues
{
    /// <summary>An id given as a whole number; null when left out or unreadable (then with an error).</summary>
    public static int? Id(string? text, string field, string message, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(new(field, message));
        return null;
    }
}
