using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Live;

/// <summary>
/// The live desk's services and route. One node keeps its connections in memory; several nodes behind a load balancer
/// need a SignalR backplane (for example Redis) so that a change saved on one node reaches the pages on another.
/// </summary>
public static class LiveDeskHosting
{
    /// <summary>After the data services: wraps the ticket store so that every saved change is announced.</summary>
    public static IServiceCollection AddLiveDesk(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<DeskConnections>();
        services.AddSingleton<ITicketChangeNotifier, HubTicketChangeNotifier>();
        var store = services.Last(d => d.ServiceType == typeof(ITicketStore));
        services.Remove(store);
        services.Add(ServiceDescriptor.Describe(
            typeof(ITicketStore),
            provider => new NotifyingTicketStore(Inner(provider, store), provider.GetRequiredService<ITicketChangeNotifier>()),
            store.Lifetime));
        return services;
    }

    /// <summary>A connection ends when the sign-in that opened it expires; the page's client then finds itself signed out.</summary>
    public static void MapLiveDesk(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<DeskHub>(DeskHub.Route, options => options.CloseOnAuthenticationExpiration = true);

    private static ITicketStore Inner(IServiceProvider provider, ServiceDescriptor store) =>
        (ITicketStore)(store.ImplementationInstance
            ?? store.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, store.ImplementationType!));
}
