using HelpDesk.Core.Contracts;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reads the <c>Money</c> section: the installation's one currency, an ISO 4217 code (USD when left out). A code
/// that is not one stops start-up with a message naming the setting.
/// </summary>
public static class MoneySettingsReader
{
    public const string Section = "Money";

    public static Currency ReadCurrency(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var text = section[nameof(Currency)];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Currency.Default;
        }

        return Currency.Parse(text) ?? throw SettingValues.Bad(section, nameof(Currency), text, "an ISO 4217 currency code, such as USD, EUR or GBP");
    }
}
