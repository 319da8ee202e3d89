using System.Data.Common;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Contracts;

namespace HelpDesk.Data.Tickets;

/// <summary>The incidents a ticket takes and gives back, in the transaction of the change that does it.</summary>
public sealed partial class TicketStore
{
    /// <summary>
    /// A new ticket whose decision uses an incident takes one of its contract's; when another ticket took the last one
    /// first, the filing is undone and the caller judges the ticket again.
    /// </summary>
    private static async Task<int?> TakeIncidentAsync(DbConnection connection, DbTransaction transaction, NewTicket ticket, int ticketId, CancellationToken cancellationToken)
    {
        if (ticket.Ticket.Entitlement is not { } decision || !decision.UsesIncident() || ticket.Ticket.NotAnIncidentReason is not null)
        {
            return null;
        }

        var contractId = decision.ContractId!.Value;
        if (!await IncidentRows.TakeAsync(connection, transaction, contractId, ticketId, ticket.NowUtc, cancellationToken))
        {
            // The write that throws is undone by the transaction around it (a savepoint when filings share one).
            throw new IncidentAllowanceUsedException(contractId);
        }

        return contractId;
    }

    /// <summary>Gives back and takes incidents as the update says; the contract whose incident the ticket then holds.</summary>
    private static async Task<int?> MoveIncidentAsync(DbConnection connection, DbTransaction transaction, TicketUpdate update, CancellationToken cancellationToken)
    {
        var ticket = update.Ticket;
        if (update.Incident is not { } move)
        {
            return ticket.IncidentContractId;
        }

        var holds = ticket.IncidentContractId;
        if (move.GiveBackReason is { } why)
        {
            // Nothing happens when the ticket holds none any more: an incident is never given back twice.
            await IncidentRows.GiveBackAsync(connection, transaction, ticket.Id, update.ActorId, why, update.NowUtc, cancellationToken);
            holds = null;
        }

        if (move.TakeFromContractId is int contractId)
        {
            if (!await IncidentRows.TakeAsync(connection, transaction, contractId, ticket.Id, update.NowUtc, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new IncidentAllowanceUsedException(contractId);
            }

            holds = contractId;
        }

        return holds;
    }
}
