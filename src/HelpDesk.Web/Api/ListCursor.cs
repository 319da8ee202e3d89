using System.Globalization;
using System.Text;
using HelpDesk.Core.Common;

namespace HelpDesk.Web.Api;

/// <summary>Where one page of a list asked for: how many rows, and the continuation token of the page before.</summary>
/// <param name="After">The id the previous page ended at, decoded; null for the first page.</param>
public sealed record ListPage(int Take, int? After);

/// <summary>
/// Where a page of a list ended, as an opaque token (the last row's id under the list's own prefix), and the
/// <c>limit</c> and <c>after</c> parameters every paged list reads.
/// </summary>
public sealed class ListCursor(string prefix)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public string Encode(int id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + id.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public int? Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 64)
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
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

    /// <summary>Reads <c>limit</c> (1 to <see cref="MaxLimit"/>) and <c>after</c>, adding what is wrong with them to <paramref name="errors"/>.</summary>
    public ListPage Read(string? limit, string? after, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > MaxLimit))
        {
            errors.Add(new("limit", $"The limit is a number from 1 to {MaxLimit}."));
        }

        int? from = null;
        if (!string.IsNullOrEmpty(after))
        {
            from = Decode(after);
            if (from is null)
            {
                errors.Add(new("after", "The continuation token is not one this list gave out; start again from the first page."));
            }
        }

        return new ListPage(take, from);
    }
}
