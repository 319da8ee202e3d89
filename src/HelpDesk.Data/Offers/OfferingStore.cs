using System.Data.Common;
using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Offers.OfferRows;

namespace HelpDesk.Data.Offers;

/// <summary>
/// The services catalogue. A version's content is written only while it is a draft: every UPDATE of it carries
/// <c>Status = 'Draft'</c> and its <c>Version</c>, so a published version cannot change whatever the caller sends.
/// </summary>
public sealed class OfferingStore(IDbConnectionFactory connections) : IOfferingStore
{
    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {OfferingColumns} FROM Offerings o ORDER BY o.Code;
            SELECT {VersionColumns} FROM OfferingVersions v ORDER BY v.Number DESC;
            SELECT c.VersionId, c.Category FROM OfferingVersionCategories c;
            SELECT p.VersionId, p.ProductId FROM OfferingVersionProducts p;
            SELECT f.OfferingVersionId, COUNT(*) AS Offers FROM Offers f GROUP BY f.OfferingVersionId;
            """;
        return await QueryAsync(sql, null, cancellationToken);
    }

    public async Task<CatalogueEntry?> GetAsync(int offeringId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {OfferingColumns} FROM Offerings o WHERE o.Id = @Id;
            SELECT {VersionColumns} FROM OfferingVersions v WHERE v.OfferingId = @Id ORDER BY v.Number DESC;
            SELECT c.VersionId, c.Category FROM OfferingVersionCategories c JOIN OfferingVersions v ON v.Id = c.VersionId WHERE v.OfferingId = @Id;
            SELECT p.VersionId, p.ProductId FROM OfferingVersionProducts p JOIN OfferingVersions v ON v.Id = p.VersionId WHERE v.OfferingId = @Id;
            SELECT f.OfferingVersionId, COUNT(*) AS Offers
            FROM Offers f JOIN OfferingVersions v ON v.Id = f.OfferingVersionId
            WHERE v.OfferingId = @Id
            GROUP BY f.OfferingVersionId;
            """;
        return (await QueryAsync(sql, new { Id = offeringId }, cancellationToken)).SingleOrDefault();
    }

    public async Task<OfferingVersion?> GetVersionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {VersionColumns} FROM OfferingVersions v WHERE v.Id = @Id;
            SELECT c.VersionId, c.Category FROM OfferingVersionCategories c WHERE c.VersionId = @Id;
            SELECT p.VersionId, p.ProductId FROM OfferingVersionProducts p WHERE p.VersionId = @Id;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Id = versionId }, cancellationToken: cancellationToken));
        var version = await results.ReadSingleOrDefaultAsync<OfferingVersion>();
        var categories = await results.ReadAsync<VersionCategoryRow>();
        var products = await results.ReadAsync<VersionProductRow>();
        return version is null ? null : WithChildren(version, categories.ToLookup(c => c.VersionId, c => c.Category), products.ToLookup(p => p.VersionId, p => p.ProductId));
    }

    public async Task<CatalogueEntry?> CreateAsync(Offering offering, OfferingVersion draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(draft);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Offerings (Code, Kind, Status, CreatedUtc, Version) VALUES (@Code, @Kind, @Status, @CreatedUtc, 1)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int id;
        try
        {
            id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                insert,
                new { Code = offering.Code.Trim().ToLowerInvariant(), Kind = offering.Kind.ToString(), Status = offering.Status.ToString(), offering.CreatedUtc },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }

        await InsertVersionAsync(connection, transaction, draft with { OfferingId = id, Number = 1, Status = OfferingVersionStatus.Draft }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<OfferingVersion?> SaveDraftAsync(OfferingVersion draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int id;
        if (draft.Id == 0)
        {
            try
            {
                id = await InsertVersionAsync(connection, transaction, draft with { Status = OfferingVersionStatus.Draft }, cancellationToken);
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // The offering already has a draft, or someone took this number first.
                return null;
            }
        }
        else
        {
            const string update = """
                UPDATE OfferingVersions
                SET Name = @Name, Summary = @Summary, PricingKind = @PricingKind, PriceCents = @PriceCents,
                    SmallCents = @SmallCents, SmallDefinition = @SmallDefinition, MediumCents = @MediumCents,
                    MediumDefinition = @MediumDefinition, LargeCents = @LargeCents, LargeDefinition = @LargeDefinition,
                    DeliveryDays = @DeliveryDays, Incidents = @Incidents, PlanId = @PlanId, TermsMarkdown = @TermsMarkdown,
                    Version = Version + 1
                WHERE Id = @Id AND Version = @Version AND Status = 'Draft'
                """;
            if (await connection.ExecuteAsync(new CommandDefinition(update, VersionParameters(draft), transaction, cancellationToken: cancellationToken)) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            id = draft.Id;
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM OfferingVersionCategories WHERE VersionId = @Id; DELETE FROM OfferingVersionProducts WHERE VersionId = @Id;",
                new { Id = id },
                transaction,
                cancellationToken: cancellationToken));
            await InsertChildrenAsync(connection, transaction, id, draft, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await GetVersionAsync(id, cancellationToken);
    }

    public async Task<OfferingVersion?> PublishAsync(int versionId, int version, int publishedById, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // The draft first: it is the conditional write that decides; superseding the old version follows in the same
        // transaction, before the draft becomes Published, since an offering has at most one published version.
        const string claim = """
            UPDATE OfferingVersions SET Version = Version + 1
            WHERE Id = @Id AND Version = @Version AND Status = 'Draft'
            """;
        const string supersede = """
            UPDATE OfferingVersions SET Status = 'Superseded', Version = Version + 1
            WHERE OfferingId = (SELECT d.OfferingId FROM OfferingVersions d WHERE d.Id = @Id) AND Status = 'Published'
            """;
        const string publish = """
            UPDATE OfferingVersions SET Status = 'Published', PublishedUtc = @Now, PublishedById = @By WHERE Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { Id = versionId, Version = version, Now = nowUtc, By = publishedById };
        if (await connection.ExecuteAsync(new CommandDefinition(claim, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(supersede, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(publish, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return await GetVersionAsync(versionId, cancellationToken);
    }

    public async Task<Offering?> SetStatusAsync(int offeringId, int version, OfferingStatus status, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE Offerings SET Status = @Status, Version = Version + 1 WHERE Id = @Id AND Version = @Version";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = offeringId, Version = version, Status = status.ToString() }, cancellationToken: cancellationToken));
        return rows == 0 ? null : (await GetAsync(offeringId, cancellationToken))?.Offering;
    }

    private async Task<int> InsertVersionAsync(DbConnection connection, DbTransaction transaction, OfferingVersion draft, CancellationToken cancellationToken)
    {
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO OfferingVersions (OfferingId, Number, Status, Name, Summary, PricingKind, PriceCents, SmallCents,
                                          SmallDefinition, MediumCents, MediumDefinition, LargeCents, LargeDefinition,
                                          DeliveryDays, Incidents, PlanId, TermsMarkdown, CreatedUtc, Version)
            VALUES (@OfferingId, @Number, @Status, @Name, @Summary, @PricingKind, @PriceCents, @SmallCents,
                    @SmallDefinition, @MediumCents, @MediumDefinition, @LargeCents, @LargeDefinition,
                    @DeliveryDays, @Incidents, @PlanId, @TermsMarkdown, @CreatedUtc, 1)
            """);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, VersionParameters(draft), transaction, cancellationToken: cancellationToken));
        await InsertChildrenAsync(connection, transaction, id, draft, cancellationToken);
        return id;
    }

    private static async Task InsertChildrenAsync(DbConnection connection, DbTransaction transaction, int versionId, OfferingVersion draft, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO OfferingVersionCategories (VersionId, Category) VALUES (@VersionId, @Category)",
            draft.Categories.Distinct(StringComparer.OrdinalIgnoreCase).Select(c => new { VersionId = versionId, Category = c }),
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO OfferingVersionProducts (VersionId, ProductId) VALUES (@VersionId, @ProductId)",
            draft.ProductIds.Distinct().Select(p => new { VersionId = versionId, ProductId = p }),
            transaction,
            cancellationToken: cancellationToken));
    }

    private static object VersionParameters(OfferingVersion v) => new
    {
        v.Id,
        v.OfferingId,
        v.Number,
        Status = v.Status.ToString(),
        v.Name,
        v.Summary,
        PricingKind = v.PricingKind.ToString(),
        v.PriceCents,
        v.SmallCents,
        v.SmallDefinition,
        v.MediumCents,
        v.MediumDefinition,
        v.LargeCents,
        v.LargeDefinition,
        v.DeliveryDays,
        v.Incidents,
        v.PlanId,
        v.TermsMarkdown,
        v.CreatedUtc,
        v.Version,
    };

    private async Task<IReadOnlyList<CatalogueEntry>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var offerings = (await results.ReadAsync<Offering>()).AsList();
        var versions = (await results.ReadAsync<OfferingVersion>()).AsList();
        var categories = (await results.ReadAsync<VersionCategoryRow>()).ToLookup(c => c.VersionId, c => c.Category);
        var products = (await results.ReadAsync<VersionProductRow>()).ToLookup(p => p.VersionId, p => p.ProductId);
        var offers = (await results.ReadAsync<OffersPerVersionRow>()).ToDictionary(r => r.OfferingVersionId, r => r.Offers);
        var byOffering = versions.Select(v => WithChildren(v, categories, products)).ToLookup(v => v.OfferingId);
        return offerings
            .Select(o => new CatalogueEntry(o, [.. byOffering[o.Id]])
            {
                OffersByVersion = byOffering[o.Id].ToDictionary(v => v.Id, v => offers.GetValueOrDefault(v.Id)),
            })
            .ToList();
    }

    private static OfferingVersion WithChildren(OfferingVersion version, ILookup<int, string> categories, ILookup<int, int> products) =>
        version with
        {
            Categories = [.. categories[version.Id].OrderBy(c => Core.Scope.RequestCategories.All.ToList().FindIndex(a => a.Code == c))],
            ProductIds = [.. products[version.Id].Order()],
        };
}
