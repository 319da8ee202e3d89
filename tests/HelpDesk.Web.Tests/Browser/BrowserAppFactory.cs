using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// The whole application served by real Kestrel on a free loopback port, so that a real browser (or a raw
/// <see cref="HttpClient"/>) can reach it. Same fresh database and demo seed as <see cref="HelpDeskAppFactory"/>,
/// one per test class; a subclass passes settings of its own on top of the public URL.
/// </summary>
public class BrowserAppFactory : HelpDeskAppFactory
{
    private readonly Lazy<string> _baseUrl;

    public BrowserAppFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    protected BrowserAppFactory(IDictionary<string, string?> settings)
        : base(new Dictionary<string, string?>(settings) { ["App:PublicUrl"] = "http://127.0.0.1" })
    {
        // Port 0: the operating system picks a free port, so test classes can run side by side.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _baseUrl = new Lazy<string>(StartAndReadAddress);
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl => _baseUrl.Value;

    private string StartAndReadAddress()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no address to browse to.");
        return address.TrimEnd('/');
    }
}
