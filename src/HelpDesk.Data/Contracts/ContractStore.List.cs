using System.Globalization;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Contracts;

/// <summary>The contract list of the management API: filters, state and the keyset page all in the query.</summary>
public sealed partial class ContractStore
{
    public async Task<ContractListPage> ListContractPageAsync(ContractListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var zones = query.State is ContractState.Upcoming or ContractState.Active or ContractState.Expired or ContractState.Renewed
            ? (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT c.TimeZone FROM Contracts c", cancellationToken: cancellationToken))).AsList()
            : [];

        var where = new SqlWhere();
        where.Add("c.OrganisationId = @OrganisationId", "OrganisationId", query.OrganisationId, when: query.OrganisationId is not null);
        where.Add(
            "EXISTS (SELECT 1 FROM ContractProducts cp WHERE cp.ContractId = c.Id AND cp.ProductId = @ProductId)",
            "ProductId",
            query.ProductId,
            when: query.ProductId is not null);
        where.Add("c.EndsOn < @EndingBefore", "EndingBefore", query.EndingBefore, when: query.EndingBefore is not null);
        where.Add("c.Id < @BeforeId", "BeforeId", query.BeforeId, when: query.BeforeId is not null);
        if (query.State is ContractState state)
        {
            where.Add(StateClause(state, LocalToday(zones, query.NowUtc, where.Parameters)));
        }

        where.Parameters.Add("Take", query.Take + 1);
        var sql = $"""
            SELECT {ContractColumns} FROM Contracts c
            WHERE {string.Join("\n  AND ", where.Clauses.DefaultIfEmpty("1 = 1"))}
            ORDER BY c.Id DESC
            {connections.Dialect.TopClause}
            """;
        var page = (await connection.QueryAsync<Contract>(new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken))).AsList();
        if (page.Count == 0)
        {
            return new ContractListPage([], []);
        }

        var related = $"""
            SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN {connections.Dialect.IdList("Ids")};
            SELECT {ContractColumns} FROM Contracts c WHERE c.RenewsContractId IN {connections.Dialect.IdList("Ids")} AND c.Status = 'Active';
            """;
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            related, new { Ids = SqlDialect.IdsJson(page.Select(c => c.Id)) }, cancellationToken: cancellationToken));
        var products = await results.ReadAsync<ContractProductRow>();
        var renewals = await results.ReadAsync<Contract>();
        return new ContractListPage(ToContracts(page, products), [.. renewals]);
    }

    /// <summary>
    /// Each contract's today, as a SQL expression: the day it is now in the contract's own time zone. SQLite knows no
    /// time zones, so the day in each zone the contracts use is worked out here and passed in, one parameter pair a zone.
    /// </summary>
    private static string LocalToday(List<string> zones, DateTime nowUtc, DynamicParameters parameters)
    {
        parameters.Add("UtcToday", DateOnly.FromDateTime(nowUtc));
        if (zones.Count == 0)
        {
            return "@UtcToday";
        }

        var arms = zones.Select((zone, i) =>
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add($"Zone{n}", zone);
            parameters.Add($"Today{n}", ContractTerms.LocalDate(nowUtc, zone));
            return $"WHEN @Zone{n} THEN @Today{n}";
        });
        return $"(CASE c.TimeZone {string.Join(" ", arms)} ELSE @UtcToday END)";
    }

    /// <summary>The states of <see cref="ContractTerms.StateOn"/>, as conditions on the row and its renewals.</summary>
    private static string StateClause(ContractState state, string today)
    {
        const string renewed = "EXISTS (SELECT 1 FROM Contracts r WHERE r.RenewsContractId = c.Id AND r.Status = 'Active')";
        return state switch
        {
            ContractState.Cancelled => "c.Status = 'Cancelled'",
            ContractState.Pending => "c.Status = 'Pending'",
            ContractState.Upcoming => $"c.Status = 'Active' AND {today} < c.StartsOn",
            ContractState.Active => $"c.Status = 'Active' AND c.StartsOn <= {today} AND {today} <= c.EndsOn",
            ContractState.Renewed => $"c.Status = 'Active' AND c.EndsOn < {today} AND {renewed}",
            ContractState.Expired => $"c.Status = 'Active' AND c.EndsOn < {today} AND NOT {renewed}",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a contract state."),
        };
    }
}
