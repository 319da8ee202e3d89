using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Scope;

/// <summary>
/// Loads an entitlement decision's facts in one round trip: one batch of SELECTs, each narrowed to the product
/// named (by code, else by name) and the organisation's contracts that are not cancelled.
/// </summary>
public sealed class EntitlementFactsSource(IDbConnectionFactory connections) : IEntitlementFactsSource
{
    // The product's id, found by its (lower-case, unique) code first and then by its name.
    private const string ProductId = """
        COALESCE((SELECT pc.Id FROM Products pc WHERE pc.Code = @Product),
                 (SELECT MIN(pn.Id) FROM Products pn WHERE LOWER(pn.Name) = @Product))
        """;

    private const string OrganisationContracts = """
        SELECT oc.Id FROM Contracts oc WHERE oc.OrganisationId = @OrganisationId AND oc.Status <> 'Cancelled'
        """;

    private static readonly string Sql = $"""
        SELECT {ScopeRows.ProductColumns} FROM Products p WHERE p.Id = {ProductId};
        SELECT {ScopeRows.ReleaseColumns} FROM ProductReleases r WHERE r.ProductId = {ProductId} ORDER BY r.ReleasedOn, r.Id;
        SELECT {ScopeRows.EnvironmentColumns} FROM Environments e ORDER BY e.Code;
        {ScopeRows.Select($"s.ProductId = {ProductId} AND s.Status = 'Published'", "s.Number")}
        SELECT {ContractColumns} FROM Contracts c WHERE c.Id IN ({OrganisationContracts}) ORDER BY c.StartsOn, c.Id;
        SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN ({OrganisationContracts});
        SELECT {PlanColumns} FROM Plans pl WHERE pl.Id IN (SELECT c.PlanId FROM Contracts c WHERE c.Id IN ({OrganisationContracts}));
        SELECT {TargetColumns} FROM PlanSlaTargets st WHERE st.PlanId IN (SELECT c.PlanId FROM Contracts c WHERE c.Id IN ({OrganisationContracts}));
        SELECT h.CalendarId, h.Day, h.Name
        FROM Holidays h
        WHERE h.CalendarId IN (SELECT pl.HolidayCalendarId FROM Plans pl JOIN Contracts c ON c.PlanId = pl.Id WHERE c.Id IN ({OrganisationContracts}))
        ORDER BY h.Day;
        SELECT t.ContractId, COUNT(*) AS Used
        FROM Tickets t
        WHERE t.Verdict = 'Entitled'
          AND t.ContractId IN (SELECT c.Id FROM Contracts c JOIN Plans pl ON pl.Id = c.PlanId
                               WHERE c.Id IN ({OrganisationContracts}) AND pl.IncidentAllowance IS NOT NULL)
        GROUP BY t.ContractId;
        SELECT pp.Id, pp.Name
        FROM Products pp
        WHERE pp.Id IN (SELECT cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN ({OrganisationContracts}));
        """;

    public async Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql, new { OrganisationId = organisationId, Product = ScopeStore.NormaliseCode(product) }, cancellationToken: cancellationToken));

        var found = await results.ReadSingleOrDefaultAsync<Product>();
        var releases = (await results.ReadAsync<ProductRelease>()).AsList();
        var environments = (await results.ReadAsync<TargetEnvironment>()).AsList();
        var scopes = await ScopeRows.ReadAsync(results);
        var contracts = ToContracts(await results.ReadAsync<Contract>(), await results.ReadAsync<ContractProductRow>());
        var plans = ToPlans(await results.ReadAsync<PlanRow>(), await results.ReadAsync<TargetRow>()).ToDictionary(p => p.Id);
        var holidays = (await results.ReadAsync<HolidayRow>()).ToLookup(h => h.CalendarId, h => new Holiday(h.Day, h.Name));
        var used = (await results.ReadAsync<IncidentCountRow>()).ToDictionary(r => r.ContractId, r => r.Used);
        var names = (await results.ReadAsync<ProductNameRow>()).ToDictionary(r => r.Id, r => r.Name);

        return new EntitlementFacts
        {
            Product = found,
            Releases = releases,
            Environments = environments,
            PublishedScopes = scopes,
            Contracts = contracts.Select(c =>
            {
                var plan = plans[c.PlanId];
                return new ContractFacts(c, plan, used.GetValueOrDefault(c.Id))
                {
                    Holidays = plan.HolidayCalendarId is int calendar ? holidays[calendar].ToList() : [],
                };
            }).ToList(),
            ProductNames = names,
        };
    }

    private sealed record IncidentCountRow
    {
        public int ContractId { get; init; }
        public int Used { get; init; }
    }

    private sealed record ProductNameRow
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
    }
}
