using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Scope;

/// <summary>
/// The intake step that judges every new ticket, whatever channel it came by: it stores the verdict with its
/// reasons and the scope version, the SLA due and at-risk times with the monitor's first check, the catalogue's
/// own name for the product, and whether the ticket needs classification (no product the catalogue knows).
/// </summary>
public sealed class JudgeEntitlement(CheckEntitlement check) : ITicketIntakeStep
{
    public async Task<Ticket> ApplyAsync(Ticket draft, FileTicketRequest request, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var result = await check.CheckAsync(
            new EntitlementRequest
            {
                OrganisationId = draft.OrganisationId,
                Product = draft.Product,
                Release = draft.ProductRelease,
                Environment = draft.Environment,
                Category = draft.Category,
                ModifiedSource = draft.ModifiedSource,
                Channel = draft.Channel,
                Severity = draft.Severity,
                AtUtc = nowUtc,
            },
            cancellationToken);
        return SlaClock.Schedule(
            draft with
            {
                Product = result.ProductName ?? draft.Product,
                Entitlement = result.Decision,
                FirstResponseDueUtc = result.FirstResponseDueUtc,
                ResolveDueUtc = result.ResolveDueUtc,
                FirstResponseAtRiskUtc = result.FirstResponseAtRiskUtc,
                ResolveAtRiskUtc = result.ResolveAtRiskUtc,
                NeedsClassification = result.Decision.NeedsClassification,
            },
            nowUtc);
    }
}
