using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's role store over the Roles and RoleClaims tables. Updates and deletes are guarded by
/// the concurrency stamp, as Entity Framework's store does.
/// </summary>
public sealed class DapperRoleStore(IDbConnectionFactory connections, IdentityErrorDescriber describer) :
    IRoleClaimStore<HelpDeskRole>
{
    private const string SelectRole = """
        SELECT r.Id, r.Name, r.NormalizedName, r.ConcurrencyStamp
        FROM Roles r
        """;

    public void Dispose()
    {
        // Nothing to release: every call opens and disposes its own connection.
    }

    public async Task<IdentityResult> CreateAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES (@Name, @NormalizedName, @ConcurrencyStamp)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            role.Id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                sql, new { role.Name, role.NormalizedName, role.ConcurrencyStamp }, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(describer.DuplicateRoleName(role.Name));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        const string sql = """
            UPDATE Roles SET Name = @Name, NormalizedName = @NormalizedName, ConcurrencyStamp = @NewStamp
            WHERE Id = @Id AND ConcurrencyStamp = @OldStamp
            """;
        var newStamp = Guid.NewGuid().ToString();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var result = await StampedWrite.UpdateAsync(
            connection,
            new CommandDefinition(
                sql,
                new { role.Id, role.Name, role.NormalizedName, NewStamp = newStamp, OldStamp = role.ConcurrencyStamp },
                cancellationToken: cancellationToken),
            describer,
            () => describer.DuplicateRoleName(role.Name));
        if (result.Succeeded)
        {
            role.ConcurrencyStamp = newStamp;
        }

        return result;
    }

    public async Task<IdentityResult> DeleteAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        const string sql = """
            DELETE FROM Roles WHERE Id = @Id AND ConcurrencyStamp = @ConcurrencyStamp
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            sql, new { role.Id, role.ConcurrencyStamp }, cancellationToken: cancellationToken));
        return rows == 0 ? IdentityResult.Failed(describer.ConcurrencyFailure()) : IdentityResult.Success;
    }

    public async Task<HelpDeskRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(roleId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        const string sql = $"""
            {SelectRole}
            WHERE r.Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<HelpDeskRole>(new CommandDefinition(
            sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<HelpDeskRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectRole}
            WHERE r.NormalizedName = @NormalizedName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<HelpDeskRole>(new CommandDefinition(
            sql, new { NormalizedName = normalizedRoleName }, cancellationToken: cancellationToken));
    }

    public Task<string> GetRoleIdAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Task.FromResult(role.Id.ToString(CultureInfo.InvariantCulture));
    }

    public Task<string?> GetRoleNameAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Task.FromResult<string?>(role.Name);
    }

    public Task SetRoleNameAsync(HelpDeskRole role, string? roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        role.Name = roleName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedRoleNameAsync(HelpDeskRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Task.FromResult<string?>(role.NormalizedName);
    }

    public Task SetNormalizedRoleNameAsync(HelpDeskRole role, string? normalizedName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        role.NormalizedName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public async Task<IList<Claim>> GetClaimsAsync(HelpDeskRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        const string sql = """
            SELECT ClaimType, ClaimValue FROM RoleClaims WHERE RoleId = @RoleId ORDER BY Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(sql, new { RoleId = role.Id }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToClaim()).ToList();
    }

    public async Task AddClaimAsync(HelpDeskRole role, Claim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(claim);
        const string sql = """
            INSERT INTO RoleClaims (RoleId, ClaimType, ClaimValue) VALUES (@RoleId, @ClaimType, @ClaimValue)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { RoleId = role.Id, ClaimType = claim.Type, ClaimValue = claim.Value }, cancellationToken: cancellationToken));
    }

    public async Task RemoveClaimAsync(HelpDeskRole role, Claim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(claim);
        const string sql = """
            DELETE FROM RoleClaims WHERE RoleId = @RoleId AND ClaimType = @ClaimType AND ClaimValue = @ClaimValue
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { RoleId = role.Id, ClaimType = claim.Type, ClaimValue = claim.Value }, cancellationToken: cancellationToken));
    }
}
