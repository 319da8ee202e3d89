using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Jobs;
using HelpDesk.Web.Webhooks;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Webhooks in the host: the <c>Webhooks</c> settings, secrets protected with data protection, the HTTP transport with
/// its connect-time address check, the sender with its recurring job, and the wake-up that sends right after a change.
/// </summary>
public static class WebhookHosting
{
    /// <summary>Every minute: a breach reaches its receivers within about a minute even when the wake-up missed it.</summary>
    public static IReadOnlyList<RecurringJobDefinition> Jobs { get; } =
    [
        RecurringJobDefinition.For<WebhookSender, WebhookRunResult>("webhooks:send", "* * * * *", job => job.DeliverAsync(CancellationToken.None)),
    ];

    public static IServiceCollection AddHelpDeskWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var settings = new WebhookSettings(
            AllowPrivateAddresses: section.GetValue("AllowPrivateAddresses", false),
            SendOnChange: section.GetValue("SendOnChange", true));
        services.AddSingleton(settings);
        services.AddSingleton<IWebhookSecrets, DataProtectionWebhookSecrets>();
        services.AddHttpClient(HttpWebhookTransport.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => HttpWebhookTransport.Handler(settings));
        services.AddSingleton<IWebhookTransport, HttpWebhookTransport>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookSubscriptions>();
        if (settings.SendOnChange)
        {
            services.AddHostedService<WebhookWake>();
        }

        return services;
    }
}
