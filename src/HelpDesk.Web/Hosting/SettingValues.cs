using System.Globalization;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reading one setting of a section: its default when left out, its value when it can be read and is in range, and
/// otherwise a start-up failure that names the setting, what it holds and what it must be.
/// </summary>
internal static class SettingValues
{
    public static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Bad(section, key, text, string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));
    }

    public static StartupConfigurationException Bad(IConfigurationSection section, string key, string text, string expected) =>
        new($"the setting {section.Path}:{key} is '{text}'; it must be {expected}.");
}
