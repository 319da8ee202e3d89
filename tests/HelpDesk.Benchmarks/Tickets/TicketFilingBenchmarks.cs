using BenchmarkDotNet.Attributes;
using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Migrations;
using HelpDesk.Data.Organisations;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks.Tickets;

/// <summary>
/// Filing a ticket through <see cref="FileTicket"/> (validation, requester lookup, and ticket, first message,
/// audit line and acknowledgement mail in one transaction), by 1 and 8 callers at once. Each invocation files
/// <see cref="TicketsPerInvocation"/> tickets, so the mean is the time per ticket and 1 / mean is tickets per
/// second. The baseline writes the same four rows with parameterized INSERTs on a bare
/// connection with the same per-connection PRAGMAs, one transaction per ticket: what the database costs by
/// itself. The judged variant runs the real entitlement intake step too (facts read in one statement, the
/// decision, the SLA due times) against a published scope and a contract of the requester's organisation; the
/// routed variant adds the real routing step over 12 engineer profiles (candidates from the profile cache, open
/// counts read fresh, the organisation's segment, the decision, the engineer's last assignment in the same save).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TicketFilingBenchmarks
{
    private const int TicketsPerInvocation = 64;

    private string _file = "";
    private string _connectionString = "";
    private FileTicket _fileTicket = null!;
    private FileTicket _judgedFileTicket = null!;
    private FileTicket _routedFileTicket = null!;
    private int _organisationId;
    private int _requesterId;

    [Params(1, 8)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-filing-{Guid.NewGuid():N}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ConnectionString;
        var options = BenchmarkDatabase.Migrate(_connectionString);

        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            using (var wal = connection.CreateCommand())
            {
                // Kept in the file; the app's connection factory sets it on its first connection.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Organisations (Name, Region, Segment, CreatedUtc) VALUES ('Bench', 'Emea', 'Key', '2026-01-01 00:00:00');
                INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
                VALUES ('c@bench.example', 'C@BENCH.EXAMPLE', 'c@bench.example', 'C@BENCH.EXAMPLE', 'Casey Customer', 'stamp', last_insert_rowid(), '2026-01-01 00:00:00');
                SELECT OrganisationId, Id FROM Users;
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            _organisationId = reader.GetInt32(0);
            _requesterId = reader.GetInt32(1);
        }

        var connections = DbConnectionFactory.Create(options);
        var tickets = new TicketStore(connections, new AttachmentStore(connections), new OutboxStore(connections, new MailSettings()), new HelpDesk.Core.Webhooks.WebhookSignal());
        _fileTicket = new FileTicket(tickets, new PeopleDirectory(connections), [], AttachmentPolicy.Default, TimeProvider.System);
        var product = SeedContractAsync(connections).GetAwaiter().GetResult();
        var judge = new JudgeEntitlement(new CheckEntitlement(new EntitlementFactsSource(connections, new EntitlementFactsCache())));
        _judgedFileTicket = new FileTicket(tickets, new PeopleDirectory(connections), [judge], AttachmentPolicy.Default, TimeProvider.System);
        SeedEngineersAsync(connections, product).GetAwaiter().GetResult();
        var route = new RouteTicket(new RoutingStore(connections, new EngineerProfileCache()), new OrganisationStore(connections), new RoutingSettings());
        _routedFileTicket = new FileTicket(tickets, new PeopleDirectory(connections), [judge, route], AttachmentPolicy.Default, TimeProvider.System);
    }

    /// <summary>
    /// Twelve engineers on the product across the tiers with room for 25 tickets each, as on a real desk: the first
    /// 300 tickets go to them and the rest wait in the skill queues, so every filing still runs the whole router.
    /// </summary>
    private static async Task SeedEngineersAsync(IDbConnectionFactory connections, Product product)
    {
        var engineers = new EngineerStore(connections);
        await using var connection = await connections.OpenAsync();
        for (var i = 0; i < 12; i++)
        {
            var userId = await connection.ExecuteScalarAsync<int>(
                connections.Dialect.InsertReturningId("""
                    INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, CreatedUtc)
                    VALUES (@Email, @Email, @Email, @Email, @Name, 'stamp', '2026-01-01 00:00:00')
                    """),
                new { Email = $"e{i}@bench.example", Name = $"Engineer {i}" });
            await engineers.SaveAsync(
                new EngineerProfile
                {
                    UserId = userId,
                    Tier = 1 + (i % 3),
                    Skills = [new EngineerSkill(product.Id, product.Code, null, 2 + (i % 4))],
                    Capacity = 25,
                },
                DateTime.UtcNow);
            await engineers.AddRateAsync(userId, new CostRate(DateOnly.FromDateTime(DateTime.UtcNow), 4_000 + (i * 500)), DateTime.UtcNow);
        }
    }

    /// <summary>A product with 12 releases, its published scope, a business-hours plan and the organisation's contract.</summary>
    private async Task<Product> SeedContractAsync(IDbConnectionFactory connections)
    {
        var catalogue = new ScopeStore(connections);
        var contracts = new ContractStore(connections);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var product = await catalogue.CreateProductAsync(new Product { Code = "orders-api", Name = "Orders API" }) ?? throw new InvalidOperationException("product");
        for (var i = 0; i < 12; i++)
        {
            await catalogue.SaveReleaseAsync(new ProductRelease { ProductId = product.Id, Name = $"{i + 1}.0", ReleasedOn = today.AddDays(-90 * (12 - i)) });
        }

        var draft = await catalogue.SaveDraftAsync(new ScopeOfSupport { ProductId = product.Id, EffectiveOn = today.AddDays(-30), Summary = "Orders API support.", ReleasesBack = 3 })
            ?? throw new InvalidOperationException("scope");
        await catalogue.PublishAsync(draft.Id, draft.Version, _requesterId, DateTime.UtcNow.AddDays(-31));
        var plan = await contracts.SavePlanAsync(new Plan
        {
            Code = "standard",
            Name = "Standard",
            // A term's incidents are counted on every intake; an allowance bounds how many are Entitled.
            IncidentAllowance = 24,
            Channels = SupportChannels.Web | SupportChannels.Api,
            Hours = new SupportHours { TimeZone = "Europe/London" },
            Targets = [.. Enum.GetValues<Severity>().Select(severity => new SlaTarget(severity, 60 * (int)severity, 480 * (int)severity))],
        }) ?? throw new InvalidOperationException("plan");
        await contracts.SaveContractAsync(new Contract
        {
            OrganisationId = _organisationId,
            PlanId = plan.Id,
            ProductIds = [product.Id],
            StartsOn = today.AddDays(-100),
            EndsOn = today.AddDays(265),
            TimeZone = "Europe/London",
            ValueCents = 2_000_000,
        });
        return product;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TicketsPerInvocation, Description = "raw INSERTs: ticket, message, audit, outbox; one transaction")]
    public Task RawInserts() => InParallelAsync(RawInsertAsync);

    [Benchmark(OperationsPerInvoke = TicketsPerInvocation, Description = "FileTicket.HandleAsync")]
    public Task FileTicketUseCase() => InParallelAsync(i => FileAsync(i, _fileTicket));

    [Benchmark(OperationsPerInvoke = TicketsPerInvocation, Description = "FileTicket.HandleAsync, entitlement judged")]
    public Task JudgedFileTicketUseCase() => InParallelAsync(i => FileAsync(i, _judgedFileTicket));

    [Benchmark(OperationsPerInvoke = TicketsPerInvocation, Description = "FileTicket.HandleAsync, judged and routed")]
    public Task RoutedFileTicketUseCase() => InParallelAsync(i => FileAsync(i, _routedFileTicket));

    private Task InParallelAsync(Func<int, Task> fileOne) => Benchmarks.Callers.RunAsync(Callers, TicketsPerInvocation, fileOne);

    private async Task FileAsync(int i, FileTicket fileTicket)
    {
        var result = await fileTicket.HandleAsync(new FileTicketRequest
        {
            RequesterId = _requesterId,
            OrganisationId = _organisationId,
            Channel = TicketChannel.Api,
            Subject = "Orders API returns 500 on bulk import",
            Body = "Since this morning every bulk import fails with HTTP 500.\n\nSingle orders still go through.",
            Severity = 2,
            Product = "Orders API",
            ProductRelease = "12.0",
        });
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark ticket was refused.");
        }
    }

    private async Task RawInsertAsync(int i)
    {
        var now = DateTime.UtcNow;
        await using var connection = await BenchmarkDatabase.OpenRawAsync(_connectionString);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var ticket = connection.CreateCommand();
        ticket.Transaction = transaction;
        ticket.CommandText = """
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, CreatedUtc, UpdatedUtc, Resolutions, Version)
            VALUES ($org, $requester, $subject, 'Api', $product, 2, 'New', $now, $now, 0, 1) RETURNING Id
            """;
        ticket.Parameters.AddWithValue("$org", _organisationId);
        ticket.Parameters.AddWithValue("$requester", _requesterId);
        ticket.Parameters.AddWithValue("$subject", "Orders API returns 500 on bulk import");
        ticket.Parameters.AddWithValue("$product", "Orders API");
        ticket.Parameters.AddWithValue("$now", now);
        var id = (long)(await ticket.ExecuteScalarAsync())!;

        await using var rest = connection.CreateCommand();
        rest.Transaction = transaction;
        rest.CommandText = """
            INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc) VALUES ($id, $requester, 'Reply', $text, $html, $now);
            INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc) VALUES ($id, $requester, 'created', NULL, 'New', $now);
            INSERT INTO OutboxMessages (Kind, ToAddress, Subject, TextBody, HtmlBody, TicketId, CreatedUtc, NextAttemptUtc, Attempts)
            VALUES ('TicketAcknowledged', 'c@bench.example', $mailSubject, $mailText, NULL, $id, $now, $now, 0);
            """;
        rest.Parameters.AddWithValue("$id", id);
        rest.Parameters.AddWithValue("$requester", _requesterId);
        rest.Parameters.AddWithValue("$text", "Since this morning every bulk import fails with HTTP 500.\n\nSingle orders still go through.");
        rest.Parameters.AddWithValue("$html", "<p>Since this morning every bulk import fails with HTTP 500.</p><p>Single orders still go through.</p>");
        rest.Parameters.AddWithValue("$now", now);
        rest.Parameters.AddWithValue("$mailSubject", $"[HD-{id}] Orders API returns 500 on bulk import");
        rest.Parameters.AddWithValue("$mailText", "We received your request and will answer soon.");
        await rest.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
