using System.Data.Common;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Webhooks;
using static HelpDesk.Data.Contracts.ContractRows;

namespace HelpDesk.Data.Contracts;

/// <summary>
/// Plans, holiday calendars and contracts. Every change of a contract queues its <c>contract.changed</c> webhook
/// deliveries in its own transaction; <paramref name="webhooks"/>, when given, wakes the sender after it commits.
/// </summary>
public sealed partial class ContractStore(
    IDbConnectionFactory connections, TimeProvider? clock = null, EntitlementFactsCache? factsCache = null, IWebhookSignal? webhooks = null) : IContractStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {PlanColumns} FROM Plans pl ORDER BY pl.ListPriceCents, pl.Name, pl.Id;
            SELECT {TargetColumns} FROM PlanSlaTargets st;
            """;
        return await QueryPlansAsync(sql, null, cancellationToken);
    }

    public async Task<Plan?> GetPlanAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {PlanColumns} FROM Plans pl WHERE pl.Id = @Id;
            SELECT {TargetColumns} FROM PlanSlaTargets st WHERE st.PlanId = @Id;
            """;
        return (await QueryPlansAsync(sql, new { Id = id }, cancellationToken)).SingleOrDefault();
    }

    private async Task<Plan?> SavePlanCoreAsync(Plan plan, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone,
                               OpensMinute, ClosesMinute, Days, HolidayCalendarId, Version)
            VALUES (@Code, @Name, @Description, @ListPriceCents, @IncidentAllowance, @Channels, @AroundTheClock, @TimeZone,
                    @OpensMinute, @ClosesMinute, @Days, @HolidayCalendarId, 1)
            """);
        const string update = """
            UPDATE Plans
            SET Code = @Code, Name = @Name, Description = @Description, ListPriceCents = @ListPriceCents,
                IncidentAllowance = @IncidentAllowance, Channels = @Channels, AroundTheClock = @AroundTheClock,
                TimeZone = @TimeZone, OpensMinute = @OpensMinute, ClosesMinute = @ClosesMinute, Days = @Days,
                HolidayCalendarId = @HolidayCalendarId, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        const string deleteTargets = "DELETE FROM PlanSlaTargets WHERE PlanId = @Id";
        const string insertTarget = """
            INSERT INTO PlanSlaTargets (PlanId, Severity, FirstResponseMinutes, ResolveMinutes)
            VALUES (@PlanId, @Severity, @FirstResponseMinutes, @ResolveMinutes)
            """;
        var saved = plan with
        {
            Code = plan.Code.Trim(),
            Name = plan.Name.Trim(),
            Hours = plan.Hours with { Days = plan.Hours.Days.Distinct().ToList() },
            Targets = plan.Targets.DistinctBy(t => t.Severity).OrderBy(t => t.Severity).ToList(),
        };
        var parameters = new
        {
            saved.Id,
            saved.Code,
            saved.Name,
            saved.Description,
            saved.ListPriceCents,
            saved.IncidentAllowance,
            Channels = FormatChannels(saved.Channels),
            saved.Hours.AroundTheClock,
            saved.Hours.TimeZone,
            saved.Hours.OpensMinute,
            saved.Hours.ClosesMinute,
            Days = FormatDays(saved.Hours.Days),
            saved.HolidayCalendarId,
            saved.Version,
        };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RowWrites.InsertOrUpdateAsync(connection, transaction, saved.Id, insert, update, parameters, cancellationToken) is not int id)
        {
            return null;
        }

        saved = saved with { Id = id, Version = saved.Id == 0 ? 1 : saved.Version + 1 };

        if (await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.PlanCode, saved.Code, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(deleteTargets, new { saved.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            insertTarget,
            saved.Targets.Select(t => new { PlanId = saved.Id, Severity = (int)t.Severity, t.FirstResponseMinutes, t.ResolveMinutes }),
            transaction,
            cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, audit, saved.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<IReadOnlyList<HolidayCalendar>> ListCalendarsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT hc.Id, hc.Name, hc.Version FROM HolidayCalendars hc ORDER BY hc.Name, hc.Id;
            SELECT h.CalendarId, h.Day, h.Name FROM Holidays h ORDER BY h.Day;
            """;
        return await QueryCalendarsAsync(sql, null, cancellationToken);
    }

    public async Task<HolidayCalendar?> GetCalendarAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT hc.Id, hc.Name, hc.Version FROM HolidayCalendars hc WHERE hc.Id = @Id;
            SELECT h.CalendarId, h.Day, h.Name FROM Holidays h WHERE h.CalendarId = @Id ORDER BY h.Day;
            """;
        return (await QueryCalendarsAsync(sql, new { Id = id }, cancellationToken)).SingleOrDefault();
    }

    private async Task<HolidayCalendar?> SaveCalendarCoreAsync(HolidayCalendar calendar, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO HolidayCalendars (Name, Version) VALUES (@Name, 1)
            """);
        const string update = """
            UPDATE HolidayCalendars SET Name = @Name, Version = Version + 1 WHERE Id = @Id AND Version = @Version
            """;
        const string deleteDays = "DELETE FROM Holidays WHERE CalendarId = @Id";
        const string insertDay = "INSERT INTO Holidays (CalendarId, Day, Name) VALUES (@CalendarId, @Day, @Name)";
        var saved = calendar with
        {
            Name = calendar.Name.Trim(),
            Days = calendar.Days.DistinctBy(d => d.Day).OrderBy(d => d.Day).ToList(),
        };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RowWrites.InsertOrUpdateAsync(connection, transaction, saved.Id, insert, update, new { saved.Id, saved.Name, saved.Version }, cancellationToken) is not int id)
        {
            return null;
        }

        saved = saved with { Id = id, Version = saved.Id == 0 ? 1 : saved.Version + 1 };

        if (await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.CalendarName, saved.Name, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(deleteDays, new { saved.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            insertDay,
            saved.Days.Select(d => new { CalendarId = saved.Id, d.Day, d.Name }),
            transaction,
            cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, audit, saved.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<IReadOnlyList<Contract>> ListContractsAsync(int? organisationId = null, CancellationToken cancellationToken = default)
    {
        var sql = organisationId is null
            ? $"""
              SELECT {ContractColumns} FROM Contracts c ORDER BY c.StartsOn DESC, c.Id DESC;
              SELECT cp.ContractId, cp.ProductId FROM ContractProducts cp;
              """
            : $"""
              SELECT {ContractColumns} FROM Contracts c WHERE c.OrganisationId = @OrganisationId ORDER BY c.StartsOn DESC, c.Id DESC;
              SELECT cp.ContractId, cp.ProductId
              FROM ContractProducts cp JOIN Contracts c ON c.Id = cp.ContractId
              WHERE c.OrganisationId = @OrganisationId;
              """;
        return await QueryContractsAsync(sql, new { OrganisationId = organisationId }, cancellationToken);
    }

    public async Task<Contract?> GetContractAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadContractAsync(connection, null, id, cancellationToken);
    }

    public Task<Contract?> SaveContractAsync(Contract contract, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SaveContractCoreAsync(contract, null, cancellationToken));

    public Task<Contract?> SaveContractAsync(Contract contract, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return InvalidatingAsync(SaveContractCoreAsync(contract, audit, cancellationToken));
    }

    private async Task<Contract?> SaveContractCoreAsync(Contract contract, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (saved, queued) = await WriteContractAsync(connection, transaction, contract, audit, cancellationToken);
        if (saved is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            WebhookQueue.Announce(webhooks, queued);
        }

        return saved;
    }

    public async Task<IReadOnlyList<Contract>> CreateContractsAsync(IReadOnlyList<(Contract Contract, ManageAuditEntry Audit)> contracts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        if (contracts.Any(c => c.Contract.Id != 0))
        {
            throw new ArgumentException("Only new contracts (id 0) are created together.", nameof(contracts));
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var saved = new List<Contract>();
        var queued = 0;
        foreach (var (contract, audit) in contracts)
        {
            var written = await WriteContractAsync(connection, transaction, contract, audit, cancellationToken);
            saved.Add(written.Saved!);
            queued += written.Queued;
        }

        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return saved;
    }

    /// <summary>
    /// Inserts or updates one contract with its products, audit line and webhook deliveries inside
    /// <paramref name="transaction"/>; the contract is null when stale. Queued counts the deliveries to announce after
    /// the commit.
    /// </summary>
    private async Task<(Contract? Saved, int Queued)> WriteContractAsync(DbConnection connection, DbTransaction transaction, Contract contract, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, SupportTimeZone, HolidayCalendarId, ValueCents,
                                   RenewsContractId, Status, IncidentsBought, CreatedUtc, UpdatedUtc, Version)
            VALUES (@OrganisationId, @PlanId, @StartsOn, @EndsOn, @TimeZone, @SupportTimeZone, @HolidayCalendarId, @ValueCents,
                    @RenewsContractId, @Status, @IncidentsBought, @CreatedUtc, @UpdatedUtc, 1)
            """);
        const string update = """
            UPDATE Contracts
            SET OrganisationId = @OrganisationId, PlanId = @PlanId, StartsOn = @StartsOn, EndsOn = @EndsOn,
                TimeZone = @TimeZone, SupportTimeZone = @SupportTimeZone, HolidayCalendarId = @HolidayCalendarId,
                ValueCents = @ValueCents, RenewsContractId = @RenewsContractId, Status = @Status,
                UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        const string deleteProducts = "DELETE FROM ContractProducts WHERE ContractId = @Id";
        const string insertProduct = "INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@ContractId, @ProductId)";
        var now = _clock.GetUtcNow().UtcDateTime;
        var saved = contract with
        {
            ProductIds = contract.ProductIds.Distinct().Order().ToList(),
            CreatedUtc = contract.CreatedUtc == default ? now : contract.CreatedUtc,
        };
        var parameters = new
        {
            saved.Id,
            saved.OrganisationId,
            saved.PlanId,
            saved.StartsOn,
            saved.EndsOn,
            saved.TimeZone,
            saved.SupportTimeZone,
            saved.HolidayCalendarId,
            saved.ValueCents,
            saved.RenewsContractId,
            Status = saved.Status.ToString(),
            saved.IncidentsBought,
            saved.CreatedUtc,
            UpdatedUtc = now,
            saved.Version,
        };

        if (await RowWrites.InsertOrUpdateAsync(connection, transaction, saved.Id, insert, update, parameters, cancellationToken) is not int id)
        {
            return (null, 0);
        }

        saved = saved with { Id = id, Version = saved.Id == 0 ? 1 : saved.Version + 1 };

        await connection.ExecuteAsync(new CommandDefinition(deleteProducts, new { saved.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            insertProduct,
            saved.ProductIds.Select(productId => new { ContractId = saved.Id, ProductId = productId }),
            transaction,
            cancellationToken: cancellationToken));
        if (audit is not null)
        {
            await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId: saved.Id);
        }

        var queued = await WebhookQueue.QueueContractAsync(connection, transaction, connections.Dialect, saved.Id, now, cancellationToken);
        return (saved, queued);
    }

    public async Task<Contract?> SetStatusAsync(int contractId, int version, ContractStatus status, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        const string update = """
            UPDATE Contracts SET Status = @Status, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            update,
            new { Id = contractId, Version = version, Status = status.ToString(), UpdatedUtc = now },
            transaction,
            cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId: contractId);
        var queued = await WebhookQueue.QueueContractAsync(connection, transaction, connections.Dialect, contractId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WebhookQueue.Announce(webhooks, queued);
        return await GetContractAsync(contractId, cancellationToken);
    }

    public async Task<IReadOnlyList<int>> ListOpenTicketsAsync(int contractId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT t.Id FROM Tickets t
            WHERE t.ContractId = @ContractId AND t.Status NOT IN ('Resolved', 'Closed')
            ORDER BY t.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(sql, new { ContractId = contractId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<int> CountIncidentsAsync(int contractId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT c.IncidentsUsed FROM Contracts c WHERE c.Id = @ContractId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { ContractId = contractId }, cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IReadOnlyList<IncidentUse>> ListIncidentsAsync(int contractId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ci.TicketId, t.Subject, ci.UsedUtc, ci.ReturnedUtc, u.DisplayName AS ReturnedByName, ci.ReturnReason
            FROM ContractIncidents ci
            JOIN Tickets t ON t.Id = ci.TicketId
            LEFT JOIN Users u ON u.Id = ci.ReturnedById
            WHERE ci.ContractId = @ContractId
            ORDER BY ci.UsedUtc, ci.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IncidentUse>(new CommandDefinition(sql, new { ContractId = contractId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<IReadOnlyList<Plan>> QueryPlansAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var plans = await results.ReadAsync<PlanRow>();
        var targets = await results.ReadAsync<TargetRow>();
        return ToPlans(plans, targets);
    }

    private async Task<IReadOnlyList<HolidayCalendar>> QueryCalendarsAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var calendars = (await results.ReadAsync<CalendarRow>()).AsList();
        var days = (await results.ReadAsync<HolidayRow>()).ToLookup(d => d.CalendarId, d => new Holiday(d.Day, d.Name));
        return calendars.Select(c => new HolidayCalendar { Id = c.Id, Name = c.Name, Version = c.Version, Days = days[c.Id].ToList() }).ToList();
    }

    private async Task<IReadOnlyList<Contract>> QueryContractsAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadContractsAsync(connection, null, sql, parameters, cancellationToken);
    }

    private sealed record CalendarRow
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public int Version { get; init; }
    }

    public Task<Plan?> SavePlanAsync(Plan plan, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SavePlanCoreAsync(plan, null, cancellationToken));

    public Task<Plan?> SavePlanAsync(Plan plan, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return InvalidatingAsync(SavePlanCoreAsync(plan, audit, cancellationToken));
    }

    public Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SaveCalendarCoreAsync(calendar, null, cancellationToken));

    public Task<HolidayCalendar?> SaveCalendarAsync(HolidayCalendar calendar, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return InvalidatingAsync(SaveCalendarCoreAsync(calendar, audit, cancellationToken));
    }

    /// <summary>The manager's line about a plan or calendar just written (a new one by the id it was given), when there is one.</summary>
    private static Task AuditAsync(DbConnection connection, DbTransaction transaction, ManageAuditEntry? audit, int subjectId, CancellationToken cancellationToken) =>
        audit is null ? Task.CompletedTask : ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId);

    /// <summary>Runs a write, then drops the cached entitlement facts, which it may have changed.</summary>
    private async Task<T> InvalidatingAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            factsCache?.Invalidate();
        }
    }
}
