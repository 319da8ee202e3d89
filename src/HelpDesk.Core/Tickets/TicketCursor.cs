using System.Globalization;
using System.Text;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// Where the previous page of a ticket list ended: the last row's sort key and id. Lists page by key, not by
/// offset, so a page costs the same at row ten and at row a million and no row is skipped or repeated when
/// tickets change between pages. Sent to clients as an opaque token.
/// </summary>
public sealed record TicketCursor(TicketSort Sort, long Key, int Id)
{
    /// <summary>
    /// For <see cref="TicketSort.Due"/>, whose key is the due time (<see cref="DateTime.MaxValue"/> when none), the
    /// last row's severity and creation time: ties of due time are broken by them before the id.
    /// </summary>
    public Severity DueSeverity { get; init; }

    public long DueCreatedTicks { get; init; }

    public static TicketCursor After(TicketSummary last, TicketSort sort) => sort switch
    {
        TicketSort.Created => new(sort, last.CreatedUtc.Ticks, last.Id),
        TicketSort.Severity => new(sort, (long)last.Severity, last.Id),
        TicketSort.Due => new(sort, (last.NextDueUtc ?? DateTime.MaxValue).Ticks, last.Id)
        {
            DueSeverity = last.Severity,
            DueCreatedTicks = last.CreatedUtc.Ticks,
        },
        _ => new(sort, last.UpdatedUtc.Ticks, last.Id),
    };

    public DateTime KeyTime => new(Key, DateTimeKind.Utc);

    public DateTime DueCreatedUtc => new(DueCreatedTicks, DateTimeKind.Utc);

    public string Encode()
    {
        var text = Sort == TicketSort.Due
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}.{Key}.{Id}.{(int)DueSeverity}.{DueCreatedTicks}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}.{Key}.{Id}");
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>False for anything this code did not write, or a token of another sort order.</summary>
    public static bool TryDecode(string? token, TicketSort expectedSort, out TicketCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 96)
        {
            return false;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split('.');
            if (parts.Length == (expectedSort == TicketSort.Due ? 5 : 3)
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort)
                && sort == (int)expectedSort
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var key)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && key <= DateTime.MaxValue.Ticks)
            {
                cursor = new TicketCursor(expectedSort, key, id);
                if (expectedSort != TicketSort.Due)
                {
                    return true;
                }

                if (int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var severity)
                    && Enum.IsDefined((Severity)severity)
                    && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var created)
                    && created <= DateTime.MaxValue.Ticks)
                {
                    cursor = cursor with { DueSeverity = (Severity)severity, DueCreatedTicks = created };
                    return true;
                }

                cursor = null;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        return false;
    }
}
