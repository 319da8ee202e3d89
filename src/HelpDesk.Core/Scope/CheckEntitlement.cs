using HelpDesk.Core.Contracts;
using HelpDesk.Core.Sla;

namespace HelpDesk.Core.Scope;

/// <summary>
/// A decision with the SLA due times it sets: the first response whenever the decision carries SLA targets, the
/// resolution only when the request is entitled and its product known (a provisional decision has none). <see cref="ProductName"/> is the catalogue's name for the
/// product the customer named, when the catalogue knows it.
/// </summary>
public sealed record EntitlementCheck(EntitlementDecision Decision, DateTime? FirstResponseDueUtc, DateTime? ResolveDueUtc)
{
    public string? ProductName { get; init; }

    /// <summary>When the first response target has used the at-risk share of its support time.</summary>
    public DateTime? FirstResponseAtRiskUtc { get; init; }

    /// <summary>When the resolution target has used the at-risk share of its support time.</summary>
    public DateTime? ResolveAtRiskUtc { get; init; }
}

/// <summary>
/// Judges a request as intake would, without filing anything: loads the facts, decides, and counts the due times
/// in the chosen contract's support hours (the plan's, in the contract's time zone and holidays when it sets them)
/// from the moment of the request. The portal's preview and the intake
/// step both call it. The at-risk times are counted the same way, at <see cref="SlaSettings.AtRiskPercent"/> of each target.
/// </summary>
public sealed class CheckEntitlement(IEntitlementFactsSource facts, SlaSettings? slaSettings = null)
{
    private readonly SlaSettings _sla = slaSettings ?? new SlaSettings();

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

        var hours = contract.Hours;
        var holidays = contract.Holidays.Select(h => h.Day).ToHashSet();
        var firstResponse = SupportCalendar.AddSupportMinutes(request.AtUtc, sla.FirstResponseMinutes, hours, holidays);
        DateTime? resolve = decision.Verdict == Verdict.Entitled && !decision.NeedsClassification
            ? SupportCalendar.AddSupportMinutes(request.AtUtc, sla.ResolveMinutes, hours, holidays)
            : null;
        var atRisk = SlaClock.AtRiskTimes(
            request.AtUtc,
            sla.FirstResponseMinutes,
            resolve is null ? null : sla.ResolveMinutes,
            new SlaCalendar(hours, holidays),
            _sla.AtRiskPercent);
        return new(decision, firstResponse, resolve)
        {
            ProductName = loaded.Product?.Name,
            FirstResponseAtRiskUtc = atRisk.FirstResponseUtc,
            ResolveAtRiskUtc = atRisk.ResolveUtc,
        };
    }
}
