namespace HelpDesk.Core.Contracts;

/// <summary>
/// Which support hours and holidays an SLA under a contract is counted in: the plan's opening hours and days, read in
/// the contract's support time zone when it sets one, and the contract's holiday calendar when it sets one; otherwise
/// the plan's. A plan counted around the clock is the same everywhere, so a contract's zone does not change it.
/// </summary>
public static class ContractSupportHours
{
    public static SupportHours Of(Contract contract, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Of(contract.SupportTimeZone, plan);
    }

    /// <summary>The same rule from a contract's support time zone alone, as the stored contract row holds it.</summary>
    public static SupportHours Of(string? supportTimeZone, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Hours.AroundTheClock || string.IsNullOrWhiteSpace(supportTimeZone)
            ? plan.Hours
            : plan.Hours with { TimeZone = supportTimeZone.Trim() };
    }

    /// <summary>The id of the holiday calendar that applies; null when neither the contract nor the plan has one.</summary>
    public static int? HolidayCalendarOf(Contract contract, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return HolidayCalendarOf(contract.HolidayCalendarId, plan);
    }

    /// <summary>The same rule from a contract's own holiday calendar id alone.</summary>
    public static int? HolidayCalendarOf(int? contractCalendarId, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return contractCalendarId ?? plan.HolidayCalendarId;
    }

    /// <summary>Whether the contract's own time zone decides the hours (the plan keeps business hours and the contract sets a zone).</summary>
    public static bool InContractZone(Contract contract, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(plan);
        return !plan.Hours.AroundTheClock && !string.IsNullOrWhiteSpace(contract.SupportTimeZone);
    }
}
