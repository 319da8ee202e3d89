using System.Globalization;
using System.Text;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Contracts;

/// <summary>A holiday calendar's days as a manager types them: one per line, "2026-12-25 Christmas Day".</summary>
public static class HolidayList
{
    /// <summary>The days in date order, or an error for each line that cannot be read, naming its line number.</summary>
    public static IReadOnlyList<Holiday> Parse(string? text, string field, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var days = new List<Holiday>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var datePart = space < 0 ? line : line[..space];
            var name = space < 0 ? "" : line[(space + 1)..].Trim();
            if (!DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"Line {number}: '{datePart}' is not a date; start the line with the date as yyyy-MM-dd, such as 2026-12-25 Christmas Day.")));
                continue;
            }

            if (name.Length == 0)
            {
                errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"Line {number}: write the holiday's name after the date, such as {datePart} Christmas Day.")));
                continue;
            }

            if (seen.TryGetValue(day, out var first))
            {
                errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"Line {number}: {datePart} is already on line {first}; list each day once.")));
                continue;
            }

            seen[day] = number;
            days.Add(new Holiday(day, name));
        }

        return [.. days.OrderBy(d => d.Day)];
    }

    /// <summary>The days as lines, the way <see cref="Parse"/> reads them back.</summary>
    public static string Format(IEnumerable<Holiday> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var text = new StringBuilder();
        foreach (var day in days.OrderBy(d => d.Day))
        {
            text.Append(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ').Append(day.Name).Append('\n');
        }

        return text.ToString();
    }
}
