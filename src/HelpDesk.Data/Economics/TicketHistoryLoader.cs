using System.Data.Common;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Economics;

/// <summary>
/// Builds the <see cref="TicketHistory"/> of a batch of tickets with one round trip of set-based queries (never one
/// per ticket): the ticket and its organisation's region, status changes from the audit trail, staff public replies,
/// time entries with each engineer's sourcing, rates and price per case, ratings, offers, and the support hours of the
/// contract's plan, which turn the first response and resolution times into business minutes.
/// </summary>
internal static class TicketHistoryLoader
{
    /// <summary>The tickets one round trip loads.</summary>
    public const int MaxTickets = 1000;

    // Each query names its tickets with /*tickets*/: an IN list for a batch of changes, an id range for the rebuild.
    private const string Sql = $"""
        SELECT t.Id, t.OrganisationId, t.ContractId, t.Product, t.CreatedUtc, t.Verdict, t.OverrideVerdict, o.Region,
               t.FirstResponseUtc, t.FirstResponseDueUtc, t.FirstResponseMet, t.ResolvedUtc, t.ResolveDueUtc, t.ResolveMet
        FROM Tickets t JOIN Organisations o ON o.Id = t.OrganisationId
        WHERE t.Id /*tickets*/;
        SELECT a.TicketId, a.OldValue, a.NewValue, a.CreatedUtc
        FROM TicketAudit a
        WHERE a.Field = 'status' AND a.TicketId /*tickets*/
        ORDER BY a.TicketId, a.Id;
        SELECT m.TicketId, COUNT(*) AS Replies
        FROM TicketMessages m
        WHERE m.Kind = 'Reply' AND m.TicketId /*tickets*/
          AND m.AuthorId IN (SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName IN ('ENGINEER', 'MANAGER', 'ADMIN'))
        GROUP BY m.TicketId;
        SELECT e.Id, e.TicketId, e.EngineerId, e.Minutes, e.WorkDate, p.Sourcing, p.Supplier, p.PricePerCaseCents
        FROM TimeEntries e LEFT JOIN EngineerProfiles p ON p.UserId = e.EngineerId
        WHERE e.TicketId /*tickets*/
        ORDER BY e.TicketId, e.Id;
        SELECT r.UserId, r.EffectiveFrom, r.HourlyCents
        FROM EngineerRates r
        WHERE r.UserId IN (SELECT e.EngineerId FROM TimeEntries e WHERE e.TicketId /*tickets*/);
        SELECT g.TicketId, g.Score, g.CreatedUtc FROM TicketRatings g WHERE g.TicketId /*tickets*/;
        SELECT f.TicketId, f.SentUtc, a.AcceptedUtc
        FROM Offers f LEFT JOIN OfferAcceptances a ON a.OfferId = f.Id
        WHERE f.TicketId /*tickets*/;
        SELECT c.Id AS ContractId, c.PlanId, c.SupportTimeZone, c.HolidayCalendarId
        FROM Contracts c WHERE c.Id IN (SELECT t.ContractId FROM Tickets t WHERE t.Id /*tickets*/);
        SELECT {PlanColumns} FROM Plans pl
        WHERE pl.Id IN (SELECT c.PlanId FROM Contracts c WHERE c.Id IN (SELECT t.ContractId FROM Tickets t WHERE t.Id /*tickets*/));
        SELECT h.CalendarId, h.Day, h.Name FROM Holidays h
        WHERE h.CalendarId IN (
            SELECT COALESCE(c.HolidayCalendarId, pl.HolidayCalendarId) FROM Plans pl JOIN Contracts c ON c.PlanId = pl.Id
            WHERE c.Id IN (SELECT t.ContractId FROM Tickets t WHERE t.Id /*tickets*/));
        SELECT p.Id, p.Code, p.Name FROM Products p;
        """;

    private static readonly string SqliteByIds = ByIdsIn(SqlDialect.Sqlite);

    private static readonly string SqlServerByIds = ByIdsIn(SqlDialect.SqlServer);

    private static readonly string ByRange = Sql.Replace("/*tickets*/", "BETWEEN @First AND @Last", StringComparison.Ordinal);

    public static async Task<IReadOnlyList<TicketHistory>> LoadAsync(DbConnection connection, SqlDialect dialect, IReadOnlyList<int> ticketIds, CancellationToken cancellationToken)
    {
        var byIds = dialect == SqlDialect.Sqlite ? SqliteByIds : SqlServerByIds;
        var histories = new List<TicketHistory>(ticketIds.Count);
        foreach (var chunk in ticketIds.Distinct().Chunk(MaxTickets))
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(byIds, new { Ids = SqlDialect.IdsJson(chunk) }, cancellationToken: cancellationToken));
            await ReadAsync(results, histories);
        }

        return histories;
    }

    /// <summary>
    /// Every ticket with an id from <paramref name="firstId"/> to <paramref name="lastId"/>: one range scan per table
    /// along its ticket index, whatever the number of tickets, which is what a full rebuild reads.
    /// </summary>
    public static async Task<IReadOnlyList<TicketHistory>> LoadRangeAsync(DbConnection connection, int firstId, int lastId, CancellationToken cancellationToken)
    {
        var histories = new List<TicketHistory>(Math.Max(0, lastId - firstId + 1));
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ByRange, new { First = firstId, Last = lastId }, cancellationToken: cancellationToken, commandTimeout: 0));
        await ReadAsync(results, histories);
        return histories;
    }

    private static string ByIdsIn(SqlDialect dialect) => Sql.Replace("/*tickets*/", "IN " + dialect.IdList("Ids"), StringComparison.Ordinal);

    private static async Task ReadAsync(SqlMapper.GridReader results, List<TicketHistory> histories)
    {
        var tickets = (await results.ReadAsync<TicketRow>()).ToList();
        var statuses = (await results.ReadAsync<StatusRow>()).ToLookup(s => s.TicketId);
        var replies = (await results.ReadAsync<ReplyRow>()).ToDictionary(r => r.TicketId, r => r.Replies);
        var entries = (await results.ReadAsync<EntryRow>()).ToLookup(e => e.TicketId);
        var rates = (await results.ReadAsync<RateRow>()).ToLookup(r => r.UserId, r => new CostRate(r.EffectiveFrom, r.HourlyCents));
        var ratings = (await results.ReadAsync<RatingRow>()).ToLookup(r => r.TicketId);
        var offers = (await results.ReadAsync<OfferRow>()).ToLookup(o => o.TicketId);
        var contractPlans = (await results.ReadAsync<ContractPlanRow>()).ToList();
        var plans = (await results.ReadAsync<PlanRow>()).ToDictionary(p => p.Id);
        var holidays = (await results.ReadAsync<HolidayRow>()).ToLookup(h => h.CalendarId, h => h.Day);
        var products = new ProductMatcher(await results.ReadAsync<ProductRow>());
        // The hours and holidays an SLA under the contract is counted in, as entitlement counts them: the contract's own
        // support time zone and holiday calendar where it sets them, else the plan's.
        var calendars = contractPlans.Where(c => plans.ContainsKey(c.PlanId)).ToDictionary(
            c => c.ContractId,
            c =>
            {
                var plan = plans[c.PlanId].ToPlan([]);
                return (Hours: ContractSupportHours.Of(c.SupportTimeZone, plan),
                        Holidays: (IReadOnlyCollection<DateOnly>)(ContractSupportHours.HolidayCalendarOf(c.HolidayCalendarId, plan) is int calendar ? holidays[calendar].ToHashSet() : []));
            });
        var costings = new Dictionary<int, EngineerCosting>();
        EngineerCosting CostingOf(EntryRow e)
        {
            if (!costings.TryGetValue(e.EngineerId, out var costing))
            {
                costing = e.Sourcing == nameof(Sourcing.Supplier)
                    ? EngineerCosting.OfSupplier(e.Supplier ?? $"engineer {e.EngineerId}", e.PricePerCaseCents ?? 0)
                    : new EngineerCosting(Sourcing.InHouse, [.. rates[e.EngineerId]], null, null);
                costings[e.EngineerId] = costing;
            }

            return costing;
        }

        foreach (var t in tickets)
        {
            long? Business(DateTime? reached) =>
                reached is { } at && t.ContractId is int contract && calendars.TryGetValue(contract, out var calendar)
                    ? SupportCalendar.SupportMinutesBetween(t.CreatedUtc, at, calendar.Hours, calendar.Holidays)
                    : null;

            histories.Add(new TicketHistory
            {
                TicketId = t.Id,
                OrganisationId = t.OrganisationId,
                ContractId = t.ContractId ?? 0,
                ProductId = products.IdOf(t.Product),
                Region = t.Region,
                CreatedUtc = t.CreatedUtc,
                IntakeVerdict = ParseVerdict(t.Verdict),
                OverrideVerdict = ParseVerdict(t.OverrideVerdict),
                StatusChanges = [.. statuses[t.Id].Select(s => new StatusChange(s.CreatedUtc, ParseStatus(s.OldValue), ParseStatus(s.NewValue)))],
                StaffReplies = replies.GetValueOrDefault(t.Id),
                TimeEntries = [.. entries[t.Id].Select(e => new WorkEntry(e.EngineerId, e.Minutes, e.WorkDate, CostingOf(e)) { EntryId = e.Id })],
                FirstResponse = Outcome(t.FirstResponseDueUtc, t.FirstResponseUtc, t.FirstResponseMet, Business(t.FirstResponseUtc)),
                Resolution = Outcome(t.ResolveDueUtc, t.ResolvedUtc, t.ResolveMet, Business(t.ResolvedUtc)),
                Ratings = [.. ratings[t.Id].Select(r => new Rating(r.Score, r.CreatedUtc))],
                Offers = [.. offers[t.Id].Select(o => new OfferEvent(o.SentUtc, o.AcceptedUtc))],
            });
        }
    }

    private static SlaOutcome? Outcome(DateTime? dueUtc, DateTime? reachedUtc, bool? met, long? businessMinutes) =>
        dueUtc is null && reachedUtc is null ? null : new SlaOutcome(dueUtc, reachedUtc, met, businessMinutes);

    private static Verdict? ParseVerdict(string? text) => Enum.TryParse<Verdict>(text, ignoreCase: true, out var verdict) ? verdict : null;

    // A status the audit trail names that this version no longer knows counts as Open: it was neither resolved nor closed.
    private static TicketStatus ParseStatus(string? text) => Enum.TryParse<TicketStatus>(text, ignoreCase: true, out var status) ? status : TicketStatus.Open;

    /// <summary>A ticket names its product as typed or chosen: the catalogue's code first, else its name, as entitlement matches it.</summary>
    private sealed class ProductMatcher(IEnumerable<ProductRow> products)
    {
        private readonly List<ProductRow> _products = [.. products.OrderBy(p => p.Id)];

        public int IdOf(string? product)
        {
            var named = product?.Trim();
            if (string.IsNullOrEmpty(named))
            {
                return 0;
            }

            return (_products.FirstOrDefault(p => string.Equals(p.Code, named, StringComparison.OrdinalIgnoreCase))
                ?? _products.FirstOrDefault(p => string.Equals(p.Name, named, StringComparison.OrdinalIgnoreCase)))?.Id ?? 0;
        }
    }

    private sealed record TicketRow
    {
        public int Id { get; init; }
        public int OrganisationId { get; init; }
        public int? ContractId { get; init; }
        public string? Product { get; init; }
        public DateTime CreatedUtc { get; init; }
        public string? Verdict { get; init; }
        public string? OverrideVerdict { get; init; }
        public string Region { get; init; } = "";
        public DateTime? FirstResponseUtc { get; init; }
        public DateTime? FirstResponseDueUtc { get; init; }
        public bool? FirstResponseMet { get; init; }
        public DateTime? ResolvedUtc { get; init; }
        public DateTime? ResolveDueUtc { get; init; }
        public bool? ResolveMet { get; init; }
    }

    private sealed record StatusRow
    {
        public int TicketId { get; init; }
        public string? OldValue { get; init; }
        public string? NewValue { get; init; }
        public DateTime CreatedUtc { get; init; }
    }

    private sealed record ReplyRow
    {
        public int TicketId { get; init; }
        public int Replies { get; init; }
    }

    private sealed record EntryRow
    {
        public int Id { get; init; }
        public int TicketId { get; init; }
        public int EngineerId { get; init; }
        public long Minutes { get; init; }
        public DateOnly WorkDate { get; init; }
        public string? Sourcing { get; init; }
        public string? Supplier { get; init; }
        public long? PricePerCaseCents { get; init; }
    }

    private sealed record RateRow
    {
        public int UserId { get; init; }
        public DateOnly EffectiveFrom { get; init; }
        public long HourlyCents { get; init; }
    }

    private sealed record RatingRow
    {
        public int TicketId { get; init; }
        public int Score { get; init; }
        public DateTime CreatedUtc { get; init; }
    }

    private sealed record OfferRow
    {
        public int TicketId { get; init; }
        public DateTime SentUtc { get; init; }
        public DateTime? AcceptedUtc { get; init; }
    }

    private sealed record ContractPlanRow
    {
        public int ContractId { get; init; }
        public int PlanId { get; init; }
        public string? SupportTimeZone { get; init; }
        public int? HolidayCalendarId { get; init; }
    }

    private sealed record ProductRow
    {
        public int Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
    }
}
