using System.Data;
using System.Data.Common;
using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Seeding;

/// <summary>
/// A help desk's worth of tickets, for measuring the lists at volume and for people to try them: 240 organisations
/// (a few large customers file most tickets), 20 people in each who can sign in, 120 engineers each holding a few tens
/// of open tickets, three years of tickets of which about one in a hundred is still open, with their conversations
/// (replies and internal notes), time entries, ratings and audit. The same <see cref="Seed"/> gives the same rows.
/// </summary>
public sealed class TicketVolume(DbConnection connection, SqlDialect dialect)
{
    /// <summary>Raised whenever the generated rows change, so that files cached by it are made again.</summary>
    public const int Version = 2;

    public const int Seed = 4242;
    public const int OrganisationCount = 240;
    public const int PeoplePerOrganisation = 20;
    public const int EngineerCount = 120;

    // Rows per transaction: a million tickets are not one transaction's worth of log.
    private const int Batch = 20_000;

    public static readonly DateTime NowUtc = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);
    private static readonly DateTime NoDueUtc = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Products = ["keel", "mast", "rudder", "anchor", "compass", "lantern", "harbor", "beacon"];
    private static readonly string[] Components = ["invoice export", "login page", "nightly sync", "report builder", "scanner driver", "search index", "mobile app", "webhook", "CSV import", "user directory", "print queue", "audit log"];
    private static readonly string[] Symptoms = ["times out", "crashes on start", "shows the wrong totals", "is very slow", "returns error 500", "loses settings", "rejects valid input", "hangs after upgrade", "duplicates records", "fails silently"];
    private static readonly string[] Replies = ["Could you send the log file from the server?", "We reproduced it on the current release.", "A fix is in the next patch; a workaround is to restart the service.", "Thanks, that solved it.", "It happens again since this morning.", "Which release and environment are you on?"];
    private static readonly string[] Notes = ["Looks like the known cache issue, checking with tier 3.", "Customer is on an old release; suggest upgrade.", "Escalated: second report this week.", "Reproduced locally with the sample data."];
    private static readonly string[] Places = ["Northwind", "Harbour", "Summit", "Riverside", "Oakridge", "Bluebay", "Ironhill", "Westfield", "Lakeside", "Redstone", "Eastgate", "Silverline"];
    private static readonly string[] Trades = ["Logistics", "Foods", "Pharma", "Bank", "Retail", "Energy", "Telecom", "Insurance", "Motors", "Health", "Media", "Steel", "Textiles", "Travel", "Water", "Shipping", "Labs", "Foundry", "Mining", "Print"];
    private static readonly string[] Regions = Enum.GetNames<Region>();
    private static readonly string[] Segments = Enum.GetNames<CustomerSegment>();

    /// <summary>Writes everything and returns one person of each kind to sign in as (with the password whose hash is given).</summary>
    public TicketVolumeSignIns Generate(int tickets, string passwordHash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tickets);
        var random = new Random(Seed);
        var transaction = connection.BeginTransaction();
        var roles = EnsureRoles(transaction);
        var organisations = new int[OrganisationCount];
        using (var insert = Prepare(transaction, dialect.InsertReturningId(
            "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, @Region, @Segment, @Now, 1)"),
            ("Name", DbType.String), ("Region", DbType.String), ("Segment", DbType.String), ("Now", DbType.DateTime2)))
        {
            for (var o = 0; o < OrganisationCount; o++)
            {
                organisations[o] = Scalar(insert, $"{Places[o % Places.Length]} {Trades[o / Places.Length % Trades.Length]} {o + 1:D3}", Regions[o % Regions.Length], Segments[o % Segments.Length], NowUtc - Span);
            }
        }

        var people = new int[OrganisationCount, PeoplePerOrganisation];
        var engineers = new int[EngineerCount];
        using (var insert = Prepare(transaction, dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, PasswordHash,
                               SecurityStamp, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@Email, @Normal, @Email, @Normal, 1, @Name, @Hash, @Stamp, @Stamp, @Organisation, @Now)
            """), ("Email", DbType.String), ("Normal", DbType.String), ("Name", DbType.String), ("Hash", DbType.String), ("Stamp", DbType.String), ("Organisation", DbType.Int32), ("Now", DbType.DateTime2)))
        using (var role = Prepare(transaction, "INSERT INTO UserRoles (UserId, RoleId) VALUES (@User, @Role)", ("User", DbType.Int32), ("Role", DbType.Int32)))
        {
            int Add(string email, string name, int? organisation, int roleId)
            {
                var id = Scalar(insert, email, email.ToUpperInvariant(), name, passwordHash, $"{Seed:D8}-{email}", organisation, NowUtc - Span);
                Execute(role, id, roleId);
                return id;
            }

            for (var o = 0; o < OrganisationCount; o++)
            {
                for (var p = 0; p < PeoplePerOrganisation; p++)
                {
                    people[o, p] = Add($"person{p}@org{o + 1}.example", PersonName(random), organisations[o], roles.Customer);
                }
            }

            for (var e = 0; e < EngineerCount; e++)
            {
                engineers[e] = Add($"engineer{e + 1}@helpdesk.test", PersonName(random), null, roles.Engineer);
            }
        }

        transaction.Commit();
        WriteTickets(random, tickets, organisations, people, engineers);
        return new TicketVolumeSignIns("person0@org1.example", "engineer1@helpdesk.test", tickets);
    }

    private void WriteTickets(Random random, int count, int[] organisations, int[,] people, int[] engineers)
    {
        var transaction = connection.BeginTransaction();
        var ticket = Prepare(transaction, dialect.InsertReturningId("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, AssigneeId, CreatedUtc,
                                 UpdatedUtc, FirstResponseUtc, ResolvedUtc, ClosedUtc, Resolutions, Tier, Queue, QueueDueUtc,
                                 QueuedUtc, NeedsClassification, Version)
            VALUES (@Organisation, @Requester, @Subject, 'Web', @Product, @Severity, @Status, @Assignee, @Created,
                    @Updated, @FirstResponse, @Resolved, @Closed, @Resolutions, @Tier, @Queue, @Due,
                    @Queued, @NeedsClassification, 1)
            """), ("Organisation", DbType.Int32), ("Requester", DbType.Int32), ("Subject", DbType.String), ("Product", DbType.String),
            ("Severity", DbType.Int32), ("Status", DbType.String), ("Assignee", DbType.Int32), ("Created", DbType.DateTime2),
            ("Updated", DbType.DateTime2), ("FirstResponse", DbType.DateTime2), ("Resolved", DbType.DateTime2), ("Closed", DbType.DateTime2),
            ("Resolutions", DbType.Int32), ("Tier", DbType.Int32), ("Queue", DbType.String), ("Due", DbType.DateTime2),
            ("Queued", DbType.DateTime2), ("NeedsClassification", DbType.Int32));
        var message = Prepare(transaction, """
            INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc)
            VALUES (@Ticket, @Author, @Kind, @Text, @Text, @Now)
            """, ("Ticket", DbType.Int32), ("Author", DbType.Int32), ("Kind", DbType.String), ("Text", DbType.String), ("Now", DbType.DateTime2));
        var audit = Prepare(transaction, """
            INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc)
            VALUES (@Ticket, @Actor, @Field, @Old, @New, @Now)
            """, ("Ticket", DbType.Int32), ("Actor", DbType.Int32), ("Field", DbType.String), ("Old", DbType.String), ("New", DbType.String), ("Now", DbType.DateTime2));
        var time = Prepare(transaction, """
            INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
            VALUES (@Ticket, @Engineer, @Minutes, @Day, 'Investigation', 0, @Now)
            """, ("Ticket", DbType.Int32), ("Engineer", DbType.Int32), ("Minutes", DbType.Int32), ("Day", DbType.String), ("Now", DbType.DateTime2));
        var rating = Prepare(transaction, """
            INSERT INTO TicketRatings (TicketId, Resolution, RaterId, Score, Comment, CreatedUtc)
            VALUES (@Ticket, 1, @Rater, @Score, NULL, @Now)
            """, ("Ticket", DbType.Int32), ("Rater", DbType.Int32), ("Score", DbType.Int32), ("Now", DbType.DateTime2));
        DbCommand[] commands = [ticket, message, audit, time, rating];
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && i % Batch == 0)
                {
                    transaction.Commit();
                    transaction = connection.BeginTransaction();
                    foreach (var command in commands)
                    {
                        command.Transaction = transaction;
                    }
                }

                // Filed in id order over three years; a few large customers file most of them.
                var created = NowUtc - Span + (Span * ((i + random.NextDouble()) / count));
                var age = NowUtc - created;
                var o = (int)(OrganisationCount * Math.Pow(random.NextDouble(), 2));
                var requester = people[o, random.Next(PeoplePerOrganisation)];
                var severity = random.Pick([1, 2, 3, 4], [5, 20, 55, 20]);
                var status = age.TotalDays < 14
                    ? random.Pick(["New", "Open", "PendingCustomer", "OnHold", "Resolved", "Closed"], [8, 30, 12, 5, 25, 20])
                    : random.NextDouble() < 0.003 ? random.Pick(["Open", "PendingCustomer", "OnHold"], [1, 1, 1])
                    : random.Pick(["Resolved", "Closed"], [2, 98]);
                var open = status is not ("Resolved" or "Closed");
                var product = Products[random.Next(Products.Length)];
                int? assignee = status == "New" ? null : engineers[random.Next(engineers.Length)];
                var queued = open && assignee is null;
                var worked = TimeSpan.FromMinutes(random.Next(10, 60 * 24 * 10));
                var updated = created + (worked < age ? worked : age * random.NextDouble());
                DateTime? firstResponse = status == "New" ? null : created + ((updated - created) * 0.1);
                DateTime? resolved = open ? null : updated;
                var due = open ? created.AddHours(severity switch { 1 => 4, 2 => 8, 3 => 24, _ => 72 }) : NoDueUtc;

                var id = Scalar(ticket, organisations[o], requester, Subject(random, product), product, severity, status, assignee, created,
                    updated, firstResponse, resolved, status == "Closed" ? updated : null, open ? 0 : 1, 1,
                    queued ? $"{product}/tier-1" : null, due, queued ? created : null, open && random.NextDouble() < 0.03 ? 1 : 0);

                Execute(message, id, requester, "Reply", $"Since this morning the {product} {Components[random.Next(Components.Length)]} {Symptoms[random.Next(Symptoms.Length)]}.", created);
                Execute(audit, id, requester, "created", null, "New", created);
                if (assignee is int engineer)
                {
                    Execute(message, id, engineer, "Reply", Replies[random.Next(Replies.Length)], firstResponse ?? created);
                    if (random.NextDouble() < 0.3)
                    {
                        Execute(message, id, engineer, "Note", Notes[random.Next(Notes.Length)], firstResponse ?? created);
                    }

                    Execute(time, id, engineer, random.Next(5, 240), (firstResponse ?? created).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), firstResponse ?? created);
                }

                if (resolved is { } done)
                {
                    Execute(audit, id, assignee, "status", "Open", status, done);
                    if (random.NextDouble() < 0.2)
                    {
                        Execute(rating, id, requester, random.Pick([1, 2, 3, 4, 5], [3, 4, 10, 33, 50]), done);
                    }
                }
            }

            transaction.Commit();
        }
        finally
        {
            foreach (var command in commands)
            {
                command.Dispose();
            }

            transaction.Dispose();
        }
    }

    private (int Customer, int Engineer) EnsureRoles(DbTransaction transaction)
    {
        int Role(string name)
        {
            using var insert = Prepare(transaction, """
                INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp)
                SELECT @Name, @Normal, @Name WHERE NOT EXISTS (SELECT 1 FROM Roles WHERE NormalizedName = @Normal)
                """, ("Name", DbType.String), ("Normal", DbType.String));
            Execute(insert, name, name.ToUpperInvariant());
            using var select = Prepare(transaction, "SELECT Id FROM Roles WHERE NormalizedName = @Normal", ("Normal", DbType.String));
            return Scalar(select, name.ToUpperInvariant());
        }

        return (Role(Roles.Customer), Role(Roles.Engineer));
    }

    private static string Subject(Random random, string product) =>
        $"{char.ToUpperInvariant(product[0])}{product[1..]} {Components[random.Next(Components.Length)]} {Symptoms[random.Next(Symptoms.Length)]}";

    private static string PersonName(Random random)
    {
        string[] first = ["Ada", "Bram", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kira", "Luca", "Maya", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tariq"];
        string[] last = ["Andersen", "Bianchi", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Silva", "Tanaka"];
        return $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
    }

    private DbCommand Prepare(DbTransaction transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            if (type == DbType.String)
            {
                parameter.Size = -1;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void Execute(DbCommand command, params object?[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    private static int Scalar(DbCommand command, params object?[] values)
    {
        Bind(command, values);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Whom to sign in as on a generated data set: a customer of its largest organisation and an engineer.</summary>
public sealed record TicketVolumeSignIns(string CustomerEmail, string EngineerEmail, int Tickets);
