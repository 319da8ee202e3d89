using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Offers;

/// <summary>
/// The right to buy on each customer account, and each organisation's admin contact. Setting the right changes the
/// account row, so it forgets the accounts <see cref="AccountCache"/> keeps.
/// </summary>
public sealed class BuyingRightsStore(IDbConnectionFactory connections, AccountCache accounts) : IBuyingRights
{
    private const string SelectBuyer = "SELECT u.Id, u.DisplayName AS Name, u.Email, u.OrganisationId, u.CanBuyServices FROM Users u";

    public async Task<Buyer?> FindAsync(int userId, CancellationToken cancellationToken = default)
    {
        const string sql = $"{SelectBuyer} WHERE u.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<BuyerRow>(new CommandDefinition(sql, new { Id = userId }, cancellationToken: cancellationToken)))?.ToBuyer();
    }

    public async Task<IReadOnlyList<Buyer>> ListAsync(int organisationId, CancellationToken cancellationToken = default)
    {
        const string sql = $"{SelectBuyer} WHERE u.OrganisationId = @OrganisationId ORDER BY u.DisplayName, u.Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BuyerRow>(new CommandDefinition(sql, new { OrganisationId = organisationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBuyer())];
    }

    public async Task<int?> GetAdminContactAsync(int organisationId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT o.AdminContactId FROM Organisations o WHERE o.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { Id = organisationId }, cancellationToken: cancellationToken));
    }

    public async Task SetCanBuyAsync(int userId, bool canBuy, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE Users SET CanBuyServices = @CanBuy, ConcurrencyStamp = @Stamp WHERE Id = @Id";
        await accounts.WriteAsync(async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = userId, CanBuy = canBuy, Stamp = Guid.NewGuid().ToString() }, cancellationToken: cancellationToken));
        });
    }

    public async Task<bool> SetAdminContactAsync(int organisationId, int? userId, CancellationToken cancellationToken = default)
    {
        const string clear = "UPDATE Organisations SET AdminContactId = NULL WHERE Id = @Id";
        const string set = """
            UPDATE Organisations SET AdminContactId = @UserId
            WHERE Id = @Id AND EXISTS (SELECT 1 FROM Users u WHERE u.Id = @UserId AND u.OrganisationId = @Id)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(userId is null ? clear : set, new { Id = organisationId, UserId = userId }, cancellationToken: cancellationToken));
        return rows == 1;
    }

    private sealed record BuyerRow
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public int? OrganisationId { get; init; }
        public bool CanBuyServices { get; init; }

        public Buyer ToBuyer() => new(Id, Name, Email, OrganisationId, CanBuyServices);
    }
}
