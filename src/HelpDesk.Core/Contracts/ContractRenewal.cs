namespace HelpDesk.Core.Contracts;

/// <summary>The contract that renews another: same organisation, plan, products, value, time zone and support calendar, for a term of the same length that starts the day after.</summary>
public static class ContractRenewal
{
    public static Contract Prefill(Contract old)
    {
        ArgumentNullException.ThrowIfNull(old);
        var startsOn = old.EndsOn.AddDays(1);
        return new Contract
        {
            OrganisationId = old.OrganisationId,
            PlanId = old.PlanId,
            ProductIds = old.ProductIds,
            StartsOn = startsOn,
            EndsOn = NextEnd(old, startsOn),
            TimeZone = old.TimeZone,
            SupportTimeZone = old.SupportTimeZone,
            HolidayCalendarId = old.HolidayCalendarId,
            ValueCents = old.ValueCents,
            RenewsContractId = old.Id,
            Status = ContractStatus.Active,
        };
    }

    // A term of whole months (1 Apr to 31 Mar) renews for the same months, whatever the leap years do to its
    // length in days; any other term renews for the same number of days.
    private static DateOnly NextEnd(Contract old, DateOnly startsOn)
    {
        var dayAfter = old.EndsOn.AddDays(1);
        var months = ((dayAfter.Year - old.StartsOn.Year) * 12) + dayAfter.Month - old.StartsOn.Month;
        if (months >= 1 && old.StartsOn.AddMonths(months) == dayAfter)
        {
            return startsOn.AddMonths(months).AddDays(-1);
        }

        return startsOn.AddDays(old.EndsOn.DayNumber - old.StartsOn.DayNumber);
    }
}
