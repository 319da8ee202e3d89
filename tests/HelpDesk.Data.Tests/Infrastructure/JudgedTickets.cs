using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tests.Infrastructure;

/// <summary>Tickets saved through the ticket store with a verdict already given, as intake saves them.</summary>
public static class JudgedTickets
{
    public static EntitlementDecision Decision(Verdict verdict, int contractId, string? productCode = "ledger") => new()
    {
        Verdict = verdict,
        Reasons = [new EntitlementReason("Judged for a test.")],
        ProductCode = productCode,
        ContractId = contractId,
        ContractNumber = Contract.FormatNumber(contractId),
        NeedsClassification = productCode is null,
    };

    public static async Task<Ticket> CreateAsync(IDbConnectionFactory connections, int organisationId, int requesterId, EntitlementDecision? decision, DateTime nowUtc, string subject = "Help")
    {
        var ticket = new Ticket
        {
            OrganisationId = organisationId,
            RequesterId = requesterId,
            Subject = subject,
            Channel = TicketChannel.Web,
            Product = decision?.ProductCode,
            Severity = Severity.Normal,
            Status = TicketStatus.New,
            Entitlement = decision,
            NeedsClassification = decision?.NeedsClassification ?? false,
            CreatedUtc = nowUtc,
            UpdatedUtc = nowUtc,
        };
        return await TestStores.Tickets(connections).CreateAsync(
            new NewTicket(ticket, new NewMessage(requesterId, MessageKind.Reply, MessageBody.FromPlainText("Please.")), _ => [], nowUtc));
    }
}
