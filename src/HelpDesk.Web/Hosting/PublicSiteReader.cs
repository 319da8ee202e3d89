using HelpDesk.Core.Mail;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Reads <c>App:PublicUrl</c>, the address people open the help desk at, such as <c>https://helpdesk.example.com</c>.
/// It is required outside Development; in Development it defaults to the first address the app listens on.
/// </summary>
public static class PublicSiteReader
{
    public const string Setting = "App:PublicUrl";

    private const string DevelopmentDefault = "http://localhost:5080";

    public static PublicSite Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!environment.IsDevelopment())
            {
                throw new StartupConfigurationException(
                    $"the setting {Setting} is not set; outside Development it must be the address people open the help desk at, such as https://helpdesk.example.com, because links in mail are built from it.");
            }

            text = ListeningAddress(configuration) ?? DevelopmentDefault;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new StartupConfigurationException(
                $"the setting {Setting} is '{text}'; it must be an absolute http or https address with no query, such as https://helpdesk.example.com.");
        }

        return new PublicSite(url);
    }

    /// <summary>The hosts a request may name: the public address's, and in Development the loopback names as well.</summary>
    public static IList<string> AllowedHosts(PublicSite site, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(environment);
        var hosts = new List<string> { site.BaseUrl.IdnHost };
        if (environment.IsDevelopment())
        {
            hosts.AddRange(["localhost", "127.0.0.1", "[::1]"]);
        }

        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // `dotnet run` passes the launch profile's address as ASPNETCORE_URLS, which configuration reads as "urls".
    private static string? ListeningAddress(IConfiguration configuration) =>
        configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal))
            .FirstOrDefault(u => Uri.TryCreate(u, UriKind.Absolute, out _));
}
