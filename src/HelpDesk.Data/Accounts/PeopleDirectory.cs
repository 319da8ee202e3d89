using System.Data.Common;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// People as the use cases meet them. A deactivated account is no one's colleague: it is not staff (its mail is a
/// stranger's) and tickets cannot be assigned to it. A person read by id is kept by the <see cref="AccountCache"/>
/// when one is given (the app's is), and so is one found by address, which forgets them with every write to an account.
/// </summary>
public sealed class PeopleDirectory(IDbConnectionFactory connections, AccountCache? accounts = null) : IPeopleDirectory
{
    private const string SelectPerson = """
        SELECT u.Id, u.DisplayName AS Name, u.Email, u.OrganisationId,
               CASE WHEN u.DeactivatedUtc IS NULL AND EXISTS (
                   SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                   WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ENGINEER', 'MANAGER')) THEN 1 ELSE 0 END AS IsStaff
        FROM Users u
        """;

    public Task<Person?> FindAsync(int userId, CancellationToken cancellationToken = default) =>
        accounts is null ? ReadAsync(userId, cancellationToken) : accounts.GetPersonAsync(userId, () => ReadAsync(userId, cancellationToken));

    private async Task<Person?> ReadAsync(int userId, CancellationToken cancellationToken)
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
            WHERE u.DeactivatedUtc IS NULL AND EXISTS (
                SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                WHERE ur.UserId = u.Id AND r.NormalizedName IN ('ENGINEER', 'MANAGER'))
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Person>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = Normalize(email);
        return accounts is null
            ? ReadByEmailAsync(normalized, cancellationToken)
            : accounts.GetPersonByEmailAsync(normalized, () => ReadByEmailAsync(normalized, cancellationToken));
    }

    private async Task<Person?> ReadByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var sql = $"""
            {SelectPerson}
            WHERE u.NormalizedEmail = @NormalizedEmail
            ORDER BY u.Id
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Person>(new CommandDefinition(
            sql, new { NormalizedEmail = normalizedEmail, Take = 1 }, cancellationToken: cancellationToken));
    }

    public async Task<Person> AddContactAsync(string email, string name, int? organisationId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var address = email.Trim();
        var displayName = PlainText.Clean(name) is { Length: > 0 } cleaned ? cleaned : LocalPart(address);
        if (displayName.Length > MaxDisplayName)
        {
            displayName = displayName[..MaxDisplayName];
        }

        // The row DapperUserStore writes for a new account, without a password: the contact can set one by
        // "forgot password" once they want to sign in.
        var insertUser = connections.Dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName,
                               PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed,
                               TwoFactorEnabled, LockoutEndUtc, LockoutEnabled, AccessFailedCount, OrganisationId, CreatedUtc)
            VALUES (@Address, @Normalized, @Address, @Normalized, 0, @DisplayName,
                    NULL, @SecurityStamp, @ConcurrencyStamp, NULL, 0,
                    0, NULL, 1, 0, @OrganisationId, @NowUtc)
            """);
        var insertRole = connections.Dialect.InsertReturningId("""
            INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES (@Name, @NormalizedName, @ConcurrencyStamp)
            """);
        const string findRole = "SELECT Id FROM Roles WHERE NormalizedName = @NormalizedName";
        const string addToRole = "INSERT INTO UserRoles (UserId, RoleId) VALUES (@UserId, @RoleId)";

        // A write of the group commit (see IDbConnectionFactory.WriteAsync): mail from new senders comes in streams.
        int id;
        try
        {
            id = await connections.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    var userId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                        insertUser,
                        new
                        {
                            Address = address,
                            Normalized = Normalize(address),
                            DisplayName = displayName,
                            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                            ConcurrencyStamp = Guid.NewGuid().ToString(),
                            OrganisationId = organisationId,
                            NowUtc = nowUtc,
                        },
                        transaction,
                        cancellationToken: ct));
                    var customer = Roles.Customer.ToUpperInvariant();
                    var roleId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                            findRole, new { NormalizedName = customer }, transaction, cancellationToken: ct))
                        ?? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                            insertRole,
                            new { Name = Roles.Customer, NormalizedName = customer, ConcurrencyStamp = Guid.NewGuid().ToString() },
                            transaction,
                            cancellationToken: ct));
                    await connection.ExecuteAsync(new CommandDefinition(addToRole, new { UserId = userId, RoleId = roleId }, transaction, cancellationToken: ct));
                    return userId;
                },
                cancellationToken);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Added by another message a moment ago, or an account that signs in with this address; only this write was undone.
            return await FindByUserNameAsync(address, cancellationToken)
                ?? throw new InvalidOperationException($"The account {address} clashed with one that cannot be read.");
        }

        return new Person { Id = id, Name = displayName, Email = address, OrganisationId = organisationId, IsStaff = false };
    }

    private async Task<Person?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectPerson}
            WHERE u.NormalizedUserName = @NormalizedUserName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Person>(new CommandDefinition(
            sql, new { NormalizedUserName = Normalize(userName) }, cancellationToken: cancellationToken));
    }

    private const int MaxDisplayName = 200;

    // As Identity's UpperInvariantLookupNormalizer does.
    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private static string LocalPart(string address) => address.IndexOf('@') is > 0 and var at ? address[..at] : address;
}
