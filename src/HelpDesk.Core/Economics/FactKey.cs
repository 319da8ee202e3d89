using System.Globalization;

namespace HelpDesk.Core.Economics;

/// <summary>
/// One cell of the daily facts: a day and the four levels the P&amp;L is read at. A ticket without a contract or a
/// product the catalogue knows counts under 0, so every figure still lands in exactly one cell.
/// </summary>
public readonly record struct FactKey(DateOnly Day, int OrganisationId, int ContractId, int ProductId, string Region)
{
    /// <summary>The day as stored: ISO yyyy-MM-dd, which sorts and groups as text on both engines.</summary>
    public string DayKey => ToDayKey(Day);

    public static string ToDayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly FromDayKey(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The month of a day as the monthly facts store it: ISO yyyy-MM.</summary>
    public static string ToMonthKey(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
