using System.Globalization;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// Money as people type and read it (a decimal amount such as 1,250.50) and as it is stored (long cents). Parsing is
/// culture-invariant: the decimal separator is '.', and ',' may only group thousands.
/// </summary>
public static class Money
{
    /// <summary>
    /// The amount in cents, or null with <paramref name="error"/> saying what is wrong: blank, not a number,
    /// negative, a fraction of a cent, or too large.
    /// </summary>
    public static long? ParseCents(string? text, out string? error)
    {
        error = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter an amount, such as 1250 or 1250.50.";
            return null;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount)
            || !IsWellGrouped(trimmed))
        {
            error = $"'{trimmed}' is not an amount; write it like 1250 or 1,250.50.";
            return null;
        }

        if (amount < 0)
        {
            error = "The amount cannot be negative.";
            return null;
        }

        var cents = amount * 100;
        if (cents != decimal.Truncate(cents))
        {
            error = $"'{trimmed}' has a fraction of a cent; use at most two decimal places.";
            return null;
        }

        if (cents > long.MaxValue / 2)
        {
            error = "The amount is too large.";
            return null;
        }

        return (long)cents;
    }

    /// <summary>
    /// The amount for display in the installation's currency: 1,250.50 USD (always two decimals, invariant grouping,
    /// then the ISO 4217 code). Every amount anyone reads is written here.
    /// </summary>
    public static string Format(long cents, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return $"{(cents / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture)} {currency.Code}";
    }

    /// <summary>The amount as it goes back into an input: 1250.50, no grouping, so it parses back the same.</summary>
    public static string ForInput(long cents) =>
        (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    // decimal.TryParse with AllowThousands accepts a comma anywhere ("1,2,3"); people mean groups of three.
    private static bool IsWellGrouped(string text)
    {
        var whole = text.TrimStart('-', '+').Split('.')[0];
        if (!whole.Contains(',', StringComparison.Ordinal))
        {
            return true;
        }

        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
