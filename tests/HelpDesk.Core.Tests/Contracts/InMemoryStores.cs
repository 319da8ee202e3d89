using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Contracts;

/// <summary>Plans, calendars and contracts in memory, versioned the way the real store is: a stale version saves nothing.</summary>
public sealed class InMemoryContractStore : IContractStore
{
    public List<Plan> Plans { get; } = [];

    public List<HolidayCalendar> Calendars { get; } = [];

    public List<Contract> Contracts { get; } = [];

    public Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Plan>>([.. Plans]);

    public Task<Plan?> GetPlanAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(Plans.FirstOrDefault(p => p.Id == id));

    public Task<Plan?> SavePlanAsync(Plan plan, CancellationToken cancellationToken = default) =>
        Task.FromResult(Save(Plans, plan, p => p.Id, (p, id, version) => p with { Id = id, Version = version }, p => p.Version));

    public async Task<Plan?> SavePlanAsync(Plan plan, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        Recorded(await SavePlanAsync(plan, cancellationToken), p => p.Id, audit);

    public async Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        Recorded(await SaveCalendarAsync(calendar, cancellationToken), c => c.Id, audit);

    private T? Recorded<T>(T? saved, Func<T, int> idOf, ManageAuditEntry audit)
        where T : class
    {
        if (saved is not null)
        {
            Audit.Add(audit with { SubjectId = idOf(saved) });
        }

        return saved;
    }

    public Task<IReadOnlyList<HolidayCalendar>> ListCalendarsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HolidayCalendar>>([.. Calendars]);

    public Task<HolidayCalendar?> GetCalendarAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(Calendars.FirstOrDefault(c => c.Id == id));

    public Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, CancellationToken cancellationToken = default) =>
        Task.FromResult(Save(Calendars, calendar, c => c.Id, (c, id, version) => c with { Id = id, Version = version }, c => c.Version));

    public Task<IReadOnlyList<Contract>> ListContractsAsync(int? organisationId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Contract>>([.. Contracts.Where(c => organisationId is null || c.OrganisationId == organisationId).OrderByDescending(c => c.StartsOn)]);

    public Task<Contract?> GetContractAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(Contracts.FirstOrDefault(c => c.Id == id));

    public Task<ContractListPage> ListContractPageAsync(ContractListQuery query, CancellationToken cancellationToken = default)
    {
        var page = Contracts
            .Where(c => (query.OrganisationId is null || c.OrganisationId == query.OrganisationId)
                && (query.ProductId is null || c.ProductIds.Contains(query.ProductId.Value))
                && (query.EndingBefore is null || c.EndsOn < query.EndingBefore)
                && (query.State is null || ContractStates.On(c, query.NowUtc, Contracts) == query.State)
                && (query.BeforeId is null || c.Id < query.BeforeId))
            .OrderByDescending(c => c.Id)
            .Take(query.Take + 1)
            .ToList();
        return Task.FromResult(new ContractListPage(page, [.. Contracts.Where(c => page.Any(p => ContractStates.RenewalOf(p, Contracts) == c))]));
    }

    public Task<Contract?> SaveContractAsync(Contract contract, CancellationToken cancellationToken = default) =>
        Task.FromResult(Save(Contracts, contract, c => c.Id, (c, id, version) => c with { Id = id, Version = version }, c => c.Version));

    public Task<Contract?> SaveContractAsync(Contract contract, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        var saved = Save(Contracts, contract, c => c.Id, (c, id, version) => c with { Id = id, Version = version }, c => c.Version);
        if (saved is not null)
        {
            Audit.Add(audit with { SubjectId = saved.Id });
        }

        return Task.FromResult(saved);
    }

    public async Task<IReadOnlyList<Contract>> CreateContractsAsync(IReadOnlyList<(Contract Contract, ManageAuditEntry Audit)> contracts, CancellationToken cancellationToken = default)
    {
        var saved = new List<Contract>();
        foreach (var (contract, audit) in contracts)
        {
            saved.Add((await SaveContractAsync(contract, audit, cancellationToken))!);
        }

        return saved;
    }

    public Task<Contract?> SetStatusAsync(int contractId, int version, ContractStatus status, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        var contract = Contracts.FirstOrDefault(c => c.Id == contractId);
        var saved = contract is null ? null : Save(Contracts, contract with { Status = status, Version = version }, c => c.Id, (c, id, v) => c with { Id = id, Version = v }, c => c.Version);
        if (saved is not null)
        {
            Audit.Add(audit);
        }

        return Task.FromResult(saved);
    }

    /// <summary>The open tickets each contract has, by contract id, as a test sets them.</summary>
    public Dictionary<int, List<int>> OpenTickets { get; } = [];

    /// <summary>The audit lines the writes recorded.</summary>
    public List<ManageAuditEntry> Audit { get; } = [];

    public Task<IReadOnlyList<int>> ListOpenTicketsAsync(int contractId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>(OpenTickets.TryGetValue(contractId, out var ids) ? [.. ids] : []);

    public Task<int> CountIncidentsAsync(int contractId, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<IReadOnlyList<IncidentUse>> ListIncidentsAsync(int contractId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<IncidentUse>>([]);

    private static T? Save<T>(List<T> items, T item, Func<T, int> idOf, Func<T, int, int, T> with, Func<T, int> versionOf)
        where T : class
    {
        if (idOf(item) == 0)
        {
            var created = with(item, items.Count == 0 ? 1 : items.Max(idOf) + 1, 1);
            items.Add(created);
            return created;
        }

        var index = items.FindIndex(i => idOf(i) == idOf(item));
        if (index < 0 || versionOf(items[index]) != versionOf(item))
        {
            return null;
        }

        var saved = with(item, idOf(item), versionOf(item) + 1);
        items[index] = saved;
        return saved;
    }
}

public sealed class InMemoryOrganisationStore : IOrganisationStore
{
    public List<Organisation> Organisations { get; } = [];

    public Task<OrganisationSaveResult> CreateAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var id = Organisations.Count + 1;
        Organisations.Add(organisation with { Id = id, Version = 1 });
        return Task.FromResult(OrganisationSaveResult.Saved(id, 1));
    }

    /// <summary>The audit lines the writes recorded.</summary>
    public List<ManageAuditEntry> Audit { get; } = [];

    public async Task<OrganisationSaveResult> CreateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        Recorded(await CreateAsync(organisation, cancellationToken), audit);

    public async Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        Recorded(await UpdateAsync(organisation, cancellationToken), audit);

    private OrganisationSaveResult Recorded(OrganisationSaveResult result, ManageAuditEntry audit)
    {
        if (result.Succeeded)
        {
            Audit.Add(audit with { SubjectId = result.Id });
        }

        return result;
    }

    public Task<Organisation?> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(Organisations.FirstOrDefault(o => o.Id == id));

    public Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Organisation>>([.. Organisations]);

    public Task<Organisation?> FindByEmailDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        Task.FromResult(Organisations.FirstOrDefault(o => o.EmailDomains.Contains(domain)));

    public Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var index = Organisations.FindIndex(o => o.Id == organisation.Id);
        if (index < 0 || Organisations[index].Version != organisation.Version)
        {
            return Task.FromResult(OrganisationSaveResult.Failed(OrganisationSaveProblem.StaleVersion));
        }

        if (Organisations.Any(o => o.Id != organisation.Id && string.Equals(o.Name, organisation.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(OrganisationSaveResult.Failed(OrganisationSaveProblem.NameTaken));
        }

        var taken = organisation.EmailDomains.Where(d => Organisations.Any(o => o.Id != organisation.Id && o.EmailDomains.Contains(d))).ToList();
        if (taken.Count > 0)
        {
            return Task.FromResult(OrganisationSaveResult.DomainsTaken(taken));
        }

        Organisations[index] = organisation with { Version = organisation.Version + 1 };
        return Task.FromResult(OrganisationSaveResult.Saved(organisation.Id, organisation.Version + 1));
    }
}

/// <summary>Only the product list; contracts need nothing else of the catalogue.</summary>
public sealed class InMemoryProducts : IScopeStore
{
    public List<Product> Products { get; } = [];

    public Task<IReadOnlyList<Product>> ListProductsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Product>>([.. Products]);

    public Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(Products.FirstOrDefault(p => p.Id == id));

    public Task<Product?> FindProductAsync(string codeOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Product?> CreateProductAsync(Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Product?> UpdateProductAsync(Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProductRelease?> GetReleaseAsync(int releaseId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CatalogueReferences> ReleaseReferencesAsync(ProductRelease release, Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> SetReleaseRetiredAsync(int releaseId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteReleaseAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CatalogueReferences> EnvironmentReferencesAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesNamingEnvironmentAsync(string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> SetEnvironmentRetiredAsync(int environmentId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteEnvironmentAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TargetEnvironment?> SaveEnvironmentAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ThirdPartyProduct>> ListThirdPartyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ThirdPartyProduct?> SaveThirdPartyAsync(ThirdPartyProduct product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesAsync(int productId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> GetScopeAsync(int scopeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> GetDraftAsync(int productId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> SaveDraftAsync(ScopeOfSupport draft, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo = ScopeApplication.Now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteDraftAsync(int scopeId, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
