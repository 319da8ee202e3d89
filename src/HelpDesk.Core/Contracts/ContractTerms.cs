using System.Collections.Concurrent;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// A contract's term read in its own time zone: a contract ending on the 30th covers the whole of the 30th where
/// the customer is, whatever the date is in UTC at that moment.
/// </summary>
public static class ContractTerms
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>The time zone of an IANA id; an unknown or empty id is UTC, so a mistyped zone never stops intake.</summary>
    public static TimeZoneInfo ZoneOf(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return TimeZoneInfo.Utc;
        }

        return Zones.GetOrAdd(timeZone.Trim(), static id => TryFind(id) ?? TimeZoneInfo.Utc);
    }

    public static bool IsValidTimeZone(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TryFind(timeZone.Trim()) is not null;

    /// <summary>The calendar date at <paramref name="atUtc"/> in <paramref name="timeZone"/>.</summary>
    public static DateOnly LocalDate(DateTime atUtc, string? timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(atUtc), ZoneOf(timeZone)));

    public static DateOnly LocalDate(Contract contract, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return LocalDate(atUtc, contract.TimeZone);
    }

    public static bool HasStarted(Contract contract, DateTime atUtc) => LocalDate(contract, atUtc) >= contract.StartsOn;

    /// <summary>True once the last day of the term (<see cref="Contract.EndsOn"/>, included) is over in the contract's time zone.</summary>
    public static bool HasEnded(Contract contract, DateTime atUtc) => LocalDate(contract, atUtc) > contract.EndsOn;

    public static bool IsInTerm(Contract contract, DateTime atUtc)
    {
        var today = LocalDate(contract, atUtc);
        return today >= contract.StartsOn && today <= contract.EndsOn;
    }

    /// <param name="renewed">Whether a later contract renews this one; an ended contract is then Renewed rather than Expired.</param>
    public static ContractState StateOn(Contract contract, DateTime atUtc, bool renewed)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.Status == ContractStatus.Cancelled)
        {
            return ContractState.Cancelled;
        }

        if (contract.Status == ContractStatus.Pending)
        {
            return ContractState.Pending;
        }

        var today = LocalDate(contract, atUtc);
        if (today < contract.StartsOn)
        {
            return ContractState.Upcoming;
        }

        if (today <= contract.EndsOn)
        {
            return ContractState.Active;
        }

        return renewed ? ContractState.Renewed : ContractState.Expired;
    }

    internal static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
