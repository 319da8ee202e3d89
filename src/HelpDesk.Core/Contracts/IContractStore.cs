using HelpDesk.Core.Audit;

namespace HelpDesk.Core.Contracts;

/// <summary>Plans, holiday calendars and contracts. Updates are optimistic by <c>Version</c> and return null when stale.</summary>
public interface IContractStore
{
    Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken cancellationToken = default);

    Task<Plan?> GetPlanAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Inserts (Id 0) or updates the plan with its SLA targets; null when stale or the code is taken.</summary>
    Task<Plan?> SavePlanAsync(Plan plan, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SavePlanAsync(Plan, CancellationToken)"/>, writing the manager's audit line in the same transaction.</summary>
    Task<Plan?> SavePlanAsync(Plan plan, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HolidayCalendar>> ListCalendarsAsync(CancellationToken cancellationToken = default);

    Task<HolidayCalendar?> GetCalendarAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Inserts (Id 0) or updates the calendar and its days; null when stale or the name is taken.</summary>
    Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SaveCalendarAsync(HolidayCalendar, CancellationToken)"/>, writing the manager's audit line in the same transaction.</summary>
    Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Every contract, newest start first; only one organisation's when <paramref name="organisationId"/> is set.</summary>
    Task<IReadOnlyList<Contract>> ListContractsAsync(int? organisationId = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the contract list, filtered and paged in the query (see <see cref="ContractListQuery"/>).</summary>
    Task<ContractListPage> ListContractPageAsync(ContractListQuery query, CancellationToken cancellationToken = default);

    Task<Contract?> GetContractAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Inserts (Id 0) or updates the contract with its products; null when stale.</summary>
    Task<Contract?> SaveContractAsync(Contract contract, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="SaveContractAsync(Contract, CancellationToken)"/>, writing <paramref name="audit"/> in the same
    /// transaction; a new contract's line gets its id.
    /// </summary>
    Task<Contract?> SaveContractAsync(Contract contract, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts new contracts (Id 0) with their products and audit lines in one transaction: all of them or none.
    /// The results are in the order given.
    /// </summary>
    Task<IReadOnlyList<Contract>> CreateContractsAsync(IReadOnlyList<(Contract Contract, ManageAuditEntry Audit)> contracts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels or reinstates the contract if its stored version is still <paramref name="version"/>, with the audit
    /// line, in one transaction. Null when stale or gone.
    /// </summary>
    Task<Contract?> SetStatusAsync(int contractId, int version, ContractStatus status, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Ids of the open tickets (neither resolved nor closed) judged under the contract, oldest first.</summary>
    Task<IReadOnlyList<int>> ListOpenTicketsAsync(int contractId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The incidents used under the contract: its tickets that hold one (judged <c>Entitled</c> on a known product,
    /// and not given back). A contract is one term (a renewal is a new contract), so this is the term's count.
    /// </summary>
    Task<int> CountIncidentsAsync(int contractId, CancellationToken cancellationToken = default);

    /// <summary>Every incident the contract's tickets took, those given back included, oldest first.</summary>
    Task<IReadOnlyList<IncidentUse>> ListIncidentsAsync(int contractId, CancellationToken cancellationToken = default);
}

/// <summary>
/// One incident of a contract: the ticket that took it and when, and, once given back (the ticket turned out not to
/// be an incident), when, by whom and why.
/// </summary>
public sealed record IncidentUse
{
    public int TicketId { get; init; }
    public string TicketNumber => Tickets.TicketNumber.Format(TicketId);
    public string Subject { get; init; } = "";
    public DateTime UsedUtc { get; init; }
    public DateTime? ReturnedUtc { get; init; }
    public string? ReturnedByName { get; init; }
    public string? ReturnReason { get; init; }
    public bool GivenBack => ReturnedUtc is not null;
}
