using HelpDesk.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Every route the app answers, as "METHOD /pattern", read from the running app's endpoint table.</summary>
public static class RouteInventory
{
    public static IReadOnlyList<string> Read(IServiceProvider services) => [.. Scopes(services).Keys];

    /// <summary>Every route with the API scope it names (<see cref="RequiredScope"/>), or null.</summary>
    public static IReadOnlyDictionary<string, string?> Scopes(IServiceProvider services)
    {
        var routes = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var scope = endpoint.Metadata.GetMetadata<RequiredScope>()?.Scope;
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                // A Razor page answers GET and POST (its handlers); other verbs get 405 from the page itself.
                routes[$"GET {pattern.ToLowerInvariant()}"] = scope;
                routes[$"POST {pattern.ToLowerInvariant()}"] = scope;
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var method in methods)
            {
                routes[$"{method} {pattern}"] = scope;
            }
        }

        return routes;
    }
}
