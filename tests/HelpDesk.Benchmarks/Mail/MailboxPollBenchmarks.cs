using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Mailboxes;
using HelpDesk.Testing.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>
/// One IMAP poll of <see cref="Waiting"/> waiting messages on the real dovecot (tests/mail-servers/start.sh, loopback,
/// no TLS) into the real app's intake over a fresh SQLite file. Before each iteration the folder is refilled with the
/// <see cref="MailCorpus"/> mix (2–4 KB, a reply in four, an attachment in twenty) by MULTIAPPEND in batches of 500;
/// that is not timed. The timed part is one <see cref="MailboxPoller.PollAsync"/>: log in with the password the app's
/// <see cref="ISecretProtector"/> keeps, search, fetch each message, intake, move each batch of 100 to the processed
/// folder, save progress. One invocation per iteration (a one-shot benchmark); the mean is per message
/// (OperationsPerInvoke). The intake's share is timed by a wrapper around the app's <see cref="IEmailIntake"/> and
/// printed with each poll; the rest is IMAP (connect, search, fetch, move) and the mailbox's progress rows.
/// </summary>
[Config(typeof(OneShotConfig))]
public class MailboxPollBenchmarks
{
    private const int Waiting = 10_000;
    private const int AppendBatch = 500;

    private TestMailServers _servers = null!;
    private MailBenchmarkApp _app = null!;
    private string _folder = "";
    private int _mailboxId;
    private TimedIntake _intake = null!;
    private AsyncServiceScope _scope;
    private MailboxPoller _poller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _servers = new TestMailServers();
        _app = new MailBenchmarkApp();
        _app.SeedAsync(openTickets: 200).GetAwaiter().GetResult();
        _folder = TestMailServers.UniqueFolder("Bench");
        _servers.CreateFolderAsync(TestMailServers.Bench, _folder).GetAwaiter().GetResult();
        var secrets = _app.Services.GetRequiredService<ISecretProtector>();
        var mailboxes = _app.Services.GetRequiredService<IMailboxStore>();
        _mailboxId = mailboxes.CreateAsync(
            new Mailbox
            {
                Name = "support",
                Host = _servers.ImapHost,
                Port = _servers.ImapPort,
                TlsMode = MailTlsMode.None,
                UserName = TestMailServers.Bench,
                ProtectedPassword = secrets.Protect(TestMailServers.Password),
                Folder = _folder,
                ProcessedFolder = _folder + "/Processed",
                FailedFolder = _folder + "/Failed",
            },
            DateTime.UtcNow).GetAwaiter().GetResult() ?? throw new InvalidOperationException("The mailbox was not created.");

        // As the mail:poll job does: one scope for the whole poll.
        _scope = _app.Services.CreateAsyncScope();
        _intake = new TimedIntake(_scope.ServiceProvider.GetRequiredService<IEmailIntake>());
        _poller = new MailboxPoller(mailboxes, _intake, secrets, TimeProvider.System, NullLogger<MailboxPoller>.Instance);
    }

    [IterationSetup]
    public void Refill()
    {
        var started = Stopwatch.GetTimestamp();
        for (var appended = 0; appended < Waiting; appended += AppendBatch)
        {
            var batch = Enumerable.Range(0, AppendBatch).Select(_ => _app.Corpus.Next().Raw).ToList();
            _servers.AppendManyAsync(TestMailServers.Bench, _folder, batch).GetAwaiter().GetResult();
        }

        var count = _servers.CountAsync(TestMailServers.Bench, _folder).GetAwaiter().GetResult();
        Console.WriteLine($"// Refilled {_folder}: {count} messages waiting, appended in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        _intake.Reset();
    }

    [Benchmark(OperationsPerInvoke = Waiting, Description = "MailboxPoller.PollAsync: 10,000 waiting messages")]
    public async Task Poll()
    {
        var started = Stopwatch.GetTimestamp();
        var poll = await _poller.PollAsync(_mailboxId);
        var total = Stopwatch.GetElapsedTime(started);
        if (poll.Error is not null || poll.Fetched != Waiting)
        {
            throw new InvalidOperationException($"The poll fetched {poll.Fetched} of {Waiting}: {poll.Error}");
        }

        var intake = _intake.Elapsed;
        Console.WriteLine(
            $"// Poll: {poll.Fetched} fetched, {poll.Tickets} tickets, {poll.Replies} replies, {poll.Held} held, {poll.Duplicates} duplicates, {poll.Quarantined} quarantined " +
            $"in {total.TotalSeconds:0.00} s = {poll.Fetched / total.TotalSeconds:0} msgs/s; intake {intake.TotalSeconds:0.00} s ({intake / total:P0}, {intake.TotalMilliseconds / poll.Fetched:0.000} ms a message), " +
            $"IMAP connect, search, fetch, move and progress {(total - intake).TotalSeconds:0.00} s ({(total - intake) / total:P0}, {(total - intake).TotalMilliseconds / poll.Fetched:0.000} ms a message)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _app.Dispose();
        _servers.Dispose();
    }

    /// <summary>The app's intake, with the time spent in it added up.</summary>
    private sealed class TimedIntake(IEmailIntake inner) : IEmailIntake
    {
        private long _ticks;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _ticks);

        public void Reset() => _ticks = 0;

        public async Task<IntakeOutcome> ReceiveAsync(byte[] raw, string source, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await inner.ReceiveAsync(raw, source, cancellationToken);
            _ticks += Stopwatch.GetTimestamp() - started;
            return outcome;
        }
    }

    /// <summary>One poll per iteration, no pilot: a warm-up poll, then three measured ones.</summary>
    private sealed class OneShotConfig : ManualConfig
    {
        public OneShotConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(new PerSecondColumn("Msgs/s", "Messages per second: 1 s / Mean (the mean is per message)"));
        }
    }
}
