using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Webhooks;

/// <summary>The app allowing loopback receivers (the test's own), sending as soon as a change queues a delivery.</summary>
public sealed class WebhookApp() : HelpDeskAppFactory(new Dictionary<string, string?> { ["Webhooks:AllowPrivateAddresses"] = "true" });

/// <summary>
/// The app allowing loopback receivers, with no wake-up after a change: deliveries wait for the sender the test drives,
/// on the clock the test controls. Given a database file, the app opens that one (a restart).
/// </summary>
public sealed class DrivenWebhookApp : HelpDeskAppFactory
{
    public DrivenWebhookApp()
        : base(Settings(null))
    {
    }

    public DrivenWebhookApp(string databaseFile)
        : base(Settings(databaseFile))
    {
    }

    private static Dictionary<string, string?> Settings(string? databaseFile)
    {
        var settings = new Dictionary<string, string?> { ["Webhooks:AllowPrivateAddresses"] = "true", ["Webhooks:SendOnChange"] = "false" };
        if (databaseFile is not null)
        {
            settings["ConnectionStrings:HelpDesk"] = $"Data Source={databaseFile}";
        }

        return settings;
    }

    /// <summary>A database file opened from another app, deleted with this one.</summary>
    public string? SharedDatabaseFile { get; init; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && SharedDatabaseFile is not null)
        {
            DeleteDatabase(SharedDatabaseFile);
        }
    }

}

public static class WebhookAppSenders
{
    /// <summary>The sender as the job runs it, on <paramref name="clock"/>.</summary>
    public static WebhookSender Sender(this HelpDeskAppFactory app, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        return new(
            services.GetRequiredService<IWebhookStore>(),
            services.GetRequiredService<IWebhookTransport>(),
            services.GetRequiredService<IWebhookSecrets>(),
            services.GetRequiredService<PublicSite>(),
            clock);
    }

    /// <summary>The SLA monitor as the job runs it, on <paramref name="clock"/>.</summary>
    public static SlaMonitor SlaMonitor(this HelpDeskAppFactory app, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        return new(
            services.GetRequiredService<ITicketStore>(),
            services.GetRequiredService<IRoutingStore>(),
            services.GetRequiredService<IOrganisationStore>(),
            services.GetRequiredService<IPeopleDirectory>(),
            services.GetRequiredService<RoutingSettings>(),
            services.GetRequiredService<SlaSettings>(),
            clock);
    }
}
