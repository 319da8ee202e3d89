using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HelpDesk.Benchmarks.Mail;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Benchmarks.Http;

/// <summary>
/// The built web app (src/HelpDesk.Web/bin/Release) as its own process on a loopback port, over a fresh SQLite file:
/// Kestrel, the jobs server and the background checkpointer as in production, the demo seeded on the first start.
/// Its console output is kept, to show when start-up fails.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    public const string DemoPassword = "Bench-only-pass-7";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RunningApp(Process process, Uri address, string databaseFile)
    {
        _process = process;
        Address = address;
        DatabaseFile = databaseFile;
    }

    public Uri Address { get; }

    public string DatabaseFile { get; }

    /// <summary>From starting the process to the first healthy answer of /health.</summary>
    public TimeSpan StartUp { get; private set; }

    public IReadOnlyCollection<string> Output => _output;

    public int ProcessId => _process.Id;

    /// <summary>How long a start may take: a first start seeds the demo, which on a busy machine takes minutes.</summary>
    private static readonly TimeSpan StartUpLimit = TimeSpan.FromMinutes(5);

    public static async Task<RunningApp> StartAsync()
    {
        var web = MailBenchmarkApp.WebProjectDirectory();
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "HelpDesk.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build first (dotnet build HelpDesk.sln -c Release).");
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var databaseFile = Path.Combine(Path.GetTempPath(), $"helpdesk-bench-http-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={databaseFile}",
            ["Demo__Seed"] = "true",
            ["Demo__Password"] = DemoPassword,
            ["App__PublicUrl"] = address.ToString(),
            ["Mail__IngressApiKey"] = MailBenchmarkApp.IngressKey,
            ["RateLimits__MailIngressPerMinute"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",

            // The acknowledgements the load sends, beside the database and gone with it, not in the web project's folder.
            ["Mail__PickupDirectory"] = MailDirectoryOf(databaseFile),
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new RunningApp(process, address, databaseFile);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync();
        }
        catch
        {
            // The caller never gets the app to dispose: stop it here rather than leave it running.
            await app.DisposeAsync();
            throw;
        }

        app.StartUp = clock.Elapsed;
        return app;
    }

    /// <summary>The app's resident memory now, in MB.</summary>
    public double ResidentMegabytes()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(MailDirectoryOf(DatabaseFile)))
        {
            Directory.Delete(MailDirectoryOf(DatabaseFile), recursive: true);
        }
    }

    private static string MailDirectoryOf(string databaseFile) => databaseFile + "-mail-out";

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartUpLimit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with {_process.ExitCode}:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but busy starting (the demo seed) for longer than one request waits; the loop's check says
                // whether the app stopped meanwhile.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The app did not answer /health within {StartUpLimit.TotalMinutes:0} minutes:\n{string.Join('\n', _output)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
