using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace HelpDesk.Testing.Mail;

/// <summary>
/// A real IMAP server (dovecot) and SMTP sink (aiosmtpd) for tests. Uses the servers tests/run.sh started (the
/// HELPDESK_TEST_* variables) or, when they are not set, starts its own with tests/mail-servers/start.sh and stops them
/// when disposed. Users support@, customer@, other@ and bench@example.test share the password <see cref="Password"/>.
/// Depends on MailKit only, so other test projects can compile it in.
/// </summary>
public sealed class TestMailServers : IDisposable
{
    public const string Password = "secret";
    public const string Support = "support@example.test";
    public const string Customer = "customer@example.test";
    public const string Other = "other@example.test";
    public const string Bench = "bench@example.test";

    private readonly string? _ownDirectory;
    private readonly string? _scripts;

    public TestMailServers()
    {
        if (Environment.GetEnvironmentVariable("HELPDESK_TEST_IMAP_PORT") is { Length: > 0 } imapPort)
        {
            ImapHost = Environment.GetEnvironmentVariable("HELPDESK_TEST_IMAP_HOST") ?? "127.0.0.1";
            ImapPort = int.Parse(imapPort, System.Globalization.CultureInfo.InvariantCulture);
            SmtpPort = int.Parse(Environment.GetEnvironmentVariable("HELPDESK_TEST_SMTP_PORT") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            SmtpDirectory = Environment.GetEnvironmentVariable("HELPDESK_TEST_SMTP_DIR") ?? "";
            return;
        }

        _scripts = FindScripts();
        _ownDirectory = Path.Combine(Path.GetTempPath(), "helpdesk-mail-" + Guid.NewGuid().ToString("N")[..12]);
        Run(Path.Combine(_scripts, "start.sh"), _ownDirectory);
        var values = File.ReadAllLines(Path.Combine(_ownDirectory, "env"))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        ImapHost = values["HELPDESK_TEST_IMAP_HOST"];
        ImapPort = int.Parse(values["HELPDESK_TEST_IMAP_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        SmtpPort = int.Parse(values["HELPDESK_TEST_SMTP_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        SmtpDirectory = values["HELPDESK_TEST_SMTP_DIR"];
    }

    public string ImapHost { get; }

    public int ImapPort { get; }

    public string SmtpHost => ImapHost;

    public int SmtpPort { get; }

    /// <summary>Where the sink writes each message it accepts, one .eml file per message.</summary>
    public string SmtpDirectory { get; }

    /// <summary>A folder name no other test uses.</summary>
    public static string UniqueFolder(string prefix = "T") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Adds a message to the user's folder (made when missing) and answers its UID.</summary>
    public async Task<uint> AppendAsync(string user, string folder, byte[] raw, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        var target = await GetOrCreateAsync(client, folder, cancellationToken);
        using var stream = new MemoryStream(raw);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var uid = await target.AppendAsync(new AppendRequest(message), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return uid?.Id ?? 0;
    }

    /// <summary>Adds many messages in one command and answers their UIDs.</summary>
    public async Task<IReadOnlyList<uint>> AppendManyAsync(string user, string folder, IEnumerable<byte[]> raws, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raws);
        using var client = await ConnectAsync(user, cancellationToken);
        var target = await GetOrCreateAsync(client, folder, cancellationToken);
        var requests = new List<IAppendRequest>();
        foreach (var raw in raws)
        {
            using var stream = new MemoryStream(raw);
            requests.Add(new AppendRequest(await MimeMessage.LoadAsync(stream, cancellationToken)));
        }

        var uids = await target.AppendAsync(requests, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return uids.Select(uid => uid.Id).ToList();
    }

    /// <summary>Messages in the user's folder; 0 when the folder does not exist.</summary>
    public async Task<int> CountAsync(string user, string folder, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        try
        {
            var target = await client.GetFolderAsync(folder, cancellationToken);
            await target.StatusAsync(StatusItems.Count, cancellationToken);
            return target.Count;
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
        finally
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
    }

    /// <summary>The folder's UIDVALIDITY.</summary>
    public async Task<uint> UidValidityAsync(string user, string folder, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        var target = await client.GetFolderAsync(folder, cancellationToken);
        await target.StatusAsync(StatusItems.UidValidity, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return target.UidValidity;
    }

    public async Task CreateFolderAsync(string user, string folder, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, cancellationToken);
        await GetOrCreateAsync(client, folder, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Every message the SMTP sink has accepted so far, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> DeliveredAsync(CancellationToken cancellationToken = default)
    {
        var messages = new List<MimeMessage>();
        if (!Directory.Exists(SmtpDirectory))
        {
            return messages;
        }

        foreach (var file in Directory.EnumerateFiles(SmtpDirectory, "*.eml").Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file, cancellationToken));
        }

        return messages;
    }

    /// <summary>Waits until the sink holds a message matching the predicate; throws TimeoutException otherwise.</summary>
    public async Task<MimeMessage> WaitForDeliveredAsync(Func<MimeMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await DeliveredAsync(cancellationToken)).FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching message reached the SMTP sink in {timeout.TotalSeconds:0.#} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (_ownDirectory is null || _scripts is null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_scripts, "stop.sh"), _ownDirectory);
        }
        finally
        {
            try
            {
                Directory.Delete(_ownDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task<ImapClient> ConnectAsync(string user, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = 10_000 };
        try
        {
            await client.ConnectAsync(ImapHost, ImapPort, SecureSocketOptions.None, cancellationToken);
            await client.AuthenticateAsync(user, Password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> GetOrCreateAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(path, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var parent = await client.GetFolderAsync(client.PersonalNamespaces[0].Path, cancellationToken);
            foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var children = await parent.GetSubfoldersAsync(false, cancellationToken);
                parent = children.FirstOrDefault(f => f.Name == name)
                    ?? await parent.CreateAsync(name, true, cancellationToken)
                    ?? throw new InvalidOperationException($"Could not create {path}.");
            }

            return parent;
        }
    }

    private static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "mail-servers");
            if (File.Exists(Path.Combine(candidate, "start.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/mail-servers/start.sh not found above " + AppContext.BaseDirectory);
    }

    private static void Run(string script, string argument)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run " + script);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(script + " did not finish in 30 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}
