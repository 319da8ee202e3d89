using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Scope;

/// <summary>
/// Loads a what-if in two round trips: the product's catalogue facts (releases, environments, published versions,
/// plans and holidays, shared with <see cref="EntitlementFactsSource"/> and its cache), then one batch with the
/// contracts covering the product, the period's tickets of the product with each one's labour cost summed from
/// <c>TicketDayFacts</c> (by its key), their customers with the value of their contracts, and the services on sale
/// with their offers' outcomes. Tickets are found by the catalogue's name of the product, which intake stores.
/// </summary>
public sealed class ScopeWhatIfSource(IDbConnectionFactory connections, EntitlementFactsCache? cache = null) : IScopeWhatIfSource
{
    private const string Covering = "SELECT cp.ContractId FROM ContractProducts cp WHERE cp.ProductId = @ProductId";

    private static readonly string Sql = $"""
        SELECT {ContractColumns} FROM Contracts c WHERE c.Status <> 'Cancelled' AND c.Id IN ({Covering}) ORDER BY c.StartsOn, c.Id;
        SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId IN ({Covering});
        SELECT t.Id, t.OrganisationId, t.ProductRelease, t.Environment, t.Category, t.ModifiedSource, t.Channel, t.Severity, t.CreatedUtc,
               (SELECT COALESCE(SUM(f.LabourCostCents), 0) FROM TicketDayFacts f WHERE f.TicketId = t.Id) AS LabourCostCents
        FROM Tickets t
        WHERE t.Product = @ProductName AND t.CreatedUtc >= @FromUtc AND t.CreatedUtc < @ToUtc AND t.DuplicateOfId IS NULL
        ORDER BY t.CreatedUtc, t.Id;
        SELECT o.Id, o.Name, o.Segment,
               (SELECT COALESCE(SUM(c.ValueCents), 0) FROM Contracts c WHERE c.OrganisationId = o.Id AND c.Status <> 'Cancelled' AND c.Id IN ({Covering})) AS ContractValueCents
        FROM Organisations o
        WHERE o.Id IN (SELECT c.OrganisationId FROM Contracts c WHERE c.Id IN ({Covering}));
        SELECT v.Id, v.OfferingId, v.Name, COALESCE(v.PriceCents, v.MediumCents, v.SmallCents, v.LargeCents, 0) AS PriceCents
        FROM OfferingVersions v JOIN Offerings o ON o.Id = v.OfferingId
        WHERE v.Status = 'Published' AND o.Status = 'Active' AND o.Kind = 'Service'
        ORDER BY v.Name, v.Id;
        SELECT vc.VersionId, vc.Category AS Value FROM OfferingVersionCategories vc JOIN OfferingVersions v ON v.Id = vc.VersionId WHERE v.Status = 'Published';
        SELECT vp.VersionId, vp.ProductId AS Value FROM OfferingVersionProducts vp JOIN OfferingVersions v ON v.Id = vp.VersionId WHERE v.Status = 'Published';
        SELECT v.OfferingId, f.Status, COUNT(*) AS Offers FROM Offers f JOIN OfferingVersions v ON v.Id = f.OfferingVersionId GROUP BY v.OfferingId, f.Status;
        """;

    public async Task<WhatIfInput> LoadAsync(Product product, ScopeOfSupport draft, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(draft);
        var catalogue = await new EntitlementFactsSource(connections, cache).CatalogueAsync(product.Code, cancellationToken);

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql,
            new { ProductId = product.Id, ProductName = product.Name, FromUtc = fromUtc, ToUtc = toUtc },
            cancellationToken: cancellationToken));
        var contracts = ToContracts(await results.ReadAsync<Contract>(), await results.ReadAsync<ContractProductRow>());
        var tickets = (await results.ReadAsync<TicketRow>()).Select(t => t.ToReplay(product.Code)).ToList();
        var customers = (await results.ReadAsync<CustomerRow>()).Select(c => new ReplayCustomer(c.Id, c.Name, Enum.Parse<CustomerSegment>(c.Segment), c.ContractValueCents)).ToList();
        var versions = (await results.ReadAsync<ServiceRow>()).AsList();
        var categories = (await results.ReadAsync<VersionValueRow<string>>()).ToLookup(r => r.VersionId, r => r.Value);
        var products = (await results.ReadAsync<VersionValueRow<int>>()).ToLookup(r => r.VersionId, r => r.Value);
        var outcomes = (await results.ReadAsync<OfferCountRow>()).ToLookup(r => r.OfferingId);

        return new WhatIfInput
        {
            Product = product,
            Draft = draft,
            PeriodStartUtc = fromUtc,
            Releases = catalogue.Releases,
            Environments = catalogue.Environments,
            PublishedScopes = catalogue.PublishedScopes,
            Contracts = contracts.Select(c => new ContractFacts(c, catalogue.Plans[c.PlanId], 0)).ToList(),
            Tickets = tickets,
            Customers = customers,
            Services = versions.Select(v => new ReplayService(
                v.Name,
                categories[v.Id].ToList(),
                products[v.Id].ToList(),
                v.PriceCents,
                OfferConversion.Of(outcomes[v.OfferingId].SelectMany(o => Enumerable.Repeat(Enum.Parse<OfferStatus>(o.Status), o.Offers))).Rate)).ToList(),
        };
    }

    private sealed record TicketRow
    {
        public int Id { get; init; }
        public int OrganisationId { get; init; }
        public string? ProductRelease { get; init; }
        public string? Environment { get; init; }
        public string? Category { get; init; }
        public bool ModifiedSource { get; init; }
        public string Channel { get; init; } = "";
        public int Severity { get; init; }
        public DateTime CreatedUtc { get; init; }
        public long LabourCostCents { get; init; }

        public ReplayTicket ToReplay(string productCode) => new(
            TicketNumber.Format(Id),
            new EntitlementRequest
            {
                OrganisationId = OrganisationId,
                Product = productCode,
                Release = ProductRelease,
                Environment = Environment,
                Category = Category,
                ModifiedSource = ModifiedSource,
                Channel = Enum.Parse<TicketChannel>(Channel),
                Severity = (Severity)Severity,
                AtUtc = DateTime.SpecifyKind(CreatedUtc, DateTimeKind.Utc),
            },
            LabourCostCents);
    }

    private sealed record CustomerRow
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Segment { get; init; } = "";
        public long ContractValueCents { get; init; }
    }

    private sealed record ServiceRow
    {
        public int Id { get; init; }
        public int OfferingId { get; init; }
        public string Name { get; init; } = "";
        public long PriceCents { get; init; }
    }

    private sealed record VersionValueRow<T>
    {
        public int VersionId { get; init; }
        public T Value { get; init; } = default!;
    }

    private sealed record OfferCountRow
    {
        public int OfferingId { get; init; }
        public string Status { get; init; } = "";
        public int Offers { get; init; }
    }
}
