using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Sla;

/// <summary>The worst state of a ticket's SLA targets still to meet. Stored as its name.</summary>
public enum SlaState
{
    /// <summary>On track, met, or no SLA applies.</summary>
    None,

    /// <summary>A target still to meet has used <see cref="SlaSettings.AtRiskPercent"/> of its time.</summary>
    AtRisk,

    /// <summary>A target's due time has passed without it being met.</summary>
    Breached,
}

/// <summary>The <c>Sla</c> section of the settings.</summary>
public sealed record SlaSettings
{
    /// <summary>A target is at risk once this share of its support time is used.</summary>
    public int AtRiskPercent { get; init; } = 75;

    /// <summary>The tier a breached severity-1 ticket is escalated to, one step at a time, at most.</summary>
    public bool EscalateBreachedCritical { get; init; } = true;

    /// <summary>How many tickets one monitor run looks at.</summary>
    public int BatchSize { get; init; } = 500;
}

/// <summary>The support hours and holidays an SLA is counted in: the plan of the ticket's contract.</summary>
public sealed record SlaCalendar(SupportHours Hours, IReadOnlySet<DateOnly> Holidays);

/// <summary>Finds the calendar of a contract's plan, to move due times when the clock pauses.</summary>
public interface ISlaCalendarSource
{
    Task<SlaCalendar?> ForContractAsync(int contractId, CancellationToken cancellationToken = default);
}
