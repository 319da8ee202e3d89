using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store over the Users, UserRoles, UserClaims and UserTokens tables.
/// Property setters only change the object; <see cref="UpdateAsync"/> writes it, guarded by the concurrency
/// stamp as Entity Framework's store is. Roles, claims and tokens are written at once, each in its own call.
/// An account read by id comes from <see cref="AccountCache"/>; every write to the Users row forgets the copies.
/// </summary>
public sealed class DapperUserStore(IDbConnectionFactory connections, IdentityErrorDescriber describer, AccountCache cache) :
    IUserEmailStore<HelpDeskUser>,
    IUserPasswordStore<HelpDeskUser>,
    IUserSecurityStampStore<HelpDeskUser>,
    IUserLockoutStore<HelpDeskUser>,
    IUserTwoFactorStore<HelpDeskUser>,
    IUserAuthenticatorKeyStore<HelpDeskUser>,
    IUserTwoFactorRecoveryCodeStore<HelpDeskUser>,
    IUserAuthenticationTokenStore<HelpDeskUser>,
    IUserRoleStore<HelpDeskUser>,
    IUserClaimStore<HelpDeskUser>,
    IUserPhoneNumberStore<HelpDeskUser>
{
    // The same provider and names as Entity Framework's store, so keys and codes survive a change of store.
    internal const string InternalLoginProvider = "[AspNetUserStore]";
    internal const string AuthenticatorKeyTokenName = "AuthenticatorKey";
    internal const string RecoveryCodeTokenName = "RecoveryCodes";

    private const int RedeemAttempts = 5;

    private const string SelectUser = """
        SELECT u.Id, u.UserName, u.NormalizedUserName, u.Email, u.NormalizedEmail, u.EmailConfirmed, u.DisplayName,
               u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp, u.PhoneNumber, u.PhoneNumberConfirmed,
               u.TwoFactorEnabled, u.LockoutEndUtc AS LockoutEnd, u.LockoutEnabled, u.AccessFailedCount,
               u.OrganisationId, u.CanBuyServices, u.CreatedUtc, u.DeactivatedUtc
        FROM Users u
        """;

    public void Dispose()
    {
        // Nothing to release: every call opens and disposes its own connection.
    }

    // ---- Users ----------------------------------------------------------------------------------------------

    public async Task<IdentityResult> CreateAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.CreatedUtc == default)
        {
            user.CreatedUtc = DateTime.UtcNow;
        }

        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName,
                               PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed,
                               TwoFactorEnabled, LockoutEndUtc, LockoutEnabled, AccessFailedCount, OrganisationId, CanBuyServices, CreatedUtc)
            VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @DisplayName,
                    @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @PhoneNumber, @PhoneNumberConfirmed,
                    @TwoFactorEnabled, @LockoutEnd, @LockoutEnabled, @AccessFailedCount, @OrganisationId, @CanBuyServices, @CreatedUtc)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            user.Id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, user, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed(describer.DuplicateUserName(user.UserName));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            UPDATE Users
            SET UserName = @UserName, NormalizedUserName = @NormalizedUserName, Email = @Email,
                NormalizedEmail = @NormalizedEmail, EmailConfirmed = @EmailConfirmed, DisplayName = @DisplayName,
                PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp, PhoneNumber = @PhoneNumber,
                PhoneNumberConfirmed = @PhoneNumberConfirmed, TwoFactorEnabled = @TwoFactorEnabled,
                LockoutEndUtc = @LockoutEnd, LockoutEnabled = @LockoutEnabled, AccessFailedCount = @AccessFailedCount,
                OrganisationId = @OrganisationId, CanBuyServices = @CanBuyServices, ConcurrencyStamp = @NewStamp
            WHERE Id = @Id AND ConcurrencyStamp = @OldStamp
            """;
        var newStamp = Guid.NewGuid().ToString();
        var parameters = new
        {
            user.Id,
            user.UserName,
            user.NormalizedUserName,
            user.Email,
            user.NormalizedEmail,
            user.EmailConfirmed,
            user.DisplayName,
            user.PasswordHash,
            user.SecurityStamp,
            user.PhoneNumber,
            user.PhoneNumberConfirmed,
            user.TwoFactorEnabled,
            user.LockoutEnd,
            user.LockoutEnabled,
            user.AccessFailedCount,
            user.OrganisationId,
            user.CanBuyServices,
            NewStamp = newStamp,
            OldStamp = user.ConcurrencyStamp,
        };
        var result = await cache.WriteAsync(async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await StampedWrite.UpdateAsync(
                connection,
                new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
                describer,
                () => describer.DuplicateUserName(user.UserName));
        });

        if (result.Succeeded)
        {
            user.ConcurrencyStamp = newStamp;
        }

        return result;
    }

    public async Task<IdentityResult> DeleteAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            DELETE FROM Users WHERE Id = @Id AND ConcurrencyStamp = @ConcurrencyStamp
            """;
        var rows = await cache.WriteAsync(async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(
                sql, new { user.Id, user.ConcurrencyStamp }, cancellationToken: cancellationToken));
        });

        return rows == 0 ? IdentityResult.Failed(describer.ConcurrencyFailure()) : IdentityResult.Success;
    }

    public async Task<HelpDeskUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        return await cache.GetAsync(id, async () =>
        {
            const string sql = $"""
                {SelectUser}
                WHERE u.Id = @Id
                """;
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<HelpDeskUser>(new CommandDefinition(
                sql, new { Id = id }, cancellationToken: cancellationToken));
        });
    }

    public async Task<HelpDeskUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectUser}
            WHERE u.NormalizedUserName = @NormalizedUserName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { NormalizedUserName = normalizedUserName }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Like Entity Framework's store, throws when two users share the address: answering with either could send
    /// one person's reset link to the other. Turn on <c>IdentityOptions.User.RequireUniqueEmail</c>.
    /// </summary>
    public async Task<HelpDeskUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectUser}
            WHERE u.NormalizedEmail = @NormalizedEmail
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { NormalizedEmail = normalizedEmail }, cancellationToken: cancellationToken));
    }

    /// <summary>Every user, ordered by email address.</summary>
    public async Task<IReadOnlyList<HelpDeskUser>> ListAsync(CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectUser}
            ORDER BY u.NormalizedEmail, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<HelpDeskUser>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return users.AsList();
    }

    /// <summary>Customers who have confirmed their address but belong to no organisation yet, ordered by email.</summary>
    public async Task<IReadOnlyList<HelpDeskUser>> ListAwaitingPlacementAsync(CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectUser}
            WHERE u.OrganisationId IS NULL
              AND u.EmailConfirmed = 1
              AND EXISTS (SELECT 1 FROM UserRoles ur INNER JOIN Roles r ON r.Id = ur.RoleId
                          WHERE ur.UserId = u.Id AND r.NormalizedName = @CustomerRole)
            ORDER BY u.NormalizedEmail, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { CustomerRole = Roles.Customer.ToUpperInvariant() }, cancellationToken: cancellationToken));
        return users.AsList();
    }

    /// <summary>
    /// The organisation's people in the order they were added, a page at a time: up to <paramref name="take"/> with an
    /// id above <paramref name="afterId"/>.
    /// </summary>
    public async Task<IReadOnlyList<HelpDeskUser>> ListInOrganisationAsync(int organisationId, int afterId, int take, CancellationToken cancellationToken)
    {
        var sql = $"""
            {SelectUser}
            WHERE u.OrganisationId = @OrganisationId AND u.Id > @AfterId
            ORDER BY u.Id
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { OrganisationId = organisationId, AfterId = afterId, Take = take }, cancellationToken: cancellationToken));
        return users.AsList();
    }

    /// <summary>
    /// Makes the user a member of the organisation. False when either does not exist. Changes the concurrency
    /// stamp, so a copy of the user loaded earlier cannot silently undo the placement.
    /// </summary>
    public async Task<bool> PlaceInOrganisationAsync(int userId, int organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE Users
            SET OrganisationId = @OrganisationId, ConcurrencyStamp = @NewStamp
            WHERE Id = @UserId AND EXISTS (SELECT 1 FROM Organisations o WHERE o.Id = @OrganisationId)
            """;
        var rows = await cache.WriteAsync(async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(
                sql,
                new { UserId = userId, OrganisationId = organisationId, NewStamp = Guid.NewGuid().ToString() },
                cancellationToken: cancellationToken));
        });
        return rows == 1;
    }

    public Task<string> GetUserIdAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));
    }

    public Task<string?> GetUserNameAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult<string?>(user.UserName);
    }

    public Task SetUserNameAsync(HelpDeskUser user, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult<string?>(user.NormalizedUserName);
    }

    public Task SetNormalizedUserNameAsync(HelpDeskUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    // ---- Email, phone, password, security stamp -------------------------------------------------------------

    public Task SetEmailAsync(HelpDeskUser user, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult<string?>(user.Email);
    }

    public Task<bool> GetEmailConfirmedAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.EmailConfirmed);
    }

    public Task SetEmailConfirmedAsync(HelpDeskUser user, bool confirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult<string?>(user.NormalizedEmail);
    }

    public Task SetNormalizedEmailAsync(HelpDeskUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    public Task SetPhoneNumberAsync(HelpDeskUser user, string? phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PhoneNumber = phoneNumber;
        return Task.CompletedTask;
    }

    public Task<string?> GetPhoneNumberAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.PhoneNumber);
    }

    public Task<bool> GetPhoneNumberConfirmedAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.PhoneNumberConfirmed);
    }

    public Task SetPhoneNumberConfirmedAsync(HelpDeskUser user, bool confirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PhoneNumberConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(HelpDeskUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.PasswordHash);
    }

    public Task<bool> HasPasswordAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.PasswordHash is not null);
    }

    public Task SetSecurityStampAsync(HelpDeskUser user, string stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(stamp);
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.SecurityStamp);
    }

    // ---- Lockout and two-factor flags -----------------------------------------------------------------------

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.LockoutEnd);
    }

    public Task SetLockoutEndDateAsync(HelpDeskUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.AccessFailedCount++;
        return Task.FromResult(user.AccessFailedCount);
    }

    public Task ResetAccessFailedCountAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.AccessFailedCount);
    }

    public Task<bool> GetLockoutEnabledAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.LockoutEnabled);
    }

    public Task SetLockoutEnabledAsync(HelpDeskUser user, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetTwoFactorEnabledAsync(HelpDeskUser user, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.TwoFactorEnabled);
    }

    // ---- Tokens, authenticator key, recovery codes ----------------------------------------------------------

    public async Task SetTokenAsync(HelpDeskUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string update = """
            UPDATE UserTokens SET Value = @Value
            WHERE UserId = @UserId AND LoginProvider = @LoginProvider AND Name = @Name
            """;
        const string insert = """
            INSERT INTO UserTokens (UserId, LoginProvider, Name, Value) VALUES (@UserId, @LoginProvider, @Name, @Value)
            """;
        var parameters = new { UserId = user.Id, LoginProvider = loginProvider, Name = name, Value = value };
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(update, parameters, cancellationToken: cancellationToken)) == 1)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, parameters, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another request inserted the token between our update and insert: write over it, as the last writer would.
            await connection.ExecuteAsync(new CommandDefinition(update, parameters, cancellationToken: cancellationToken));
        }
    }

    public async Task RemoveTokenAsync(HelpDeskUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            DELETE FROM UserTokens WHERE UserId = @UserId AND LoginProvider = @LoginProvider AND Name = @Name
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = user.Id, LoginProvider = loginProvider, Name = name }, cancellationToken: cancellationToken));
    }

    public async Task<string?> GetTokenAsync(HelpDeskUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            SELECT Value FROM UserTokens WHERE UserId = @UserId AND LoginProvider = @LoginProvider AND Name = @Name
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            sql, new { UserId = user.Id, LoginProvider = loginProvider, Name = name }, cancellationToken: cancellationToken));
    }

    public Task SetAuthenticatorKeyAsync(HelpDeskUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, key, cancellationToken);

    public Task<string?> GetAuthenticatorKeyAsync(HelpDeskUser user, CancellationToken cancellationToken) =>
        GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, cancellationToken);

    public Task ReplaceCodesAsync(HelpDeskUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(';', recoveryCodes), cancellationToken);
    }

    /// <summary>
    /// Removes the code if the user has it. The write only succeeds if the stored codes are still the ones read,
    /// so two requests racing with the same code cannot both redeem it.
    /// </summary>
    public async Task<bool> RedeemCodeAsync(HelpDeskUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        const string sql = """
            UPDATE UserTokens SET Value = @NewValue
            WHERE UserId = @UserId AND LoginProvider = @LoginProvider AND Name = @Name AND Value = @OldValue
            """;
        for (var attempt = 0; attempt < RedeemAttempts; attempt++)
        {
            var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
            var codes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (!codes.Remove(code))
            {
                return false;
            }

            await using var connection = await connections.OpenAsync(cancellationToken);
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                sql,
                new
                {
                    UserId = user.Id,
                    LoginProvider = InternalLoginProvider,
                    Name = RecoveryCodeTokenName,
                    OldValue = stored,
                    NewValue = string.Join(';', codes),
                },
                cancellationToken: cancellationToken));
            if (rows == 1)
            {
                return true;
            }
        }

        return false;
    }

    public async Task<int> CountCodesAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken);
        return string.IsNullOrEmpty(stored) ? 0 : stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    // ---- Roles ----------------------------------------------------------------------------------------------
    // UserManager passes role names already normalized; they are matched against Roles.NormalizedName.

    public async Task AddToRoleAsync(HelpDeskUser user, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string findRole = """
            SELECT Id FROM Roles WHERE NormalizedName = @NormalizedName
            """;
        const string insert = """
            INSERT INTO UserRoles (UserId, RoleId)
            SELECT @UserId, @RoleId
            WHERE NOT EXISTS (SELECT 1 FROM UserRoles WHERE UserId = @UserId AND RoleId = @RoleId)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var roleId = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            findRole, new { NormalizedName = roleName }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Role {roleName} does not exist.");
        await connection.ExecuteAsync(new CommandDefinition(
            insert, new { UserId = user.Id, RoleId = roleId }, cancellationToken: cancellationToken));
    }

    public async Task RemoveFromRoleAsync(HelpDeskUser user, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            DELETE FROM UserRoles
            WHERE UserId = @UserId AND RoleId IN (SELECT Id FROM Roles WHERE NormalizedName = @NormalizedName)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { UserId = user.Id, NormalizedName = roleName }, cancellationToken: cancellationToken));
    }

    public async Task<IList<string>> GetRolesAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            SELECT r.Name FROM Roles r INNER JOIN UserRoles ur ON ur.RoleId = r.Id
            WHERE ur.UserId = @UserId
            ORDER BY r.NormalizedName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var names = await connection.QueryAsync<string>(new CommandDefinition(sql, new { UserId = user.Id }, cancellationToken: cancellationToken));
        return names.AsList();
    }

    public async Task<bool> IsInRoleAsync(HelpDeskUser user, string roleName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            SELECT COUNT(*) FROM UserRoles ur INNER JOIN Roles r ON r.Id = ur.RoleId
            WHERE ur.UserId = @UserId AND r.NormalizedName = @NormalizedName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { UserId = user.Id, NormalizedName = roleName }, cancellationToken: cancellationToken));
        return count > 0;
    }

    public async Task<IList<HelpDeskUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {SelectUser}
            INNER JOIN UserRoles ur ON ur.UserId = u.Id
            INNER JOIN Roles r ON r.Id = ur.RoleId
            WHERE r.NormalizedName = @NormalizedName
            ORDER BY u.NormalizedEmail, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { NormalizedName = roleName }, cancellationToken: cancellationToken));
        return users.AsList();
    }

    // ---- Claims ---------------------------------------------------------------------------------------------

    public async Task<IList<Claim>> GetClaimsAsync(HelpDeskUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        const string sql = """
            SELECT ClaimType, ClaimValue FROM UserClaims WHERE UserId = @UserId ORDER BY Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(sql, new { UserId = user.Id }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToClaim()).ToList();
    }

    public async Task AddClaimsAsync(HelpDeskUser user, IEnumerable<Claim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(claims);
        const string sql = """
            INSERT INTO UserClaims (UserId, ClaimType, ClaimValue) VALUES (@UserId, @ClaimType, @ClaimValue)
            """;
        var rows = claims.Select(claim => new { UserId = user.Id, ClaimType = claim.Type, ClaimValue = claim.Value }).ToList();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReplaceClaimAsync(HelpDeskUser user, Claim claim, Claim newClaim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(newClaim);
        const string sql = """
            UPDATE UserClaims SET ClaimType = @NewType, ClaimValue = @NewValue
            WHERE UserId = @UserId AND ClaimType = @OldType AND ClaimValue = @OldValue
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new { UserId = user.Id, OldType = claim.Type, OldValue = claim.Value, NewType = newClaim.Type, NewValue = newClaim.Value },
            cancellationToken: cancellationToken));
    }

    public async Task RemoveClaimsAsync(HelpDeskUser user, IEnumerable<Claim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(claims);
        const string sql = """
            DELETE FROM UserClaims WHERE UserId = @UserId AND ClaimType = @ClaimType AND ClaimValue = @ClaimValue
            """;
        var rows = claims.Select(claim => new { UserId = user.Id, ClaimType = claim.Type, ClaimValue = claim.Value }).ToList();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IList<HelpDeskUser>> GetUsersForClaimAsync(Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        const string sql = $"""
            {SelectUser}
            WHERE u.Id IN (SELECT c.UserId FROM UserClaims c WHERE c.ClaimType = @ClaimType AND c.ClaimValue = @ClaimValue)
            ORDER BY u.NormalizedEmail, u.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<HelpDeskUser>(new CommandDefinition(
            sql, new { ClaimType = claim.Type, ClaimValue = claim.Value }, cancellationToken: cancellationToken));
        return users.AsList();
    }
}

internal sealed record ClaimRow(string ClaimType, string? ClaimValue)
{
    public Claim ToClaim() => new(ClaimType, ClaimValue ?? "");
}
