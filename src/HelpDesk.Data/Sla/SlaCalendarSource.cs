using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Sla;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Sla;

/// <summary>
/// The support hours and holidays a contract's SLA is counted in (its plan's hours, in the contract's own time zone
/// and holiday calendar when it sets them; see <see cref="ContractSupportHours"/>), read when a paused SLA clock
/// resumes and for every acknowledgement (its due times are given in the contract's support time zone). With
/// <see cref="EntitlementFactsCache"/> each contract's calendar is kept as long as the other entitlement facts: the
/// contract store drops it whenever a contract, plan or holiday calendar is saved, and another node's change applies
/// within the cache's lifetime.
/// </summary>
public sealed class SlaCalendarSource(IDbConnectionFactory connections, EntitlementFactsCache? cache = null) : ISlaCalendarSource
{
    private const string Sql = $"""
        SELECT {PlanColumns} FROM Plans pl JOIN Contracts c ON c.PlanId = pl.Id WHERE c.Id = @ContractId;
        SELECT {ContractColumns} FROM Contracts c WHERE c.Id = @ContractId;
        SELECT h.CalendarId, h.Day, h.Name
        FROM Holidays h
        JOIN Contracts c ON h.CalendarId = COALESCE(c.HolidayCalendarId, (SELECT pl.HolidayCalendarId FROM Plans pl WHERE pl.Id = c.PlanId))
        WHERE c.Id = @ContractId;
        """;

    public Task<SlaCalendar?> ForContractAsync(int contractId, CancellationToken cancellationToken = default) =>
        cache is null
            ? LoadAsync(contractId, cancellationToken)
            : cache.CalendarAsync(contractId, () => LoadAsync(contractId, cancellationToken));

    private async Task<SlaCalendar?> LoadAsync(int contractId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { ContractId = contractId }, cancellationToken: cancellationToken));
        var plan = await results.ReadSingleOrDefaultAsync<PlanRow>();
        var contract = await results.ReadSingleOrDefaultAsync<Contract>();
        var holidays = (await results.ReadAsync<HolidayRow>()).Select(h => h.Day).ToHashSet();
        return plan is null || contract is null ? null : new SlaCalendar(ContractSupportHours.Of(contract, plan.ToPlan([])), holidays);
    }
}
