using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Demo;
using HelpDesk.Web.Jobs;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// What happens between building the app and serving the first request: check the database settings,
/// apply migrations, make sure the roles exist, seed the demo, register the recurring jobs.
/// </summary>
public static partial class HelpDeskStartup
{
    /// <summary>The setting that makes the host read its configuration files again when they change.</summary>
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// The host's arguments: <c>appsettings.json</c> and its kin are read once, at start, unless a later argument says
    /// <c>--hostBuilder:reloadConfigOnChange=true</c>. Reading them again on change watches the content root with
    /// everything under it: the watcher walks every directory there at start, however many files the mail pickup folder
    /// holds, and is woken afterwards by every file written under it, the SQLite database and its log among them.
    /// </summary>
    public static string[] HostArguments(string[] args) => [$"--{ReloadConfigOnChange}=false", .. args];

    public static async Task<int> RunHelpDeskAsync(this WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HelpDesk.Startup");
        var stages = new StartupStages(logger);
        try
        {
            // Resolving the options reads and checks every database setting.
            var connections = app.Services.GetRequiredService<IDbConnectionFactory>();
            await DatabaseConfiguration.CheckReachableAsync(connections);
            stages.Done("database reachable");
            // On a first start the console says what is going on before the seconds it takes, so it never looks hung.
            var migration = app.Services.GetRequiredService<MigrationRunner>().Run(
                pending => Console.WriteLine($"HelpDesk: building the database ({pending} migration(s) to apply)…"));
            if (!migration.Successful)
            {
                return Fail($"Migration {migration.FailedScript} failed and was rolled back: {migration.Error}");
            }

            LogMigrated(logger, connections.Provider, migration.Applied.Count);
            stages.Done("migrations");
            if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
            {
                Console.WriteLine($"HelpDesk: database is up to date ({migration.Applied.Count} migration(s) applied).");
                return 0;
            }

            if (VolumeSeed.IsWanted(args))
            {
                return await VolumeSeed.RunAsync(app.Services, args);
            }

            // The currency and the router's and the SLA monitor's settings are read now, so a bad one stops start-up here.
            app.Services.GetRequiredService<HelpDesk.Core.Contracts.Currency>();
            app.Services.GetRequiredService<RoutingSettings>();
            app.Services.GetRequiredService<SlaSettings>();
            app.Services.GetRequiredService<HelpDesk.Core.Mail.MailSettings>();
            app.Services.GetRequiredService<HelpDesk.Core.Mail.PublicSite>();
            app.Services.GetRequiredService<TrustedProxies>();
            var mailServer = app.Services.GetRequiredService<OutboundMailServer>();
            var mailIngress = app.Services.GetRequiredService<MailIngress>();
            LogMail(logger, mailServer, mailIngress);
            stages.Done("settings");

            bool demo;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().EnsureRolesAndAdminAsync();
                stages.Done("roles");
                demo = await DemoData.SeedIfWantedAsync(scope.ServiceProvider, app.Configuration, stages);
            }

            app.UseHelpDesk();
            stages.Done("pipeline");
            app.Services.GetRequiredService<RecurringJobs>().Register();
            if (demo)
            {
                // The demo's year is rolled up by a job that starts once the app serves requests, rather than before:
                // the economics pages say the figures are on their way until it has run (a few seconds).
                RecurringJobs.EnqueueFirstRollup(app.Services.GetRequiredService<Hangfire.IBackgroundJobClient>());
            }

            stages.Done("jobs registered");
            StartupStages.LogWhenServing(app, logger);
        }
        catch (DatabaseConfigurationException ex)
        {
            return Fail(ex.Message);
        }
        catch (StartupConfigurationException ex)
        {
            return Fail(ex.Message);
        }

        await app.RunAsync();
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"HelpDesk cannot start: {message}");
        return 1;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Database ready on {Provider}; {Count} migration(s) applied now")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Mail goes out through {Server}; raw-MIME endpoint: {Ingress}")]
    private static partial void LogMail(ILogger logger, OutboundMailServer server, MailIngress ingress);
}

/// <summary>A setting a person must fix before the app can start; start-up prints its message and exits.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
