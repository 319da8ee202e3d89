using System.Data.Common;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Organisations;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Organisations;

public sealed class OrganisationStore(IDbConnectionFactory connections, OrganisationCache? cache = null) : IOrganisationStore
{
    public async Task<OrganisationSaveResult> CreateAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return (await CreateManyAsync([organisation], cancellationToken))[0];
    }

    public async Task<OrganisationSaveResult> CreateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(audit);
        return (await CreateManyCoreAsync([organisation], [audit], cancellationToken))[0];
    }

    /// <summary>
    /// Inserts the organisations with their domains in one transaction: all of them, or, when one name or domain is
    /// taken, none. The results are in the order given; after a refusal only the refused one says why.
    /// </summary>
    public Task<IReadOnlyList<OrganisationSaveResult>> CreateManyAsync(IReadOnlyList<Organisation> organisations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return CreateManyCoreAsync(organisations, null, cancellationToken);
    }

    /// <summary>As <see cref="CreateManyAsync(IReadOnlyList{Organisation}, CancellationToken)"/>, writing each organisation's audit line (the one at its index) in the same transaction.</summary>
    public Task<IReadOnlyList<OrganisationSaveResult>> CreateManyAsync(IReadOnlyList<Organisation> organisations, IReadOnlyList<ManageAuditEntry> audits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(audits);
        if (audits.Count != organisations.Count)
        {
            throw new ArgumentException("Give one audit line for each organisation.", nameof(audits));
        }

        return CreateManyCoreAsync(organisations, audits, cancellationToken);
    }

    /// <param name="audits">The manager's line for each organisation, by index, written in the same transaction; none for the demo seed.</param>
    private async Task<IReadOnlyList<OrganisationSaveResult>> CreateManyCoreAsync(IReadOnlyList<Organisation> organisations, IReadOnlyList<ManageAuditEntry>? audits, CancellationToken cancellationToken)
    {
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version)
            VALUES (@Name, @Region, @Segment, @CreatedUtc, 1)
            """);

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<OrganisationSaveResult>();
        foreach (var organisation in organisations)
        {
            int id;
            try
            {
                // The write comes first so that SQLite takes its write lock before the domain check reads.
                id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    insert,
                    new
                    {
                        organisation.Name,
                        Region = organisation.Region.ToString(),
                        Segment = organisation.Segment.ToString(),
                        CreatedUtc = organisation.CreatedUtc == default ? DateTime.UtcNow : organisation.CreatedUtc,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Refused(results.Count, organisations.Count, OrganisationSaveResult.Failed(OrganisationSaveProblem.NameTaken));
            }

            var failure = await SaveDomainsAsync(connection, transaction, id, NormaliseDomains(organisation.EmailDomains), cancellationToken);
            if (failure is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Refused(results.Count, organisations.Count, failure);
            }

            if (audits is not null)
            {
                await ManageAuditRows.InsertAsync(connection, transaction, audits[results.Count], cancellationToken, subjectId: id);
            }

            results.Add(OrganisationSaveResult.Saved(id, 1));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>Nothing saved: the refusal at <paramref name="index"/>, and the others as not saved for its sake.</summary>
    private static OrganisationSaveResult[] Refused(int index, int count, OrganisationSaveResult refusal) =>
        [.. Enumerable.Range(0, count).Select(i => i == index ? refusal : OrganisationSaveResult.Failed(OrganisationSaveProblem.StaleVersion))];

    public Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, CancellationToken cancellationToken = default) =>
        ForgettingAsync(UpdateCoreAsync(organisation, null, cancellationToken));

    public Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return ForgettingAsync(UpdateCoreAsync(organisation, audit, cancellationToken));
    }

    /// <summary>Runs an update, then drops the copies of organisations, which it may have changed.</summary>
    private async Task<OrganisationSaveResult> ForgettingAsync(Task<OrganisationSaveResult> update)
    {
        try
        {
            return await update;
        }
        finally
        {
            cache?.Invalidate();
        }
    }

    private async Task<OrganisationSaveResult> UpdateCoreAsync(Organisation organisation, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        const string update = """
            UPDATE Organisations
            SET Name = @Name, Region = @Region, Segment = @Segment, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        const string deleteDomains = """
            DELETE FROM OrganisationDomains WHERE OrganisationId = @Id
            """;
        var domains = NormaliseDomains(organisation.EmailDomains);

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int rows;
        try
        {
            rows = await connection.ExecuteAsync(new CommandDefinition(
                update,
                new
                {
                    organisation.Id,
                    organisation.Version,
                    organisation.Name,
                    Region = organisation.Region.ToString(),
                    Segment = organisation.Segment.ToString(),
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return OrganisationSaveResult.Failed(OrganisationSaveProblem.NameTaken);
        }

        if (rows == 0)
        {
            return OrganisationSaveResult.Failed(OrganisationSaveProblem.StaleVersion);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            deleteDomains, new { organisation.Id }, transaction, cancellationToken: cancellationToken));
        var failure = await SaveDomainsAsync(connection, transaction, organisation.Id, domains, cancellationToken);
        if (failure is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return failure;
        }

        if (audit is not null)
        {
            await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId: organisation.Id);
        }

        await transaction.CommitAsync(cancellationToken);
        return OrganisationSaveResult.Saved(organisation.Id, organisation.Version + 1);
    }

    public async Task<Organisation?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT Id, Name, Region, Segment, CreatedUtc, Version FROM Organisations WHERE Id = @Id;
            SELECT OrganisationId, Domain FROM OrganisationDomains WHERE OrganisationId = @Id ORDER BY Domain;
            """;
        return (await QueryAsync(sql, new { Id = id }, cancellationToken)).SingleOrDefault();
    }

    public Task<Organisation?> GetRecentAsync(int id, CancellationToken cancellationToken = default) =>
        cache is null ? GetAsync(id, cancellationToken) : cache.GetAsync(id, () => GetAsync(id, cancellationToken));

    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT Id, Name, Region, Segment, CreatedUtc, Version FROM Organisations ORDER BY Name, Id;
            SELECT OrganisationId, Domain FROM OrganisationDomains ORDER BY Domain;
            """;
        return await QueryAsync(sql, null, cancellationToken);
    }

    public async Task<Organisation?> FindByEmailDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (OrganisationPlacement.IsPublicMailDomain(domain))
        {
            // Listed before the rule refused it, a public provider's domain still places no one.
            return null;
        }

        const string sql = """
            SELECT o.Id, o.Name, o.Region, o.Segment, o.CreatedUtc, o.Version
            FROM Organisations o INNER JOIN OrganisationDomains d ON d.OrganisationId = o.Id
            WHERE d.Domain = @Domain;
            SELECT all_d.OrganisationId, all_d.Domain
            FROM OrganisationDomains all_d INNER JOIN OrganisationDomains d ON d.OrganisationId = all_d.OrganisationId
            WHERE d.Domain = @Domain
            ORDER BY all_d.Domain;
            """;
        return (await QueryAsync(sql, new { Domain = OrganisationPlacement.NormaliseDomain(domain) }, cancellationToken)).SingleOrDefault();
    }

    private async Task<IReadOnlyList<Organisation>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<OrganisationRow>()).AsList();
        var domains = (await results.ReadAsync<DomainRow>()).ToLookup(d => d.OrganisationId, d => d.Domain);
        return rows.Select(row => row.ToOrganisation(domains[row.Id].ToList())).ToList();
    }

    /// <summary>Inserts the domains for the organisation; a result when one belongs to another organisation.</summary>
    private static async Task<OrganisationSaveResult?> SaveDomainsAsync(
        DbConnection connection, DbTransaction transaction, int organisationId, List<string> domains, CancellationToken cancellationToken)
    {
        if (domains.Count == 0)
        {
            return null;
        }

        const string findTaken = """
            SELECT Domain FROM OrganisationDomains WHERE Domain IN @Domains AND OrganisationId <> @OrganisationId ORDER BY Domain
            """;
        const string insert = """
            INSERT INTO OrganisationDomains (Domain, OrganisationId) VALUES (@Domain, @OrganisationId)
            """;
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            findTaken, new { Domains = domains, OrganisationId = organisationId }, transaction, cancellationToken: cancellationToken))).AsList();
        if (taken.Count > 0)
        {
            return OrganisationSaveResult.DomainsTaken(taken);
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                insert,
                domains.Select(domain => new { Domain = domain, OrganisationId = organisationId }).ToList(),
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another organisation claimed one of them after the check above.
            return OrganisationSaveResult.DomainsTaken(domains);
        }

        return null;
    }

    private static List<string> NormaliseDomains(IEnumerable<string> domains) =>
        domains.Select(OrganisationPlacement.NormaliseDomain).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private sealed record OrganisationRow
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
        public string Segment { get; init; } = "";
        public DateTime CreatedUtc { get; init; }
        public int Version { get; init; }

        public Organisation ToOrganisation(IReadOnlyList<string> domains) => new()
        {
            Id = Id,
            Name = Name,
            Region = Enum.Parse<Region>(Region),
            Segment = Enum.Parse<CustomerSegment>(Segment),
            EmailDomains = domains,
            CreatedUtc = CreatedUtc,
            Version = Version,
        };
    }

    private sealed record DomainRow
    {
        public int OrganisationId { get; init; }
        public string Domain { get; init; } = "";
    }
}
