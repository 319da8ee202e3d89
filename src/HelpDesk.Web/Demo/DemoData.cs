using System.Diagnostics;
using System.Globalization;
using System.Text;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tickets;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo installation: organisations in every region and segment, people in every role, and a year of
/// tickets between them (<see cref="DemoTickets"/>). It is seeded into an empty database when <see cref="DemoPasswords"/>
/// says so (by default only in Development with SQLite) and is the same on every machine. Later capabilities add their demo rows here, so there is one place to read it all.
/// </summary>
public static partial class DemoData
{
    public const string DefaultPassword = "Demo-pass-1";

    /// <summary>Fixed so that any generated demo history is the same on every machine.</summary>
    public const int RandomSeed = 20261123;

    /// <summary>The manager who publishes the demo's Scope of Support.</summary>
    public const string ManagerEmail = "manager@helpdesk.test";

    /// <summary>
    /// A file to record the demo's history into (<see cref="DemoHistory"/>): the seed then tells it through the use cases
    /// and writes what they wrote there. Unset, a seed on SQLite writes the recording the app carries.
    /// </summary>
    public const string RecordHistorySetting = "Demo:RecordHistoryTo";

    /// <summary><c>UseCases</c> tells the history through the use cases even where the recording could be written.</summary>
    public const string HistorySetting = "Demo:History";

    public static IReadOnlyList<DemoOrganisation> Organisations { get; } =
    [
        new("Northwind Traders", Region.Americas, CustomerSegment.Strategic, "northwind.example"),
        new("Contoso Manufacturing", Region.Emea, CustomerSegment.Key, "contoso.example"),
        new("Fabrikam Robotics", Region.Apac, CustomerSegment.Standard, "fabrikam.example"),
        new("Tailspin Toys", Region.Americas, CustomerSegment.SelfService, "tailspin.example"),
        new("Adatum Energy", Region.Emea, CustomerSegment.Strategic, "adatum.example"),
        new("Wingtip Logistics", Region.Apac, CustomerSegment.Key, "wingtip.example"),
        new("Litware Media", Region.Emea, CustomerSegment.Standard, "litware.example"),
    ];

    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        new("admin@helpdesk.test", "Ada Admin", Roles.Admin, null),
        new(ManagerEmail, "Morgan Manager", Roles.Manager, null),
        new("engineer@helpdesk.test", "Erin Engineer", Roles.Engineer, null),
        new("kenji.sato@helpdesk.test", "Kenji Sato", Roles.Engineer, null),
        new("lena.fischer@helpdesk.test", "Lena Fischer", Roles.Engineer, null),
        new("priya.shah@helpdesk.test", "Priya Shah", Roles.Engineer, null),
        new("marco.rossi@helpdesk.test", "Marco Rossi", Roles.Engineer, null),
        new("sofia.garcia@helpdesk.test", "Sofia García", Roles.Engineer, null),
        new("tom.becker@helpdesk.test", "Tom Becker", Roles.Engineer, null),
        new("aiko.tanaka@helpdesk.test", "Aiko Tanaka", Roles.Engineer, null),
        new("lucas.martin@helpdesk.test", "Lucas Martin", Roles.Engineer, null),
        new("hannah.okafor@helpdesk.test", "Hannah Okafor", Roles.Engineer, null),
        new("wei.chen@helpdesk.test", "Wei Chen", Roles.Engineer, null),
        new("tidewater@helpdesk.test", "Tidewater Services (supplier)", Roles.Engineer, null),
        new("customer@northwind.example", "Nora Northwind", Roles.Customer, "northwind.example"),
        new("pat.buyer@northwind.example", "Pat Buyer", Roles.Customer, "northwind.example"),
        new("customer@contoso.example", "Carla Contoso", Roles.Customer, "contoso.example"),
        new("customer@fabrikam.example", "Fumiko Fabrikam", Roles.Customer, "fabrikam.example"),
        new("customer@tailspin.example", "Tom Tailspin", Roles.Customer, "tailspin.example"),
        new("customer@adatum.example", "Ana Adatum", Roles.Customer, "adatum.example"),
        new("customer@wingtip.example", "Wei Wingtip", Roles.Customer, "wingtip.example"),
        new("customer@litware.example", "Lise Litware", Roles.Customer, "litware.example"),
        new("newcomer@unlisted.example", "Noel Newcomer", Roles.Customer, null),
    ];

    /// <returns>Whether the demo is wanted here (seeded now or earlier), so that start-up queues its first rollup.</returns>
    public static async Task<bool> SeedIfWantedAsync(IServiceProvider services, IConfiguration configuration, StartupStages stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!DemoPasswords.WantsSeed(configuration, environment, provider))
        {
            return false;
        }

        var users = services.GetRequiredService<HelpDeskUserManager>();
        var password = DemoPasswords.Choose(configuration, environment);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("HelpDesk.Demo");

        // On SQLite the whole demo is written in one transaction on one connection: thousands of use cases each
        // committing on its own cost many times their SQL, and a seed that fails half-way leaves nothing, so that the
        // next start, which looks for the first demo account, seeds it all again.
        using (var seeding = (services.GetRequiredService<IDbConnectionFactory>() as SqliteConnectionFactory)?.BeginSeeding())
        {
            // Only where the history can be recorded: in the seeding scope's one transaction on SQLite.
            var recordTo = seeding is null ? null : configuration[RecordHistorySetting];
            DemoHistory.Snapshot? beforeHistory = null;
            if (await users.FindByEmailAsync(People[0].Email) is null)
            {
                Console.WriteLine("HelpDesk: seeding the demo (organisations, contracts, engineers and a year of tickets)…");
                var started = Stopwatch.GetTimestamp();
                var history = seeding is null || recordTo is not null || string.Equals(configuration[HistorySetting], "UseCases", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : DemoHistory.Embedded();
                var (tickets, before) = await SeedAsync(services, users, password, stages, history, recordTo is not null);
                beforeHistory = before;

                // The demo's tickets are searchable from the first request, not from the indexer's first run.
                await TicketSearchIndex.IndexPendingAsync(services.GetRequiredService<IDbConnectionFactory>());
                var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogSeeded(logger, Organisations.Count, People.Count, DemoCatalogue.Products.Count, DemoContracts.Contracts.Count, tickets, milliseconds);
            }

            // Its own check, so that an installation seeded before the services catalogue existed gets it too.
            await DemoOffers.SeedAsync(services, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            stages.Done("demo offers");

            if (recordTo is not null && beforeHistory is not null)
            {
                // A connection of its own, not one of the factory's lent ones, so that it is a SqliteConnection.
                await using var connection = services.GetRequiredService<IDbConnectionFactory>().Open();
                var after = await DemoHistory.SnapshotAsync((SqliteConnection)connection);
                await File.WriteAllTextAsync(recordTo, DemoHistory.Record(beforeHistory, after, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
                stages.Done("demo history recorded");
            }

            var retired = await DemoPasswords.RetirePublishedAsync(users, password);
            if (retired > 0)
            {
                LogPasswordsRetired(logger, retired);
            }

            seeding?.Commit();
            stages.Done(seeding is null ? "demo passwords checked" : "demo passwords checked, committed");
        }

        PrintSignIns(environment.IsDevelopment() ? password : $"the one in {DemoPasswords.PasswordSetting}");
        return true;
    }

    /// <param name="history">The recorded history to write after the catalogue, scope, contracts and engineers, if any.</param>
    /// <param name="recording">Whether the history told through the use cases is being recorded: a snapshot is taken before it.</param>
    /// <returns>How many demo tickets were seeded, and the snapshot taken before the history when recording.</returns>
    private static async Task<(int Tickets, DemoHistory.Snapshot? Before)> SeedAsync(
        IServiceProvider services, HelpDeskUserManager users, string password, StartupStages stages, byte[]? history, bool recording)
    {
        var organisations = services.GetRequiredService<IOrganisationStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var byDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var demo in Organisations)
        {
            var saved = await organisations.CreateAsync(new Organisation
            {
                Name = demo.Name,
                Region = demo.Region,
                Segment = demo.Segment,
                EmailDomains = [demo.Domain],
                CreatedUtc = now,
            });
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException($"Demo organisation {demo.Name} could not be saved: {saved.Problem}.");
            }

            byDomain[demo.Domain] = saved.Id;
        }

        stages.Done("demo organisations");

        // Every demo account has the same password: check it against the password rules once and hash it once,
        // which keeps the first start fast (hashing is deliberately slow).
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, new HelpDeskUser(), password), "Demo:Password");
        }

        var passwordHash = users.PasswordHasher.HashPassword(new HelpDeskUser(), password);
        var userIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            var user = new HelpDeskUser
            {
                UserName = person.Email,
                Email = person.Email,
                DisplayName = person.Name,
                EmailConfirmed = true,
                OrganisationId = person.OrganisationDomain is { } domain ? byDomain[domain] : null,
                PasswordHash = passwordHash,
                CreatedUtc = now,
            };
            Check(await users.CreateAsync(user), person.Email);
            Check(await users.AddToRoleAsync(user, person.Role), person.Email);
            userIds[person.Email] = user.Id;
        }

        stages.Done("demo people (one password hash)");

        // The catalogue, its published scope and the contracts come before the tickets, which are judged by them.
        var catalogue = await DemoCatalogue.SeedAsync(services.GetRequiredService<IScopeStore>(), userIds[ManagerEmail], now);
        await DemoContracts.SeedAsync(services.GetRequiredService<IContractStore>(), byDomain, catalogue.Products, now);
        await DemoEngineers.SeedAsync(services.GetRequiredService<IEngineerStore>(), userIds, catalogue.Products, now);
        stages.Done("demo catalogue, scope, contracts and engineers");

        var connections = services.GetRequiredService<IDbConnectionFactory>();
        if (history is not null)
        {
            // The same history each time, written as plain inserts shifted to now: a fraction of what telling it costs.
            var messageIdDomain = services.GetRequiredService<MailSettings>().MessageIdDomain;
            await using var connection = await connections.OpenAsync();
            var written = await DemoHistory.TryWriteAsync((SqliteConnection)connection, history, now, column => column switch
            {
                "MessageId" => $"{Guid.NewGuid():N}@{messageIdDomain}",
                "PasswordHash" => passwordHash,
                _ when column.EndsWith("Stamp", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ => throw new InvalidOperationException($"The demo history has no fresh value for {column}."),
            });
            if (written)
            {
                stages.Done("demo tickets and their history, NPS and known issues, from the recording");
                return (DemoTickets.Count + DemoTriage.Count, null);
            }

            Console.WriteLine("HelpDesk: the demo's recorded history does not fit the rows seeded before it; telling it through the use cases.");
        }

        DemoHistory.Snapshot? before = null;
        if (recording)
        {
            await using var connection = await connections.OpenAsync();
            before = await DemoHistory.SnapshotAsync((SqliteConnection)connection);
        }

        var tickets = await DemoTickets.SeedAsync(services, userIds, byDomain, now);
        stages.Done("demo tickets and their history");
        await DemoNps.SeedAsync(services, userIds, byDomain, now);
        await DemoKnownIssues.SeedAsync(services, userIds, byDomain, now);
        stages.Done("demo NPS and known issues");
        return (tickets, before);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new StartupConfigurationException(
                $"the demo could not be seeded ({what}): {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    // Printed, not logged: it is the first thing a person trying the app needs, whatever the log format.
    private static void PrintSignIns(string password)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("HelpDesk demo sign-ins (password for all: " + password + ")");
        foreach (var person in People)
        {
            var note = person.Role == Roles.Customer && person.OrganisationDomain is null ? "  (awaiting placement)" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {person.Role,-9} {person.Email}{note}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Demo catalogue: {DemoCatalogue.Products.Count} products of {DemoCatalogue.Vendor} ({string.Join(", ", DemoCatalogue.Products.Select(p => p.Name))}) with {DemoCatalogue.ReleaseCount} releases and {DemoCatalogue.Environments.Count} environments; Scope of Support in 2 published versions each at /scope; {DemoContracts.PlanCount} plans, {DemoContracts.Contracts.Count} contracts; {DemoOfferings.All.Count} services offerings with offers in every state (pipeline at /manage/services/pipeline).");
        Console.WriteLine(text.ToString());
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Count} demo account(s) still had the published demo password and now have the one in Demo:Password")]
    private static partial void LogPasswordsRetired(ILogger logger, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Seeded the demo: {Organisations} organisations, {People} people, {Products} products, {Contracts} contracts, {Tickets} tickets in {Milliseconds} ms")]
    private static partial void LogSeeded(ILogger logger, int organisations, int people, int products, int contracts, int tickets, long milliseconds);
}

public sealed record DemoOrganisation(string Name, Region Region, CustomerSegment Segment, string Domain);

public sealed record DemoPerson(string Email, string Name, string Role, string? OrganisationDomain);
