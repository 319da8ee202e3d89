using System.Globalization;

namespace HelpDesk.Core.Tickets;

/// <summary>Tickets are shown as <c>HD-42</c>; people and scripts may also type just <c>42</c>.</summary>
public static class TicketNumber
{
    public const string Prefix = "HD-";

    public static string Format(int id) => Prefix + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int id)
    {
        id = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = text.Trim();
        if (digits.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[Prefix.Length..];
        }

        return digits.Length is > 0 and <= 10
            && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
