using System.Globalization;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// The one currency of an installation, by its ISO 4217 code (USD unless the <c>Money:Currency</c> setting says
/// otherwise). Amounts are stored as cents without it; <see cref="Money.Format"/> writes it after every amount.
/// </summary>
public sealed record Currency
{
    private static readonly Lazy<IReadOnlySet<string>> Known = new(KnownCodes);

    private Currency(string code) => Code = code;

    public static Currency Default { get; } = new("USD");

    /// <summary>The three-letter ISO 4217 code, upper case.</summary>
    public string Code { get; }

    /// <summary>The currency with this ISO 4217 code (any case, spaces ignored); null when it is not one.</summary>
    public static Currency? Parse(string? code)
    {
        var text = (code ?? "").Trim().ToUpperInvariant();
        return text.Length == 3 && text.All(char.IsAsciiLetterUpper) && Known.Value.Contains(text) ? new Currency(text) : null;
    }

    public override string ToString() => Code;

    // The codes of the currencies countries use today, as the runtime's region data lists them.
    private static HashSet<string> KnownCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { Default.Code, "EUR", "GBP", "JPY", "CHF" };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                codes.Add(new RegionInfo(culture.Name).ISOCurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture with no region of its own names no currency.
            }
        }

        return codes;
    }
}
