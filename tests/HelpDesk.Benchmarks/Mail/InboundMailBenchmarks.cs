using System.Net.Http.Headers;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Api;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>
/// Mail ingested through <c>POST /api/inbound/email</c> of the real app (in-memory test server, fresh SQLite file, the
/// demo seeded), by 1 and 8 callers at once. Three in four messages are new mail from known contacts of organisations
/// with a contract, so each is judged, routed and acknowledged like any ticket; one in four is a reply that threads by
/// its [HD-n] tag; one in twenty carries a small attachment. Each invocation takes in
/// <see cref="MessagesPerInvocation"/> messages, so the mean is the time per message. Same-run baselines: the same mix
/// through <see cref="IEmailIntake.ReceiveAsync"/> in a fresh DI scope per message (no HTTP), and raw parameterized
/// INSERTs of a ticket, its message and the inbound record with the raw bytes, one transaction per message.
/// </summary>
[Config(typeof(MessagesPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class InboundMailBenchmarks
{
    private const int MessagesPerInvocation = 64;

    private MailBenchmarkApp _app = null!;
    private HttpClient _client = null!;

    [Params(1, 8)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _app = new MailBenchmarkApp();
        _app.SeedAsync(openTickets: 200).GetAwaiter().GetResult();
        _client = _app.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", MailBenchmarkApp.IngressKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvocation, Description = "raw INSERTs: ticket, message, inbound record with raw bytes; one transaction")]
    public Task RawInserts() => InParallelAsync(RawInsertAsync);

    [Benchmark(OperationsPerInvoke = MessagesPerInvocation, Description = "IEmailIntake.ReceiveAsync (no HTTP)")]
    public Task Intake() => InParallelAsync(IntakeAsync);

    [Benchmark(OperationsPerInvoke = MessagesPerInvocation, Description = "POST /api/inbound/email")]
    public Task Endpoint() => InParallelAsync(PostAsync);

    private Task InParallelAsync(Func<Task> receiveOne) => Benchmarks.Callers.RunAsync(Callers, MessagesPerInvocation, _ => receiveOne());

    private async Task PostAsync()
    {
        var (raw, _) = _app.Corpus.Next();
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(InboundMailEndpoints.ContentType);
        using var response = await _client.PostAsync(new Uri("/api/inbound/email", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<InboundMailResponse>();
        if (!response.IsSuccessStatusCode || body?.Result is not (nameof(IntakeResult.Ticket) or nameof(IntakeResult.Reply)))
        {
            throw new InvalidOperationException($"The endpoint answered {(int)response.StatusCode}: {body?.Result} {body?.Reason}");
        }
    }

    private async Task IntakeAsync()
    {
        var (raw, _) = _app.Corpus.Next();
        await using var scope = _app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
        if (outcome.Result is not (IntakeResult.Ticket or IntakeResult.Reply))
        {
            throw new InvalidOperationException($"Intake answered {outcome.Result}: {outcome.Reason}");
        }
    }

    private async Task RawInsertAsync()
    {
        var (raw, from) = _app.Corpus.Next();
        var now = DateTime.UtcNow;
        var subject = MailCorpus.SubjectOf(raw.Length);
        await using var connection = await BenchmarkDatabase.OpenRawAsync(_app.ConnectionString);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc, Resolutions, Version)
            VALUES ($org, $requester, $subject, 'Email', 3, 'New', $now, $now, 0, 1);
            INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc)
            VALUES (last_insert_rowid(), $requester, 'Reply', $text, $html, $now);
            INSERT INTO InboundMessages (MessageKey, MessageId, Source, FromAddress, FromName, Subject, ReceivedUtc, Status, Kind, TicketId, TicketMessageId, SizeBytes, Raw)
            VALUES ($key, $key, 'api', $from, $name, $subject, $now, 'Processed', 'Person',
                    (SELECT TicketId FROM TicketMessages WHERE Id = last_insert_rowid()), last_insert_rowid(), $size, $raw);
            """;
        command.Parameters.AddWithValue("$org", from.OrganisationId);
        command.Parameters.AddWithValue("$requester", from.Id);
        command.Parameters.AddWithValue("$subject", subject);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$text", "Since the upgrade yesterday evening our operators see the error every few minutes.\n\nKind regards,\n" + from.Name);
        command.Parameters.AddWithValue("$html", "<p>Since the upgrade yesterday evening our operators see the error every few minutes.</p><p>Kind regards,<br>" + from.Name + "</p>");
        command.Parameters.AddWithValue("$key", Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("$from", from.Email);
        command.Parameters.AddWithValue("$name", from.Name);
        command.Parameters.AddWithValue("$size", raw.Length);
        command.Parameters.AddWithValue("$raw", raw);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}

/// <summary>Adds the Msgs/s column: operations per second, where one operation is one message.</summary>
public sealed class MessagesPerSecondConfig : ManualConfig
{
    public MessagesPerSecondConfig() => AddColumn(new PerSecondColumn("Msgs/s", "Messages per second: 1 s / Mean (the mean is per message)"));
}
