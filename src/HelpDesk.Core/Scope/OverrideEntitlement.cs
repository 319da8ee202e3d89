using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Scope;

public sealed record OverrideEntitlementRequest(TicketActor Actor, int TicketId, Verdict Verdict, string? Reason, int? ExpectedVersion);

/// <summary>
/// An engineer overrides the verdict in force with a reason. The intake decision is kept beside the override, and
/// the audit trail records both verdicts and the reason. Turning a verdict into Entitled is goodwill.
/// </summary>
public sealed class OverrideEntitlement(ITicketStore tickets, TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result<Ticket>> HandleAsync(OverrideEntitlementRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff)
        {
            return Result<Ticket>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var errors = new List<FieldError>();
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors.Add(new("reason", "Say why you are overriding the verdict; the customer's account team will read it."));
        }
        else if (reason.Length > ReasonMaxLength)
        {
            errors.Add(new("reason", $"Keep the reason under {ReasonMaxLength:N0} characters."));
        }

        if (!Enum.IsDefined(request.Verdict))
        {
            errors.Add(new("verdict", "Choose one of the verdicts."));
        }

        if (errors.Count > 0)
        {
            return Result<Ticket>.Invalid(errors);
        }

        var loaded = await TicketChanges.LoadAsync(tickets, request.TicketId, request.Actor, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var ticket = loaded.Value!;
        if (TicketChanges.CheckVersion(ticket, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }

        var inForce = ticket.Verdict;
        if (inForce == request.Verdict)
        {
            return Result<Ticket>.Invalid("verdict", $"The verdict is already {request.Verdict}; choose a different one to override it.");
        }

        var now = clock.UtcNow();
        var changed = ticket with
        {
            Override = new EntitlementOverride(request.Verdict, reason, request.Actor.UserId ?? 0, now),
            UpdatedUtc = now,
        };
        return await TicketChanges.SaveAsync(
            tickets,
            new TicketUpdate(changed, request.Actor.UserId, [new AuditChange("entitlement", inForce?.ToString(), $"{request.Verdict}: {reason}")], now),
            cancellationToken);
    }
}
