using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// The whole application over a fresh SQLite file with the demo seeded, for one test class
/// (<c>IClassFixture&lt;HelpDeskAppFactory&gt;</c>). Intent methods sign people in the way a browser or a script would.
/// </summary>
public partial class HelpDeskAppFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// The demo accounts' password. The tests run outside Development, where the published demo password is refused,
    /// so they set their own, as an operator does.
    /// </summary>
    public const string Password = "Test-pass-1";

    /// <summary>The address the app is told it is reached at; the test client's requests name its host.</summary>
    public const string PublicUrl = "http://localhost";

    /// <summary>The key a mail provider sends to <c>POST /api/inbound/email</c>.</summary>
    public const string IngressKey = "test-ingress-key-0123456789";

    /// <summary>Settings the seeded demo does not depend on: a factory changing only these starts from the template.</summary>
    private static readonly string[] TemplateNeutralSections = ["RateLimits:", "App:", "Accounts:", "Webhooks:"];

    private readonly Dictionary<string, string?> _settings;

    public HelpDeskAppFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    protected HelpDeskAppFactory(IDictionary<string, string?> settings)
        : this(settings, useTemplate: true)
    {
    }

    /// <param name="useTemplate">
    /// Start from the demo seeded once for the test run (<see cref="DemoTemplate"/>) when <paramref name="settings"/>
    /// change nothing the demo depends on; a factory with other settings seeds its own.
    /// </param>
    private protected HelpDeskAppFactory(IDictionary<string, string?> settings, bool useTemplate)
    {
        DatabaseFile = Path.Combine(Path.GetTempPath(), "helpdesk-tests", $"web-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:HelpDesk"] = $"Data Source={DatabaseFile}",
            ["Demo:Seed"] = "true",
            ["Demo:Password"] = Password,
            ["App:PublicUrl"] = PublicUrl,
            ["Jobs:RunServer"] = "false",
            ["RateLimits:SignInPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
            ["Mail:IngressApiKey"] = IngressKey,

            // The sanitizer's time budget is a guard for production; a busy shared test machine must not trip it.
            ["Mail:Html:Budget"] = "00:01:00",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        if (useTemplate && settings.Keys.All(key => TemplateNeutralSections.Any(s => key.StartsWith(s, StringComparison.OrdinalIgnoreCase))))
        {
            DemoTemplate.CopyTo(DatabaseFile);
        }
    }

    public string DatabaseFile { get; }

    /// <summary>Leaves the database file when disposed, for another app to open it as a restart would.</summary>
    public bool KeepDatabaseFile { get; init; }

    /// <summary>The hosting environment: not Development, so the app checks its settings as in production.</summary>
    protected virtual string Environment => "Testing";

    public IDbConnectionFactory Connections => Services.GetRequiredService<IDbConnectionFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // A setting given as null is left out, so that the app's own default applies.
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            MailFakes.AddTo(services);
        });
    }

    /// <summary>
    /// Starts the app, then runs the rollup that start-up queues after seeding the demo, as a jobs server would the
    /// moment it started: the tests keep the jobs server off, and read the demo's figures as a person does a few
    /// seconds after start-up.
    /// </summary>
    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        RunRollupAsync(host.Services).GetAwaiter().GetResult();
        return host;
    }

    /// <summary>One incremental run of the economics rollup, as its job does.</summary>
    public Task RunRollupAsync() => RunRollupAsync(Services);

    private static async Task RunRollupAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HelpDesk.Core.Economics.MetricsRollup>().RunIncrementalAsync();
    }

    /// <summary>A client that shows redirects instead of following them, with no one signed in.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the sign-in page, as a browser does; the client then carries the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateAnonymousClient();
        var response = await client.PostFormAsync("/account/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}: {PageText.ErrorsOf(body)}");
        }

        return client;
    }

    /// <summary>Submits the sign-in form once and hands back the answer, whatever it is.</summary>
    public async Task<HttpResponseMessage> TrySignInAsync(string email, string password, HttpClient? client = null) =>
        await (client ?? CreateAnonymousClient()).PostFormAsync("/account/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Gets a bearer token from <c>POST /api/auth/login</c>, as a script does.</summary>
    public async Task<HttpClient> SignInWithTokenAsync(string email, string password = Password)
    {
        var client = CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<AccessTokenResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>
    /// Logs in at <c>POST /api/auth/login</c> as a script does: the client carries the bearer token, and the refresh
    /// token is handed back for the test to exchange.
    /// </summary>
    public async Task<(HttpClient Script, string RefreshToken)> LogInWithTokensAsync(string email, string password = Password)
    {
        var client = CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<TokensResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return (client, tokens.RefreshToken);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDatabaseFile)
        {
            DeleteDatabase(DatabaseFile);
        }
    }

    protected static void DeleteDatabase(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left for the temp cleaner; no other test uses this file.
            }
        }
    }

    private sealed record AccessTokenResponse(string AccessToken);

    private sealed record TokensResponse(string AccessToken, string RefreshToken);
}

/// <summary>Form posts the way a browser sends them: read the page first for its anti-forgery token.</summary>
public static partial class FormPosting
{
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? handler = null) =>
        client.PostFormAsync(url, fields.AsEnumerable(), handler);

    /// <summary>For forms that send one name several times, such as a group of checkboxes.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{url} answered {(int)page.StatusCode} with no anti-forgery token in its form.");
        }

        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        var target = handler is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>Reads what a person would see of a page's validation messages.</summary>
public static partial class PageText
{
    public static string ErrorsOf(string html) =>
        string.Join(" | ", FieldErrors().Matches(html).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, " ").Trim())).Where(t => t.Length > 0));

    [GeneratedRegex("class=\"(?:field-error[^\"]*|validation-summary-errors[^\"]*)\"[^>]*>(.*?)</(?:span|div)>", RegexOptions.Singleline)]
    private static partial Regex FieldErrors();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
