using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>Inserts the organisations, users and messages that the stores under test refer to.</summary>
public static class TestRows
{
    private static readonly DateTime Created = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    public static async Task<int> OrganisationAsync(IDbConnectionFactory connections, string name)
    {
        await using var connection = await connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            connections.Dialect.InsertReturningId("INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, 'Emea', 'Key', @Now, 1)"),
            new { Name = name, Now = Created });
    }

    public static async Task<int> UserAsync(IDbConnectionFactory connections, string email, int? organisationId = null)
    {
        await using var connection = await connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(connections.Dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@Email, @Normal, @Email, @Normal, 1, @Email, 'x', @Org, @Now)
            """), new { Email = email, Normal = email.ToUpperInvariant(), Org = organisationId, Now = Created });
    }

    /// <summary>A message on a ticket, written as a row (firing the table's triggers), with no author.</summary>
    public static async Task MessageAsync(IDbConnectionFactory connections, int ticketId, string kind, string text, DateTime createdUtc)
    {
        await using var connection = await connections.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc) VALUES (@TicketId, NULL, @Kind, @Text, @Text, @Now)",
            new { TicketId = ticketId, Kind = kind, Text = text, Now = createdUtc });
    }
}
