using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// The test server has no connection: this makes every request arrive from one address, as through a real one
/// (a client's own, or a reverse proxy's).
/// </summary>
public static class ClientAddress
{
    public static void ArriveFrom(this IWebHostBuilder builder, string address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter>(_ => new Filter(IPAddress.Parse(address))));
    }

    private sealed class Filter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
