using Bogus;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks.Tickets;

/// <summary>
/// A SQLite file with <c>count</c> tickets over three years, 200 organisations, 1,000 customers and 40
/// engineers, generated from a fixed seed. Generating a million tickets takes a while, so the file is kept in
/// the temp folder under a name made from the count, the migration scripts and <see cref="GeneratorVersion"/>:
/// a rerun reuses it, and a schema or generator change makes a new one.
/// </summary>
internal static class TicketDataset
{
    // Raise when the generated rows change, so that cached files are not reused.
    private const int GeneratorVersion = 1;
    private const int Seed = 4242;
    private const int OrganisationCount = 200;
    private const int CustomersPerOrganisation = 5;
    private const int EngineerCount = 40;

    public static readonly DateTime NowUtc = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);

    public static string ConnectionString(string file) => CachedDataset.ConnectionString(file);

    public static string Ensure(int count) =>
        CachedDataset.Ensure(Path.GetTempPath(), "tickets", $"generator {GeneratorVersion}", count, Generate);

    private static void Generate(string file, int count)
    {
        File.Delete(file);
        var connectionString = ConnectionString(file);
        BenchmarkDatabase.Migrate(connectionString);

        var random = new Random(Seed);
        var faker = new Faker { Random = new Randomizer(Seed) };
        var subjects = Enumerable.Range(0, 5_000).Select(_ => faker.Hacker.Phrase()).Select(s => s.Length > 200 ? s[..200] : s).ToArray();
        string[] products = ["Orders API", "Billing Portal", "Warehouse Scanner", "Reporting", "Single Sign-On", "Mobile App", "Integrations", "Data Import"];

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;");
        using var transaction = connection.BeginTransaction();

        var organisations = new int[OrganisationCount];
        using (var insert = Prepare(connection, transaction, "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc) VALUES ($name, 'Emea', 'Key', $now) RETURNING Id", "$name", "$now"))
        {
            for (var i = 0; i < OrganisationCount; i++)
            {
                insert.Parameters[0].Value = $"{faker.Company.CompanyName()} #{i}";
                insert.Parameters[1].Value = NowUtc - Span;
                organisations[i] = Convert.ToInt32(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var customers = new int[OrganisationCount, CustomersPerOrganisation];
        var engineers = new int[EngineerCount];
        using (var insert = Prepare(connection, transaction, """
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES ($email, $normal, $email, $normal, $name, 'stamp', $org, $now) RETURNING Id
            """, "$email", "$normal", "$name", "$org", "$now"))
        {
            int Add(string email, int? organisation)
            {
                insert.Parameters[0].Value = email;
                insert.Parameters[1].Value = email.ToUpperInvariant();
                insert.Parameters[2].Value = faker.Name.FullName();
                insert.Parameters[3].Value = (object?)organisation ?? DBNull.Value;
                insert.Parameters[4].Value = NowUtc - Span;
                return Convert.ToInt32(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            for (var o = 0; o < OrganisationCount; o++)
            {
                for (var c = 0; c < CustomersPerOrganisation; c++)
                {
                    customers[o, c] = Add($"customer{c}@org{o}.example", organisations[o]);
                }
            }

            for (var e = 0; e < EngineerCount; e++)
            {
                engineers[e] = Add($"engineer{e}@helpdesk.test", null);
            }
        }

        using (var insert = Prepare(connection, transaction, """
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, AssigneeId,
                                 CreatedUtc, UpdatedUtc, FirstResponseUtc, ResolvedUtc, ClosedUtc, Resolutions)
            VALUES ($org, $requester, $subject, 'Web', $product, $severity, $status, $assignee,
                    $created, $updated, $firstResponse, $resolved, $closed, $resolutions)
            """, "$org", "$requester", "$subject", "$product", "$severity", "$status", "$assignee", "$created", "$updated", "$firstResponse", "$resolved", "$closed", "$resolutions"))
        {
            var p = insert.Parameters;
            for (var i = 0; i < count; i++)
            {
                // Created in id order, as a real desk files them; a few big customers file most tickets.
                var created = NowUtc - Span + (Span * ((i + random.NextDouble()) / count));
                var age = NowUtc - created;
                var organisation = (int)(OrganisationCount * Math.Pow(random.NextDouble(), 2));
                var status = age.TotalDays switch
                {
                    < 14 => Pick(random, ["New", "Open", "PendingCustomer", "OnHold", "Resolved", "Closed"], [15, 30, 15, 10, 20, 10]),
                    _ => Pick(random, ["Open", "PendingCustomer", "OnHold", "Closed"], [1, 1, 1, 97]),
                };
                var worked = TimeSpan.FromMinutes(random.Next(10, 60 * 24 * 10));
                var updated = created + (worked < age ? worked : age * random.NextDouble());
                var firstResponse = status == "New" ? (DateTime?)null : created + ((updated - created) * 0.1);
                DateTime? resolved = status is "Resolved" or "Closed" ? updated : null;
                DateTime? closed = status == "Closed" ? updated : null;

                p[0].Value = organisations[organisation];
                p[1].Value = customers[organisation, random.Next(CustomersPerOrganisation)];
                p[2].Value = subjects[random.Next(subjects.Length)];
                p[3].Value = products[random.Next(products.Length)];
                p[4].Value = Pick(random, [1, 2, 3, 4], [5, 20, 55, 20]);
                p[5].Value = status;
                p[6].Value = status == "New" || random.NextDouble() < 0.1 ? DBNull.Value : engineers[random.Next(EngineerCount)];
                p[7].Value = created;
                p[8].Value = updated;
                p[9].Value = (object?)firstResponse ?? DBNull.Value;
                p[10].Value = (object?)resolved ?? DBNull.Value;
                p[11].Value = (object?)closed ?? DBNull.Value;
                p[12].Value = resolved is null ? 0 : 1;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Pick<T>(Random random, T[] items, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }
}
