using System.Data.Common;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Data.Contracts;

/// <summary>
/// The rows of plans, targets, holidays and contracts as stored, and their conversion to the Core records,
/// shared by the store and the entitlement facts. Channels and days are stored as comma-separated names.
/// </summary>
internal static class ContractRows
{
    public const string PlanColumns = """
        pl.Id, pl.Code, pl.Name, pl.Description, pl.ListPriceCents, pl.IncidentAllowance, pl.Channels, pl.AroundTheClock,
        pl.TimeZone, pl.OpensMinute, pl.ClosesMinute, pl.Days, pl.HolidayCalendarId, pl.Version
        """;

    public const string TargetColumns = "st.PlanId, st.Severity, st.FirstResponseMinutes, st.ResolveMinutes";

    public const string ContractColumns = """
        c.Id, c.OrganisationId, c.PlanId, c.StartsOn, c.EndsOn, c.TimeZone, c.ValueCents, c.RenewsContractId, c.Status,
        c.CreatedUtc, c.Version, c.SupportTimeZone, c.HolidayCalendarId, c.IncidentsBought
        """;

    public static string FormatChannels(SupportChannels channels) =>
        string.Join(",", Enum.GetValues<SupportChannels>().Where(c => c != SupportChannels.None && channels.HasFlag(c)));

    public static SupportChannels ParseChannels(string text) =>
        Split(text).Aggregate(SupportChannels.None, (all, name) => all | Enum.Parse<SupportChannels>(name, ignoreCase: true));

    public static string FormatDays(IEnumerable<DayOfWeek> days) => string.Join(",", days.Distinct());

    public static List<DayOfWeek> ParseDays(string text) => Split(text).Select(name => Enum.Parse<DayOfWeek>(name, ignoreCase: true)).ToList();

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static List<Plan> ToPlans(IEnumerable<PlanRow> plans, IEnumerable<TargetRow> targets)
    {
        var byPlan = targets.ToLookup(t => t.PlanId, t => new SlaTarget((Severity)t.Severity, t.FirstResponseMinutes, t.ResolveMinutes));
        return plans.Select(p => p.ToPlan(byPlan[p.Id].OrderBy(t => t.Severity).ToList())).ToList();
    }

    /// <summary>
    /// Contracts with their products from <paramref name="sql"/>: a query of <see cref="ContractColumns"/>, then one of
    /// their <c>ContractId, ProductId</c> rows; on the caller's connection, in its transaction when given.
    /// </summary>
    public static async Task<List<Contract>> ReadContractsAsync(DbConnection connection, DbTransaction? transaction, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        var contracts = await results.ReadAsync<Contract>();
        var products = await results.ReadAsync<ContractProductRow>();
        return ToContracts(contracts, products);
    }

    /// <summary>One contract with its products; null when there is none.</summary>
    public static async Task<Contract?> ReadContractAsync(DbConnection connection, DbTransaction? transaction, int id, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT {ContractColumns} FROM Contracts c WHERE c.Id = @Id;
            SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp WHERE cp.ContractId = @Id;
            """;
        return (await ReadContractsAsync(connection, transaction, sql, new { Id = id }, cancellationToken)).SingleOrDefault();
    }

    public static List<Contract> ToContracts(IEnumerable<Contract> contracts, IEnumerable<ContractProductRow> products)
    {
        var byContract = products.ToLookup(p => p.ContractId, p => p.ProductId);
        return contracts.Select(c => c with { ProductIds = byContract[c.Id].Order().ToList() }).ToList();
    }

    internal sealed record PlanRow
    {
        public int Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public long ListPriceCents { get; init; }
        public int? IncidentAllowance { get; init; }
        public string Channels { get; init; } = "";
        public bool AroundTheClock { get; init; }
        public string TimeZone { get; init; } = "UTC";
        public int OpensMinute { get; init; }
        public int ClosesMinute { get; init; }
        public string Days { get; init; } = "";
        public int? HolidayCalendarId { get; init; }
        public int Version { get; init; }

        public Plan ToPlan(IReadOnlyList<SlaTarget> targets) => new()
        {
            Id = Id,
            Code = Code,
            Name = Name,
            Description = Description,
            ListPriceCents = ListPriceCents,
            IncidentAllowance = IncidentAllowance,
            Channels = ParseChannels(Channels),
            Hours = new SupportHours
            {
                AroundTheClock = AroundTheClock,
                TimeZone = TimeZone,
                OpensMinute = OpensMinute,
                ClosesMinute = ClosesMinute,
                Days = ParseDays(Days),
            },
            HolidayCalendarId = HolidayCalendarId,
            Targets = targets,
            Version = Version,
        };
    }

    internal sealed record TargetRow
    {
        public int PlanId { get; init; }
        public int Severity { get; init; }
        public int FirstResponseMinutes { get; init; }
        public int ResolveMinutes { get; init; }
    }

    internal sealed record HolidayRow
    {
        public int CalendarId { get; init; }
        public DateOnly Day { get; init; }
        public string Name { get; init; } = "";
    }

    internal sealed record ContractProductRow
    {
        public int ContractId { get; init; }
        public int ProductId { get; init; }
    }
}
