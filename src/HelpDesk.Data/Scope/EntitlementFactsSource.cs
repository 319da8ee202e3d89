using System.Data.Common;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Scope;

/// <summary>
/// Loads an entitlement decision's facts in two small batches: the product named (by code, else by name) with its
/// releases and published scope versions, the environments and the plans, which change rarely and come from
/// <see cref="EntitlementFactsCache"/> when one is given; and the organisation's contracts that are not cancelled
/// with the incidents their tickets hold (the count kept on the contract). With the cache, each call reads only each
/// contract's version and counts (one statement), and the contracts themselves again when a version differs.
/// </summary>
public sealed class EntitlementFactsSource(IDbConnectionFactory connections, EntitlementFactsCache? cache = null) : IEntitlementFactsSource
{
    // The product's id, found by its (lower-case, unique) code first and then by its name.
    private const string ProductId = """
        COALESCE((SELECT pc.Id FROM Products pc WHERE pc.Code = @Product),
                 (SELECT MIN(pn.Id) FROM Products pn WHERE LOWER(pn.Name) = @Product))
        """;

    private const string OrganisationContracts = """
        SELECT oc.Id FROM Contracts oc WHERE oc.OrganisationId = @OrganisationId AND oc.Status <> 'Cancelled'
        """;

    private static readonly string CatalogueSql = $"""
        SELECT {ScopeRows.ProductColumns} FROM Products p WHERE p.Id = {ProductId};
        SELECT {ScopeRows.ReleaseColumns} FROM ProductReleases r WHERE r.ProductId = {ProductId} ORDER BY r.ReleasedOn, r.Id;
        SELECT {ScopeRows.EnvironmentColumns} FROM Environments e ORDER BY e.Code;
        {ScopeRows.Select($"s.ProductId = {ProductId} AND s.Status = 'Published'", "s.Number")}
        SELECT {PlanColumns} FROM Plans pl;
        SELECT {TargetColumns} FROM PlanSlaTargets st;
        SELECT h.CalendarId, h.Day, h.Name FROM Holidays h ORDER BY h.Day;
        SELECT pp.Id, pp.Name FROM Products pp;
        """;

    // What changes without a new version: the incidents used, and those bought in packs.
    private const string StatesSql = """
        SELECT c.Id, c.Version, c.IncidentsUsed, c.IncidentsBought FROM Contracts c
        WHERE c.OrganisationId = @OrganisationId AND c.Status <> 'Cancelled'
        """;

    private static readonly string ContractsOnlySql = $"""
        SELECT {ContractColumns} FROM Contracts c WHERE c.Id IN ({OrganisationContracts}) ORDER BY c.StartsOn, c.Id;
        SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN ({OrganisationContracts});
        """;

    // Without the cache: the contracts with their products, then the incidents used, in one batch.
    private static readonly string ContractsSql = ContractsOnlySql + $"""

        SELECT c.Id AS ContractId, c.IncidentsUsed AS Used FROM Contracts c WHERE c.Id IN ({OrganisationContracts});
        """;

    public async Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default)
    {
        var catalogue = await CatalogueAsync(product ?? "", cancellationToken);

        await using var connection = await connections.OpenAsync(cancellationToken);
        var (contracts, used) = cache is null
            ? await ReadContractsAndCountsAsync(connection, organisationId, cancellationToken)
            : await CachedContractsAsync(cache, connection, organisationId, cancellationToken);

        return new EntitlementFacts
        {
            Product = catalogue.Product,
            Releases = catalogue.Releases,
            Environments = catalogue.Environments,
            PublishedScopes = catalogue.PublishedScopes,
            Contracts = contracts.Select(c =>
            {
                var plan = catalogue.Plans[c.PlanId];
                return new ContractFacts(c, plan, used.GetValueOrDefault(c.Id))
                {
                    Holidays = ContractSupportHours.HolidayCalendarOf(c, plan) is int calendar ? catalogue.Holidays[calendar].ToList() : [],
                };
            }).ToList(),
            ProductNames = catalogue.ProductNames,
        };
    }

    private static async Task<(IReadOnlyList<Contract> Contracts, Dictionary<int, int> Used)> ReadContractsAndCountsAsync(
        DbConnection connection, int organisationId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ContractsSql, new { OrganisationId = organisationId }, cancellationToken: cancellationToken));
        var contracts = ToContracts(await results.ReadAsync<Contract>(), await results.ReadAsync<ContractProductRow>());
        var used = (await results.ReadAsync<IncidentCountRow>()).ToDictionary(r => r.ContractId, r => r.Used);
        return (contracts, used);
    }

    /// <summary>
    /// The contracts from the cache when it holds the same ones at the same versions as the rows, otherwise read again;
    /// the counts always from the rows. A contract made, changed or cancelled on any node applies at once.
    /// </summary>
    private static async Task<(IReadOnlyList<Contract> Contracts, Dictionary<int, int> Used)> CachedContractsAsync(
        EntitlementFactsCache cache, DbConnection connection, int organisationId, CancellationToken cancellationToken)
    {
        var states = (await connection.QueryAsync<ContractState>(new CommandDefinition(
            StatesSql, new { OrganisationId = organisationId }, cancellationToken: cancellationToken))).ToDictionary(s => s.Id);
        var contracts = await cache.ContractsAsync(organisationId, Load);
        if (contracts.Count != states.Count || contracts.Any(c => !states.TryGetValue(c.Id, out var state) || state.Version != c.Version))
        {
            cache.ForgetContracts(organisationId);
            contracts = await cache.ContractsAsync(organisationId, Load);
        }

        var current = contracts
            .Select(c => states.TryGetValue(c.Id, out var state) && state.IncidentsBought != c.IncidentsBought ? c with { IncidentsBought = state.IncidentsBought } : c)
            .ToList();
        return (current, states.Values.ToDictionary(s => s.Id, s => s.IncidentsUsed));

        async Task<IReadOnlyList<Contract>> Load() =>
            await ReadContractsAsync(connection, null, ContractsOnlySql, new { OrganisationId = organisationId }, cancellationToken);
    }

    /// <summary>The catalogue facts of a product by its code, from the cache when there is one.</summary>
    internal async Task<CatalogueFacts> CatalogueAsync(string code, CancellationToken cancellationToken)
    {
        var key = ScopeStore.NormaliseCode(code);
        return cache is null
            ? await LoadCatalogueAsync(key, cancellationToken)
            : await cache.GetAsync(key ?? "", () => LoadCatalogueAsync(key, cancellationToken));
    }

    private async Task<CatalogueFacts> LoadCatalogueAsync(string? product, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            CatalogueSql, new { Product = product }, cancellationToken: cancellationToken));
        var found = await results.ReadSingleOrDefaultAsync<Product>();
        var releases = (await results.ReadAsync<ProductRelease>()).AsList();
        var environments = (await results.ReadAsync<TargetEnvironment>()).AsList();
        var scopes = await ScopeRows.ReadAsync(results);
        var plans = ToPlans(await results.ReadAsync<PlanRow>(), await results.ReadAsync<TargetRow>()).ToDictionary(p => p.Id);
        var holidays = (await results.ReadAsync<HolidayRow>()).ToLookup(h => h.CalendarId, h => new Holiday(h.Day, h.Name));
        var names = (await results.ReadAsync<ProductNameRow>()).ToDictionary(r => r.Id, r => r.Name);
        return new CatalogueFacts(found, releases, environments, scopes, plans, holidays, names);
    }

    private sealed record ContractState
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public int IncidentsUsed { get; init; }
        public int IncidentsBought { get; init; }
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
