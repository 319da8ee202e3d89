using System.Globalization;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Seeding;
using HelpDesk.Data.Tickets;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Demo;

/// <summary>
/// <c>dotnet run --project src/HelpDesk.Web -- seed --tickets 1000000</c>: fills the configured database, after its
/// migrations, with a generated help desk of that many tickets (<see cref="TicketVolume"/>), prints whom to sign in as
/// and exits. Its people sign in with the demo password. It fills only a database that holds no tickets yet.
/// </summary>
public static class VolumeSeed
{
    public const string Command = "seed";
    public const int DefaultTickets = 100_000;

    public static bool IsWanted(string[] args) => args.Contains(Command, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (TicketsAsked(args) is not int tickets)
        {
            await Console.Error.WriteLineAsync("seed: --tickets takes a whole number of tickets from 0 to 10,000,000, e.g. seed --tickets 1000000.");
            return 2;
        }

        var password = DemoPasswords.Choose(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
        string hash;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().EnsureRolesAndAdminAsync();
            hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<HelpDeskUser>>().HashPassword(new HelpDeskUser(), password);
        }

        var connections = services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync();
        if (await connection.ExecuteScalarAsync<int>("SELECT CASE WHEN EXISTS (SELECT 1 FROM Tickets) THEN 1 ELSE 0 END") > 0)
        {
            await Console.Error.WriteLineAsync("seed: the database already holds tickets; point Database settings at a new database (for SQLite, a new file) and run it again.");
            return 1;
        }

        var started = TimeProvider.System.GetTimestamp();
        var signIns = new TicketVolume(connection, connections.Dialect).Generate(tickets, hash);
        await TicketSearchIndex.IndexPendingAsync(connection, connections.Dialect);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            HelpDesk: seeded {signIns.Tickets:N0} tickets, {TicketVolume.OrganisationCount} organisations, {TicketVolume.OrganisationCount * TicketVolume.PeoplePerOrganisation:N0} customers and {TicketVolume.EngineerCount} engineers in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F0} s.
            Sign in with the demo password as:
              customer (the largest organisation)  {signIns.CustomerEmail}
              engineer                              {signIns.EngineerEmail}
            """));
        return 0;
    }

    private static int? TicketsAsked(string[] args)
    {
        var at = Array.FindIndex(args, a => string.Equals(a, "--tickets", StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return DefaultTickets;
        }

        return at + 1 < args.Length
            && int.TryParse(args[at + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= 10_000_000
            ? count
            : null;
    }
}
