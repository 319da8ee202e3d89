using System.Net;

namespace HelpDesk.Web.Hosting;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.</summary>
public sealed record TrustedProxies(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<IPNetwork> Networks);

/// <summary>
/// Reads <c>App:KnownProxies</c> (addresses) and <c>App:KnownNetworks</c> (CIDR ranges such as <c>10.0.0.0/8</c>),
/// each a list or one comma-separated value. Loopback is always trusted. A value that is not an address or a range
/// stops start-up naming the setting.
/// </summary>
public static class ProxySettingsReader
{
    public const string ProxiesSetting = "App:KnownProxies";
    public const string NetworksSetting = "App:KnownNetworks";

    public static TrustedProxies Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = Values(configuration, ProxiesSetting)
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw Bad(ProxiesSetting, text, "an IP address such as 10.0.0.5"))
            .ToList();
        var networks = Values(configuration, NetworksSetting)
            .Select(text => IPNetwork.TryParse(text, out var network) ? network : throw Bad(NetworksSetting, text, "a CIDR range such as 10.0.0.0/8"))
            .ToList();
        return new TrustedProxies(proxies, networks);
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var listed = section.GetChildren().Select(c => c.Value).OfType<string>();
        return (section.Value is { } single ? listed.Append(single) : listed)
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static StartupConfigurationException Bad(string key, string text, string expected) =>
        new($"the setting {key} holds '{text}'; each value must be {expected}.");
}
