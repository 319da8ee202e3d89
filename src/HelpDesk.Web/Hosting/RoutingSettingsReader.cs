using System.Globalization;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reads the <c>Routing</c> and <c>Sla</c> sections into the settings Core takes. Each setting left out keeps its
/// default; one that cannot be read or is out of range stops start-up with a message naming it. Read by hand rather
/// than with the configuration binder, which adds a configured list to the default one instead of replacing it.
/// </summary>
public static class RoutingSettingsReader
{
    public const string RoutingSection = "Routing";
    public const string SlaSection = "Sla";

    public static RoutingSettings ReadRouting(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RoutingSection);
        var defaults = new RoutingSettings();
        return new RoutingSettings
        {
            CriticalProficiency = Proficiency(section, nameof(RoutingSettings.CriticalProficiency), defaults.CriticalProficiency),
            HighProficiency = Proficiency(section, nameof(RoutingSettings.HighProficiency), defaults.HighProficiency),
            NormalProficiency = Proficiency(section, nameof(RoutingSettings.NormalProficiency), defaults.NormalProficiency),
            LowProficiency = Proficiency(section, nameof(RoutingSettings.LowProficiency), defaults.LowProficiency),
            ProficiencyFirstSegments = SegmentList(section, nameof(RoutingSettings.ProficiencyFirstSegments), defaults.ProficiencyFirstSegments),
            ProficiencyFirstSeverity = SeverityValue(section, nameof(RoutingSettings.ProficiencyFirstSeverity), defaults.ProficiencyFirstSeverity),
            ExpectedMinutesPerCase = SettingValues.Int(section, nameof(RoutingSettings.ExpectedMinutesPerCase), defaults.ExpectedMinutesPerCase, 1, 100_000),
            ExplainTop = SettingValues.Int(section, nameof(RoutingSettings.ExplainTop), defaults.ExplainTop, 1, 50),
            ExplainExcluded = SettingValues.Int(section, nameof(RoutingSettings.ExplainExcluded), defaults.ExplainExcluded, 0, 500),
            Currency = MoneySettingsReader.ReadCurrency(configuration),
        };
    }

    public static SlaSettings ReadSla(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SlaSection);
        var defaults = new SlaSettings();
        return new SlaSettings
        {
            AtRiskPercent = SettingValues.Int(section, nameof(SlaSettings.AtRiskPercent), defaults.AtRiskPercent, 1, 99),
            EscalateBreachedCritical = Bool(section, nameof(SlaSettings.EscalateBreachedCritical), defaults.EscalateBreachedCritical),
            BatchSize = SettingValues.Int(section, nameof(SlaSettings.BatchSize), defaults.BatchSize, 1, 100_000),
        };
    }

    private static int Proficiency(IConfigurationSection section, string key, int fallback) =>
        SettingValues.Int(section, key, fallback, EngineerSkill.MinProficiency, EngineerSkill.MaxProficiency);


    private static bool Bool(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw SettingValues.Bad(section, key, text, "true or false");
    }

    private static Severity SeverityValue(IConfigurationSection section, string key, Severity fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && Enum.IsDefined((Severity)level))
        {
            return (Severity)level;
        }

        return Named<Severity>(text.Trim()) ?? throw SettingValues.Bad(section, key, text, "a severity: 1 to 4, or " + string.Join(", ", Enum.GetNames<Severity>()));
    }

    /// <summary>A list either as an array (<c>Routing:ProficiencyFirstSegments:0</c>) or as one comma-separated value, handy in an environment variable; an empty value means none.</summary>
    private static IReadOnlyList<CustomerSegment> SegmentList(IConfigurationSection section, string key, IReadOnlyList<CustomerSegment> fallback)
    {
        var list = section.GetSection(key);
        IEnumerable<string> texts;
        if (list.Value is not null)
        {
            texts = list.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        else if (list.GetChildren().Any())
        {
            texts = list.GetChildren().Select(c => c.Value ?? "");
        }
        else
        {
            return fallback;
        }

        var segments = new List<CustomerSegment>();
        foreach (var text in texts)
        {
            var segment = Named<CustomerSegment>(text.Trim().Replace("-", "", StringComparison.Ordinal))
                ?? throw SettingValues.Bad(section, key, text, "segment names: " + string.Join(", ", Enum.GetNames<CustomerSegment>()));
            if (!segments.Contains(segment))
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    // Names only: Enum.TryParse would also take "7" as a value that does not exist.
    private static T? Named<T>(string text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;

}
