using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

public sealed class PeopleDirectory(IDbConnectionFactory connections) : IPeopleDirectory
{
    private const string SelectPerson = """
        SELECT u.Id, u.DisplayName AS Name, u.Email, u.OrganisationId,
               CASE WHEN EXISTS (
                   SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                   WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ENGINEER', 'MANAGER')) THEN 1 ELSE 0 END AS IsStaff
        FROM Users u
        """;

    public async Task<Person?> FindAsync(int userId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectPerson}
            WHERE u.Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Person>(new CommandDefinition(sql, new { Id = userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Person>> ListStaffAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT u.Id, u.DisplayName AS Name, u.Email, u.OrganisationId, 1 AS IsStaff
            FROM Users u
            WHERE EXISTS (
                SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ENGINEER', 'MANAGER'))
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Person>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Reading people by address comes with the email intake.");

    public Task<Person> AddContactAsync(string email, string name, int? organisationId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Adding contacts comes with the email intake.");
}
