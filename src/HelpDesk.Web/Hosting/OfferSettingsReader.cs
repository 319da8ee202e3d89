using HelpDesk.Core.Offers;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reads the <c>Offers</c> section: <c>ExpiryDays</c>, how many days an offer stays open unless the engineer picks
/// another expiry (default 30, from 1 to 365). A value that cannot be read stops start-up with a message naming it.
/// </summary>
public static class OfferSettingsReader
{
    public const string Section = "Offers";

    public static OfferSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new OfferSettings
        {
            ExpiryDays = SettingValues.Int(section, nameof(OfferSettings.ExpiryDays), OfferSettings.DefaultExpiryDays, 1, MakeOffer.MaxExpiryDays),
            Currency = MoneySettingsReader.ReadCurrency(configuration),
        };
    }
}
