using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Scope;

/// <summary>
/// A decision with the SLA due times it sets: the first response whenever the decision carries SLA targets, the
/// resolution only when the request is entitled. <see cref="ProductName"/> is the catalogue's name for the
/// product the customer named, when the catalogue knows it.
/// </summary>
public sealed record EntitlementCheck(EntitlementDecision Decision, DateTime? FirstResponseDueUtc, DateTime? ResolveDueUtc)
{
    public string? ProductName { get; init; }
}

/// <summary>
/// Judges a request as intake would, without filing anything: loads the facts, decides, and counts the due times
/// in the chosen contract's support hours from the moment of the request. The portal's preview and the intake
/// step both call it.
/// </summary>
public sealed class CheckEntitlement(IEntitlementFactsSource facts)
{
    public async Task<EntitlementCheck> CheckAsync(EntitlementRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await facts.LoadAsync(request.OrganisationId, request.Product, ct);
        var decision = EntitlementEngine.Decide(request, loaded);
        var contract = decision.ContractId is int id ? loaded.Contracts.FirstOrDefault(c => c.Contract.Id == id) : null;
        if (decision.Sla is not { } sla || contract is null)
        {
            return new(decision, null, null) { ProductName = loaded.Product?.Name };
        }

        var hours = contract.Plan.Hours;
        var holidays = contract.Holidays.Select(h => h.Day).ToHashSet();
        var firstResponse = SupportCalendar.AddSupportMinutes(request.AtUtc, sla.FirstResponseMinutes, hours, holidays);
        DateTime? resolve = decision.Verdict == Verdict.Entitled
            ? SupportCalendar.AddSupportMinutes(request.AtUtc, sla.ResolveMinutes, hours, holidays)
            : null;
        return new(decision, firstResponse, resolve) { ProductName = loaded.Product?.Name };
    }
}
