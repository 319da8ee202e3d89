using System.Globalization;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    /// <summary>
    /// Waits for what the wake-up after each change sends. When an attempt failed meanwhile (on a busy machine a
    /// receiver can miss the sender's timeout), its retry is left to the <c>webhooks:send</c> job, which the tests keep
    /// off: after <see cref="WakeAlone"/> the sender is also run as that job would run a minute later. A timeout says
    /// what each delivery went through.
    /// </summary>
    public static Task<IReadOnlyList<WebhookReceiver.Received>> SentAsync(
        this HelpDeskAppFactory app, WebhookReceiver receiver, Func<IReadOnlyList<WebhookReceiver.Received>, bool> done)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(receiver);
        var since = DateTime.UtcNow;
        return receiver.WaitForAsync(
            done,
            drive: async () =>
            {
                if (DateTime.UtcNow - since > WakeAlone)
                {
                    await app.Sender(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(2))).DeliverAsync();
                }
            },
            explain: () => app.DescribeDeliveriesAsync());
    }

    /// <summary>How long the wake-up alone is given before the job's run is added.</summary>
    public static readonly TimeSpan WakeAlone = TimeSpan.FromSeconds(20);

    /// <summary>Every delivery in the outbox: its event, status, attempts and last answer.</summary>
    public static async Task<string> DescribeDeliveriesAsync(this HelpDeskAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<(int Id, string EventType, string Status, int Attempts, int? LastStatusCode, string? LastResponse, string NextAttemptUtc)>(
            "SELECT Id, EventType, Status, Attempts, LastStatusCode, LastResponse, NextAttemptUtc FROM WebhookDeliveries ORDER BY Id");
        return "the outbox: " + string.Join("; ", rows.Select(r => string.Create(
            CultureInfo.InvariantCulture, $"#{r.Id} {r.EventType} {r.Status} after {r.Attempts} attempt(s), last answer {r.LastStatusCode} {r.LastResponse}, next {r.NextAttemptUtc}")));
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
