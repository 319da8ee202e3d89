using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Economics;

/// <summary>
/// A SQLite file of three years of support for the economics benchmarks, generated from a fixed seed through the real
/// schema (the migrations, so the change-log triggers and indexes are the product's): 300 organisations in three
/// regions with about 400 contracts over eight products, 40 in-house engineers with dated rates and 6 engineers of a
/// supplier paid per case, and <c>count</c> tickets with their status changes, messages, time entries and ratings.
/// The change log the inserts wrote is emptied at the end, as if the rollup had caught up. The file is kept under
/// <see cref="DataDirectory"/> with a name made from the count, the migration scripts and <see cref="GeneratorVersion"/>,
/// so a rerun reuses it; the benchmarks work on a copy and never change it.
/// </summary>
internal static class EconomicsDataset
{
    // Raise when the generated rows change, so that cached files are not reused.
    private const int GeneratorVersion = 1;
    private const int Seed = 1515;
    private const int OrganisationCount = 300;
    private const int InHouseCount = 40;
    private const int SupplierCount = 6;

    public static readonly DateTime NowUtc = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime StartUtc = NowUtc.AddDays(-3 * 365);
    private static readonly string[] Regions = ["Emea", "Americas", "Apac"];
    private static readonly string[] ProductCodes = ["orders", "billing", "scanner", "reporting", "sso", "mobile", "integrations", "import"];

    /// <summary>How many tickets: <c>HELPDESK_BENCH_TICKETS</c> (for a quick run, say 20000), else a million.</summary>
    public static int TicketCount =>
        int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_BENCH_TICKETS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : 1_000_000;

    /// <summary><c>HELPDESK_BENCH_DATA</c>, else the temp folder.</summary>
    public static string DataDirectory => Environment.GetEnvironmentVariable("HELPDESK_BENCH_DATA") is { Length: > 0 } folder ? folder : Path.GetTempPath();

    public static string ConnectionString(string file) => CachedDataset.ConnectionString(file);

    /// <summary>The cached file for <paramref name="count"/> tickets, generated first when missing.</summary>
    public static string Ensure(int count) =>
        CachedDataset.Ensure(DataDirectory, "economics", $"economics generator {GeneratorVersion}", count, Generate);

    /// <summary>A private copy of the cached file that a benchmark may change; delete it with <see cref="DeleteCopy"/>.</summary>
    public static string CopyOf(string file, string purpose)
    {
        var copy = Path.Combine(DataDirectory, $"helpdesk-bench-economics-{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        File.Copy(file, copy);
        return copy;
    }

    public static void DeleteCopy(string copy)
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { copy, copy + "-wal", copy + "-shm" })
        {
            File.Delete(path);
        }
    }

    private static void Generate(string file, int count)
    {
        File.Delete(file);
        var connectionString = ConnectionString(file);
        BenchmarkDatabase.Migrate(connectionString);
        var random = new Random(Seed);

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        BenchmarkDatabase.Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA foreign_keys = OFF;");
        using var transaction = connection.BeginTransaction();
        var world = SeedReferenceRows(connection, transaction, random);
        InsertTickets(connection, transaction, random, world, count);

        // The inserts above logged a change per row; the benchmarks start from a rollup that has caught up.
        BenchmarkDatabase.Execute(connection, "DELETE FROM EconomicsChanges;", transaction);
        transaction.Commit();
        BenchmarkDatabase.Execute(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private sealed record World(
        int[] Organisations, string[] OrganisationRegions, int[][] Customers, int[] InHouse, int[] Suppliers,
        List<(int Id, int Organisation, DateOnly StartsOn, DateOnly EndsOn)> Contracts, string[] ProductNames);

    private static World SeedReferenceRows(SqliteConnection c, SqliteTransaction tx, Random random)
    {
        var now = StartUtc;
        var calendar = Scalar(c, tx, "INSERT INTO HolidayCalendars (Name) VALUES ('Company holidays') RETURNING Id");
        using (var holiday = Prepare(c, tx, "INSERT INTO Holidays (CalendarId, Day, Name) VALUES ($calendar, $day, 'Holiday')", "$calendar", "$day"))
        {
            for (var year = StartUtc.Year; year <= NowUtc.Year; year++)
            {
                foreach (var (month, day) in new[] { (1, 1), (5, 1), (12, 24), (12, 25), (12, 26), (12, 31) })
                {
                    Run(holiday, calendar, new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
            }
        }

        int[] plans =
        [
            Scalar(c, tx, """
                INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days, HolidayCalendarId)
                VALUES ('business', 'Business', '', 1200000, NULL, 'Web,Email', 0, 'Europe/London', 540, 1020, 'Monday,Tuesday,Wednesday,Thursday,Friday', $calendar) RETURNING Id
                """, ("$calendar", calendar)),
            Scalar(c, tx, """
                INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days, HolidayCalendarId)
                VALUES ('premier', 'Premier', '', 4800000, NULL, 'Web,Email,Phone', 1, 'UTC', 0, 1440, 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday', NULL) RETURNING Id
                """),
        ];

        var products = new int[ProductCodes.Length];
        var productNames = ProductCodes.Select(code => $"Product {code}").ToArray();
        using (var insert = Prepare(c, tx, "INSERT INTO Products (Code, Name, Description, CreatedUtc) VALUES ($code, $name, '', $now) RETURNING Id", "$code", "$name", "$now"))
        {
            for (var p = 0; p < products.Length; p++)
            {
                products[p] = Insert(insert, ProductCodes[p], productNames[p], now);
            }
        }

        var organisations = new int[OrganisationCount];
        var regions = new string[OrganisationCount];
        using (var insert = Prepare(c, tx, "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc) VALUES ($name, $region, 'Key', $now) RETURNING Id", "$name", "$region", "$now"))
        {
            for (var o = 0; o < OrganisationCount; o++)
            {
                regions[o] = Regions[o % Regions.Length];
                organisations[o] = Insert(insert, $"Customer {o:D3}", regions[o], now);
            }
        }

        var customers = new int[OrganisationCount][];
        var inHouse = new int[InHouseCount];
        var suppliers = new int[SupplierCount];
        using (var insert = Prepare(c, tx, """
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES ($email, $normal, $email, $normal, $email, 'stamp', $org, $now) RETURNING Id
            """, "$email", "$normal", "$org", "$now"))
        {
            int Add(string email, int? organisation) =>
                Insert(insert, email, email.ToUpperInvariant(), (object?)organisation ?? DBNull.Value, now);

            for (var o = 0; o < OrganisationCount; o++)
            {
                customers[o] = [Add($"buyer@org{o}.example", organisations[o]), Add($"user@org{o}.example", organisations[o])];
            }

            for (var e = 0; e < InHouseCount; e++)
            {
                inHouse[e] = Add($"engineer{e}@helpdesk.test", null);
            }

            for (var e = 0; e < SupplierCount; e++)
            {
                suppliers[e] = Add($"agent{e}@supplier.test", null);
            }
        }

        var role = Scalar(c, tx, "INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES ('Engineer', 'ENGINEER', 'x') RETURNING Id");
        using (var member = Prepare(c, tx, "INSERT INTO UserRoles (UserId, RoleId) VALUES ($user, $role)", "$user", "$role"))
        using (var profile = Prepare(c, tx, """
            INSERT INTO EngineerProfiles (UserId, Tier, Sourcing, Supplier, PricePerCaseCents, Languages, Categories, Capacity, Available, UpdatedUtc)
            VALUES ($user, 2, $sourcing, $supplier, $price, 'en', '', 25, 1, $now)
            """, "$user", "$sourcing", "$supplier", "$price", "$now"))
        using (var rate = Prepare(c, tx, "INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc) VALUES ($user, $from, $cents, $now)", "$user", "$from", "$cents", "$now"))
        {
            foreach (var engineer in inHouse)
            {
                Run(member, engineer, role);
                Run(profile, engineer, "InHouse", DBNull.Value, DBNull.Value, now);

                // A rate from the start, raised once or twice since.
                var cents = 5000 + (random.Next(0, 40) * 100);
                var from = DateOnly.FromDateTime(StartUtc).AddDays(-30);
                for (var step = random.Next(2, 4); step > 0; step--)
                {
                    Run(rate, engineer, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cents, now);
                    from = from.AddDays(random.Next(200, 420));
                    cents += random.Next(2, 9) * 100;
                }
            }

            foreach (var engineer in suppliers)
            {
                Run(member, engineer, role);
                Run(profile, engineer, "Supplier", "Acme Support", 4500, now);
            }
        }

        // One or two contracts per organisation: a year's term renewed, some with a gap; 1–3 products each.
        var contracts = new List<(int, int, DateOnly, DateOnly)>();
        using (var insert = Prepare(c, tx, """
            INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status, CreatedUtc, UpdatedUtc)
            VALUES ($org, $plan, $starts, $ends, $zone, $value, $renews, 'Active', $now, $now) RETURNING Id
            """, "$org", "$plan", "$starts", "$ends", "$zone", "$value", "$renews", "$now"))
        using (var covers = Prepare(c, tx, "INSERT INTO ContractProducts (ContractId, ProductId) VALUES ($contract, $product)", "$contract", "$product"))
        {
            for (var o = 0; o < OrganisationCount; o++)
            {
                var startsOn = DateOnly.FromDateTime(StartUtc).AddDays(random.Next(-200, 300));
                object renews = DBNull.Value;
                for (var term = 0; term < (o % 3 == 0 ? 2 : 1); term++)
                {
                    var endsOn = startsOn.AddYears(term == 0 ? 1 : 2).AddDays(-1);
                    var zone = o % 2 == 0 ? "Europe/London" : "America/New_York";
                    var id = Insert(insert, organisations[o], plans[o % 2], startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        endsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone, (long)random.Next(20_000, 400_000) * 100, renews, now);
                    foreach (var product in products.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Order())
                    {
                        Run(covers, id, product);
                    }

                    contracts.Add((id, o, startsOn, endsOn));
                    renews = id;
                    startsOn = endsOn.AddDays(1);
                }
            }
        }

        return new World(organisations, regions, customers, inHouse, suppliers, contracts, productNames);
    }

    private static void InsertTickets(SqliteConnection c, SqliteTransaction tx, Random random, World world, int count)
    {
        var span = NowUtc - StartUtc;
        var contractsOf = world.Contracts.ToLookup(x => x.Organisation);
        using var ticket = Prepare(c, tx, """
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, AssigneeId, CreatedUtc, UpdatedUtc,
                                 FirstResponseUtc, ResolvedUtc, ClosedUtc, Resolutions, ContractId, Verdict, OverrideVerdict,
                                 FirstResponseDueUtc, FirstResponseMet, ResolveDueUtc, ResolveMet)
            VALUES ($org, $requester, $subject, 'Web', $product, $severity, $status, $assignee, $created, $updated,
                    $firstResponse, $resolved, $closed, $resolutions, $contract, $verdict, $override,
                    $firstDue, $firstMet, $resolveDue, $resolveMet) RETURNING Id
            """, "$org", "$requester", "$subject", "$product", "$severity", "$status", "$assignee", "$created", "$updated",
            "$firstResponse", "$resolved", "$closed", "$resolutions", "$contract", "$verdict", "$override", "$firstDue", "$firstMet", "$resolveDue", "$resolveMet");
        using var audit = Prepare(c, tx, "INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc) VALUES ($ticket, $actor, 'status', $from, $to, $at)",
            "$ticket", "$actor", "$from", "$to", "$at");
        using var message = Prepare(c, tx, "INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc) VALUES ($ticket, $author, $kind, $text, $text, $at)",
            "$ticket", "$author", "$kind", "$text", "$at");
        using var entry = Prepare(c, tx, """
            INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
            VALUES ($ticket, $engineer, $minutes, $day, 'work', 1, $at)
            """, "$ticket", "$engineer", "$minutes", "$day", "$at");
        using var rating = Prepare(c, tx, "INSERT INTO TicketRatings (TicketId, Resolution, RaterId, Score, Comment, CreatedUtc) VALUES ($ticket, 1, $rater, $score, NULL, $at)",
            "$ticket", "$rater", "$score", "$at");

        for (var i = 0; i < count; i++)
        {
            // Filed in id order, as a real desk files them; a few big customers file most tickets.
            var created = StartUtc + (span * ((i + random.NextDouble()) / count));
            var o = (int)(OrganisationCount * Math.Pow(random.NextDouble(), 2));
            var requester = world.Customers[o][random.Next(2)];
            var day = DateOnly.FromDateTime(created);
            var contract = contractsOf[o].FirstOrDefault(x => x.StartsOn <= day && day <= x.EndsOn);
            var verdict = contract.Id == 0 ? "NoContract" : random.Next(12) == 0 ? "OutOfScope" : "Entitled";
            object overridden = verdict != "Entitled" && random.Next(4) == 0 ? "Entitled" : (object)DBNull.Value;
            var severity = random.Next(1, 5);
            var engineer = random.Next(8) == 0 ? world.Suppliers[random.Next(SupplierCount)] : world.InHouse[random.Next(InHouseCount)];
            var age = NowUtc - created;

            var firstDue = created.AddHours(severity * 2);
            DateTime? firstResponse = age.TotalHours < 1 && random.Next(2) == 0 ? null : created.AddMinutes(random.Next(5, severity * 200));
            var resolveDue = created.AddHours(severity * 16);
            DateTime? resolved = firstResponse is { } fr && (age.TotalDays > 10 || random.Next(3) > 0) ? fr.AddMinutes(random.Next(20, 60 * 24 * 6)) : null;
            if (resolved > NowUtc)
            {
                resolved = null;
            }

            var reopened = resolved is not null && random.Next(25) == 0;
            DateTime? closed = resolved is { } rv && !reopened && rv.AddDays(3) < NowUtc ? rv.AddDays(3) : null;
            var status = closed is not null ? "Closed" : resolved is not null && !reopened ? "Resolved" : firstResponse is not null ? "Open" : "New";

            var id = Insert(ticket,
                world.Organisations[o], requester, "Ticket", world.ProductNames[random.Next(world.ProductNames.Length)], severity, status,
                firstResponse is null ? DBNull.Value : (object)engineer, created, closed ?? resolved ?? firstResponse ?? created,
                Nullable(firstResponse), Nullable(resolved), Nullable(closed), resolved is null ? 0 : 1,
                contract.Id == 0 ? DBNull.Value : (object)contract.Id, verdict, overridden,
                firstDue, firstResponse is { } f1 ? f1 <= firstDue : (object)DBNull.Value, resolveDue, resolved is { } r1 ? r1 <= resolveDue : (object)DBNull.Value);

            Run(message, id, requester, "Reply", "The problem, as the customer describes it.", created);
            if (firstResponse is { } first)
            {
                Run(audit, id, engineer, "New", "Open", first);
                Run(message, id, engineer, "Reply", "A first answer from the desk.", first);
                if (random.Next(3) == 0)
                {
                    Run(message, id, requester, "Reply", "More detail from the customer.", first.AddHours(2));
                    Run(message, id, engineer, "Reply", "A second answer from the desk.", first.AddHours(4));
                }

                // Work on the day of the first answer, and on a later day for about a third.
                var workDay = DateOnly.FromDateTime(first);
                Run(entry, id, engineer, random.Next(5, 120), workDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first);
                if (resolved is { } end && random.Next(3) == 0)
                {
                    Run(entry, id, engineer, random.Next(5, 240), DateOnly.FromDateTime(end).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end);
                }
            }

            if (resolved is { } done)
            {
                Run(audit, id, engineer, "Open", "Resolved", done);
                if (reopened)
                {
                    Run(audit, id, requester, "Resolved", "Open", done.AddHours(6));
                }
                else if (closed is { } shut)
                {
                    Run(audit, id, DBNull.Value, "Resolved", "Closed", shut);
                }

                if (random.Next(10) < 3)
                {
                    Run(rating, id, requester, Math.Clamp(5 - (int)Math.Floor(Math.Abs(random.NextDouble() * 3 - 0.5)) - (o % 7 == 0 ? 2 : 0), 1, 5), done.AddHours(1));
                }
            }
        }
    }

    private static object Nullable(DateTime? value) => value is { } v ? v : DBNull.Value;

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

    private static void Run(SqliteCommand command, params object[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    private static int Insert(SqliteCommand command, params object[] values)
    {
        Bind(command, values);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // DateTime and bool go as the app's own writes send them: the driver's ISO text and 0/1.
    private static void Bind(SqliteCommand command, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private static int Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
