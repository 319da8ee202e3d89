using Dapper;
using HelpDesk.Core.Economics;

namespace HelpDesk.Data.Economics;

/// <summary>
/// The WHERE clause of an economics read, each condition written beside the parameter it binds so the two cannot
/// drift apart. The day range, when it applies, is the second column of every level's index.
/// </summary>
internal sealed class FactFilter
{
    private readonly List<string> _conditions = [];

    public DynamicParameters Parameters { get; } = new();

    public string Sql => string.Join(" AND ", _conditions);

    public static FactFilter For(EconomicsFilter filter, string alias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new FactFilter();
        where.Add($"{alias}.Day >= @From", "From", FactKey.ToDayKey(filter.From));
        where.Add($"{alias}.Day <= @To", "To", FactKey.ToDayKey(filter.To));
        where.AddKeys(filter, alias);
        return where;
    }

    /// <summary>The filter's organisation, product, contract and region without its days: empty when it names none.</summary>
    public static FactFilter Keys(EconomicsFilter filter, string alias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new FactFilter();
        where.AddKeys(filter, alias);
        return where;
    }

    private void AddKeys(EconomicsFilter filter, string alias)
    {
        if (filter.OrganisationId is int organisation)
        {
            Add($"{alias}.OrganisationId = @OrganisationId", "OrganisationId", organisation);
        }

        if (filter.ContractId is int contract)
        {
            Add($"{alias}.ContractId = @ContractId", "ContractId", contract);
        }

        if (filter.ProductId is int product)
        {
            Add($"{alias}.ProductId = @ProductId", "ProductId", product);
        }

        if (filter.Region is { Length: > 0 } region)
        {
            Add($"{alias}.Region = @Region", "Region", region);
        }
    }

    private void Add(string condition, string name, object value)
    {
        _conditions.Add(condition);
        Parameters.Add(name, value);
    }
}

/// <summary>Sums over no rows come back as NULL; this reads them as zero.</summary>
internal sealed record NullableSums
{
    public long? TicketsOpened { get; init; }
    public long? TicketsResolved { get; init; }
    public long? TicketsClosed { get; init; }
    public long? FirstContactResolutions { get; init; }
    public long? MinutesWorked { get; init; }
    public long? LabourCostCents { get; init; }
    public long? GoodwillCostCents { get; init; }
    public long? SupportRevenueCents { get; init; }
    public long? ServicesRevenueCents { get; init; }
    public long? FirstResponseMet { get; init; }
    public long? FirstResponseMissed { get; init; }
    public long? ResolveMet { get; init; }
    public long? ResolveMissed { get; init; }
    public long? FirstResponseCount { get; init; }
    public long? FirstResponseWallMinutes { get; init; }
    public long? FirstResponseBusinessMinutes { get; init; }
    public long? ResolveCount { get; init; }
    public long? ResolveWallMinutes { get; init; }
    public long? ResolveBusinessMinutes { get; init; }
    public long? CsatSum { get; init; }
    public long? CsatCount { get; init; }
    public long? Csat1 { get; init; }
    public long? Csat2 { get; init; }
    public long? Csat3 { get; init; }
    public long? Csat4 { get; init; }
    public long? Csat5 { get; init; }
    public long? NpsPromoters { get; init; }
    public long? NpsPassives { get; init; }
    public long? NpsDetractors { get; init; }
    public long? OutOfScopeTickets { get; init; }
    public long? OffersSent { get; init; }
    public long? OffersAccepted { get; init; }

    public Measures ToMeasures() => new()
    {
        TicketsOpened = TicketsOpened ?? 0,
        TicketsResolved = TicketsResolved ?? 0,
        TicketsClosed = TicketsClosed ?? 0,
        FirstContactResolutions = FirstContactResolutions ?? 0,
        MinutesWorked = MinutesWorked ?? 0,
        LabourCostCents = LabourCostCents ?? 0,
        GoodwillCostCents = GoodwillCostCents ?? 0,
        SupportRevenueCents = SupportRevenueCents ?? 0,
        ServicesRevenueCents = ServicesRevenueCents ?? 0,
        FirstResponseMet = FirstResponseMet ?? 0,
        FirstResponseMissed = FirstResponseMissed ?? 0,
        ResolveMet = ResolveMet ?? 0,
        ResolveMissed = ResolveMissed ?? 0,
        FirstResponseCount = FirstResponseCount ?? 0,
        FirstResponseWallMinutes = FirstResponseWallMinutes ?? 0,
        FirstResponseBusinessMinutes = FirstResponseBusinessMinutes ?? 0,
        ResolveCount = ResolveCount ?? 0,
        ResolveWallMinutes = ResolveWallMinutes ?? 0,
        ResolveBusinessMinutes = ResolveBusinessMinutes ?? 0,
        CsatSum = CsatSum ?? 0,
        CsatCount = CsatCount ?? 0,
        Csat1 = Csat1 ?? 0,
        Csat2 = Csat2 ?? 0,
        Csat3 = Csat3 ?? 0,
        Csat4 = Csat4 ?? 0,
        Csat5 = Csat5 ?? 0,
        NpsPromoters = NpsPromoters ?? 0,
        NpsPassives = NpsPassives ?? 0,
        NpsDetractors = NpsDetractors ?? 0,
        OutOfScopeTickets = OutOfScopeTickets ?? 0,
        OffersSent = OffersSent ?? 0,
        OffersAccepted = OffersAccepted ?? 0,
    };
}
