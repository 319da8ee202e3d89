using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Contracts;

/// <summary>
/// Taking and giving back a contract's incidents, inside the transaction of the ticket change that does it. The
/// count on the contract moves only by conditional statements, so it is exact whatever runs at the same time on
/// either engine: a take succeeds only below the plan's allowance (the row's lock makes a second writer wait and
/// then see the new count), a give-back only for the incident the ticket still holds.
/// </summary>
internal static class IncidentRows
{
    /// <summary>False, changing nothing, when the contract's incidents are used up (or it does not exist).</summary>
    public static async Task<bool> TakeAsync(DbConnection connection, DbTransaction transaction, int contractId, int ticketId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // A plan with no allowance (unlimited) still counts what is used; incidents bought in packs add to the plan's.
        const string take = """
            UPDATE Contracts
            SET IncidentsUsed = IncidentsUsed + 1
            WHERE Id = @ContractId
              AND IncidentsUsed < COALESCE((SELECT pl.IncidentAllowance FROM Plans pl WHERE pl.Id = Contracts.PlanId) + Contracts.IncidentsBought, 2147483647)
            """;
        const string record = """
            INSERT INTO ContractIncidents (ContractId, TicketId, UsedUtc) VALUES (@ContractId, @TicketId, @NowUtc)
            """;
        var taken = await SqliteRowStatement.ExecuteAsync(connection, transaction, take, new { ContractId = contractId }, cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        // The unique index on the incidents not given back refuses a second one for the same ticket.
        await SqliteRowStatement.ExecuteAsync(connection, transaction, record, new { ContractId = contractId, TicketId = ticketId, NowUtc = nowUtc }, cancellationToken);
        return true;
    }

    /// <summary>Gives back the incident the ticket holds; the contract it came from, or null when it held none.</summary>
    public static async Task<int?> GiveBackAsync(DbConnection connection, DbTransaction transaction, int ticketId, int? actorId, string reason, DateTime nowUtc, CancellationToken cancellationToken)
    {
        const string held = "SELECT ci.Id, ci.ContractId FROM ContractIncidents ci WHERE ci.TicketId = @TicketId AND ci.ReturnedUtc IS NULL";
        const string giveBack = """
            UPDATE ContractIncidents
            SET ReturnedUtc = @NowUtc, ReturnedById = @ActorId, ReturnReason = @Reason
            WHERE Id = @Id AND ReturnedUtc IS NULL
            """;
        const string count = "UPDATE Contracts SET IncidentsUsed = IncidentsUsed - 1 WHERE Id = @ContractId AND IncidentsUsed > 0";
        var incident = await connection.QuerySingleOrDefaultAsync<HeldIncident>(new CommandDefinition(held, new { TicketId = ticketId }, transaction, cancellationToken: cancellationToken));
        if (incident is null)
        {
            return null;
        }

        var returned = await connection.ExecuteAsync(new CommandDefinition(
            giveBack, new { incident.Id, NowUtc = nowUtc, ActorId = actorId, Reason = Clip(reason) }, transaction, cancellationToken: cancellationToken));
        if (returned == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(count, new { incident.ContractId }, transaction, cancellationToken: cancellationToken));
        return incident.ContractId;
    }

    private static string Clip(string value) => value.Length > 1000 ? value[..1000] : value;

    private sealed record HeldIncident
    {
        public int Id { get; init; }
        public int ContractId { get; init; }
    }
}
