using System.Globalization;
using System.Text;
using HelpDesk.Core.Common;

namespace HelpDesk.Web.Api;

/// <summary>
/// Where a page of a list ordered by descending id ended, as an opaque token: the list's name and the last item's id.
/// A token of another list, or one altered, reads as none.
/// </summary>
internal static class ListCursor
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private const int MaxLength = 64;

    /// <summary>
    /// Reads a list's <c>limit</c> (1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when left out) and
    /// <c>after</c> (a token the list gave out), adding an error naming the field for each it cannot read.
    /// </summary>
    public static (int Take, int? BeforeId) ReadPage(string list, string? limit, string? after, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > MaxLimit))
        {
            errors.Add(new("limit", $"The limit is a number from 1 to {MaxLimit}."));
        }

        int? before = null;
        if (!string.IsNullOrEmpty(after))
        {
            before = Decode(list, after);
            if (before is null)
            {
                errors.Add(new("after", "The continuation token is not one this list gave out; start again from the first page."));
            }
        }

        return (take, before);
    }

    public static string Encode(string list, int beforeId) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix(list) + beforeId.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static int? Decode(string list, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
            var prefix = Prefix(list);
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Prefix(string list) => list + ".";
}
