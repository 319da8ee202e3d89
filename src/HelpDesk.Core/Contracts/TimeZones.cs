namespace HelpDesk.Core.Contracts;

/// <summary>Time zones as contracts and plans name them: IANA ids such as Europe/Berlin.</summary>
public static class TimeZones
{
    public static bool IsKnown(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The calendar date at <paramref name="utc"/> in the time zone; UTC's date when the zone is unknown.</summary>
    public static DateOnly DateIn(string timeZone, DateTime utc)
    {
        if (!IsKnown(timeZone))
        {
            return DateOnly.FromDateTime(utc);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone.Trim());
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
    }
}
