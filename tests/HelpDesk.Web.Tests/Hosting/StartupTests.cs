using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>The real program as an operator starts it, with settings from the environment.</summary>
public sealed class StartupTests : IDisposable
{
    private const string FailurePrefix = "HelpDesk cannot start:";

    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"startup-{Guid.NewGuid():N}");

    public StartupTests() => Directory.CreateDirectory(_workDirectory);

    [Fact]
    public async Task Start_FailsNamingTheProviderSetting_WhenTheProviderIsUnknown()
    {
        var run = await RunAppAsync(new() { ["Database__Provider"] = "Oracle" });

        ShouldFailNaming(run, "Database:Provider");
        run.FailureLine.Should().Contain("Oracle");
    }

    [Fact]
    public async Task Start_FailsNamingTheConnectionString_WhenItIsMalformed()
    {
        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = "Data Source=x;Bogus Key=1",
        });

        ShouldFailNaming(run, "ConnectionStrings:HelpDesk");
    }

    [Fact]
    public async Task Start_FailsNamingTheConnectionString_WhenTheFileCannotBeCreated()
    {
        var blocker = Path.Combine(_workDirectory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the database's directory should be");

        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(blocker, "helpdesk.db")}",
        });

        ShouldFailNaming(run, "ConnectionStrings:HelpDesk");
    }

    [Fact]
    public async Task Start_FailsNamingTheRoutingSetting_WhenItIsOutOfRange()
    {
        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(_workDirectory, "routing.db")}",
            ["Routing__CriticalProficiency"] = "9",
        });

        ShouldFailNaming(run, "Routing:CriticalProficiency");
        run.FailureLine.Should().Contain("from 1 to 5");
    }

    [Fact]
    public async Task Start_FailsNamingTheCurrencySetting_WhenItIsNotAnIsoCode()
    {
        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(_workDirectory, "money.db")}",
            ["Money__Currency"] = "Dollars",
        });

        ShouldFailNaming(run, "Money:Currency");
        run.FailureLine.Should().Contain("Dollars").And.Contain("ISO 4217");
    }

    [Fact]
    public async Task Start_FailsNamingThePublicUrl_WhenItIsMissingOutsideDevelopment()
    {
        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(_workDirectory, "public-url.db")}",
        });

        ShouldFailNaming(run, "App:PublicUrl");
    }

    [Fact]
    public async Task Start_FailsNamingTheDemoPassword_WhenTheDemoIsSeededOutsideDevelopmentWithThePublishedOne()
    {
        var run = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(_workDirectory, "demo.db")}",
            ["App__PublicUrl"] = "https://helpdesk.example",
            ["Demo__Seed"] = "true",
            ["Demo__Password"] = "Demo-pass-1",
        });

        ShouldFailNaming(run, "Demo:Password");
    }

    [Fact]
    public async Task Migrate_CreatesTheSchemaAndExits_OnAFreshDatabase()
    {
        var databaseFile = Path.Combine(_workDirectory, "fresh.db");

        var run = await RunAppAsync(
            new()
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__HelpDesk"] = $"Data Source={databaseFile}",
            },
            "migrate");

        run.ExitCode.Should().Be(0, run.StandardError);
        run.StandardOutput.Should().Contain("database is up to date");
        run.StandardError.Should().NotContain(FailurePrefix);
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        tables.Should().Contain(["SchemaVersions", "Users", "Organisations", "OutboxMessages", "DataProtectionKeys"]);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Users")).Should().Be(0, "migrating seeds nothing");
    }

    [Fact]
    public async Task Migrate_SaysItIsBuildingTheDatabase_BeforeItDoes_OnlyWhenThereIsSomethingToApply()
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__HelpDesk"] = $"Data Source={Path.Combine(_workDirectory, "first.db")}",
        };

        var first = await RunAppAsync(environment, "migrate");
        var second = await RunAppAsync(environment, "migrate");

        first.ExitCode.Should().Be(0, first.StandardError);
        first.StandardOutput.Should().Contain("HelpDesk: building the database (");
        first.StandardOutput.IndexOf("building the database", StringComparison.Ordinal)
            .Should().BeLessThan(first.StandardOutput.IndexOf("database is up to date", StringComparison.Ordinal));
        second.ExitCode.Should().Be(0, second.StandardError);
        second.StandardOutput.Should().NotContain("building the database");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private static void ShouldFailNaming(AppRun run, string setting)
    {
        run.ExitCode.Should().NotBe(0);
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "a wrong setting is reported at once, not after a timeout");
        run.StandardError.Should().NotContain("   at ", "an operator needs the setting to change, not a stack trace");
        run.FailureLines.Should().ContainSingle("stderr was: {0}", run.StandardError);
        run.FailureLine.Should().Contain(setting);
    }

    private static async Task<AppRun> RunAppAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var app = AppAssembly();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Jobs__RunServer"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"HelpDesk did not exit within 30 s. stdout: {await output} stderr: {await error}");
        }

        return new AppRun(process.ExitCode, await output, await error, clock.Elapsed);
    }

    /// <summary>HelpDesk.Web.dll built with this test assembly: beside it, or in the web project's own output.</summary>
    private static string AppAssembly()
    {
        var testDirectory = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testDirectory).Parent!.Parent!.Name;
        var candidates = new[]
        {
            testDirectory,
            Path.GetFullPath(Path.Combine(testDirectory, "..", "..", "..", "..", "..", "src", "HelpDesk.Web", "bin", configuration, "net10.0")),
        };
        return candidates
            .Select(directory => Path.Combine(directory, "HelpDesk.Web.dll"))
            .FirstOrDefault(dll => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException($"HelpDesk.Web.dll with its runtimeconfig.json is in none of: {string.Join(", ", candidates)}");
    }

    private sealed record AppRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
    {
        public IReadOnlyList<string> FailureLines =>
            [.. StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(FailurePrefix, StringComparison.Ordinal))];

        public string FailureLine => FailureLines.Count > 0 ? FailureLines[0] : "";
    }
}
