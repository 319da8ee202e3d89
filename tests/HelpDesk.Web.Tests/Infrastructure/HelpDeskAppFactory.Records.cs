using System.Text.RegularExpressions;
using Dapper;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>What the application saved, read straight from its SQLite file the way a person with a SQL prompt would.</summary>
public partial class HelpDeskAppFactory
{
    public async Task<int?> UserIdAsync(string email)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT Id FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
    }

    public async Task<int> UserCountAsync(string email)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
    }

    public async Task<IReadOnlyList<string>> RolesOfAsync(string email)
    {
        await using var connection = await Connections.OpenAsync();
        var roles = await connection.QueryAsync<string>(
            """
            SELECT r.Name FROM UserRoles ur
            INNER JOIN Roles r ON r.Id = ur.RoleId
            INNER JOIN Users u ON u.Id = ur.UserId
            WHERE u.NormalizedEmail = @Email
            ORDER BY r.Name
            """,
            new { Email = email.ToUpperInvariant() });
        return roles.AsList();
    }

    /// <summary>The organisation a user belongs to, by name; null while the account awaits placement.</summary>
    public async Task<string?> OrganisationOfAsync(string email)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>(
            """
            SELECT o.Name FROM Users u
            LEFT JOIN Organisations o ON o.Id = u.OrganisationId
            WHERE u.NormalizedEmail = @Email
            """,
            new { Email = email.ToUpperInvariant() });
    }

    public async Task<int> OrganisationIdAsync(string name)
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.QuerySingleAsync<int>("SELECT Id FROM Organisations WHERE Name = @Name", new { Name = name });
    }

    public async Task<IReadOnlyList<OutboxRow>> OutboxForAsync(string email)
    {
        await using var connection = await Connections.OpenAsync();
        var rows = await connection.QueryAsync<OutboxRow>(
            "SELECT Kind, ToAddress, Subject, TextBody, HtmlBody FROM OutboxMessages WHERE ToAddress = @Email ORDER BY Id",
            new { Email = email });
        return rows.AsList();
    }

    /// <summary>
    /// The link in the newest mail of <paramref name="kind"/> to <paramref name="email"/>, as the path and query a
    /// browser would open on this host.
    /// </summary>
    public async Task<string> LinkInLatestMailAsync(string email, string kind)
    {
        var mail = (await OutboxForAsync(email)).LastOrDefault(m => m.Kind == kind)
            ?? throw new InvalidOperationException($"No {kind} mail to {email} is in the outbox.");
        var link = MailLink().Match(mail.TextBody);
        if (!link.Success)
        {
            throw new InvalidOperationException($"The {kind} mail to {email} holds no link: {mail.TextBody}");
        }

        return new Uri(link.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex MailLink();
}

public sealed record OutboxRow(string Kind, string ToAddress, string Subject, string TextBody, string? HtmlBody);
