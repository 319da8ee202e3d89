using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Tests.Inbound;
using HelpDesk.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>
/// The mixed batch of <see cref="MixedMail"/> (every awkward class a support mailbox receives, one of each in turn:
/// forwarded and digested mail, winmail.dat, undeclared charsets, uuencode, robots, spam, bounces without a sender,
/// broken From lines, a reused Message-ID, …) through <c>POST /api/inbound/email</c> of the real app, beside the same
/// messages through <see cref="IEmailIntake.ReceiveAsync"/> without HTTP (the baseline), by 1 and 8 callers. Each
/// invocation takes in <see cref="MessagesPerInvocation"/> messages (seven of each class), so the mean is per message.
/// </summary>
[Config(typeof(MessagesPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MixedMailBenchmarks
{
    /// <summary>Seven of each of the 25 classes.</summary>
    private const int MessagesPerInvocation = 175;

    private MailBenchmarkApp _app = null!;
    private HttpClient _client = null!;
    private MixedMail _mail = null!;
    private int _next;

    [Params(1, 8)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _app = new MailBenchmarkApp();
        _app.SeedAsync(openTickets: 200).GetAwaiter().GetResult();
        _client = _app.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", MailBenchmarkApp.IngressKey);
        _mail = _app.Corpus.Mixed();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvocation, Description = "IEmailIntake.ReceiveAsync (no HTTP)")]
    public Task Intake() => InParallelAsync(IntakeAsync);

    [Benchmark(OperationsPerInvoke = MessagesPerInvocation, Description = "POST /api/inbound/email")]
    public Task Endpoint() => InParallelAsync(PostAsync);

    private Task InParallelAsync(Func<byte[], Task> receiveOne) =>
        Benchmarks.Callers.RunAsync(Callers, MessagesPerInvocation, _ => receiveOne(_mail.Build(Interlocked.Increment(ref _next)).Raw));

    private async Task PostAsync(byte[] raw)
    {
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(InboundMailEndpoints.ContentType);
        using var response = await _client.PostAsync(new Uri("/api/inbound/email", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task IntakeAsync(byte[] raw)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailIntake>().ReceiveAsync(raw, "api");
    }
}
