using System.Globalization;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Economics;

/// <summary>How a period was chosen: a calendar month, quarter or year, or any run of days.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    Custom,
}

/// <summary>
/// The days a dashboard or the API adds up (<see cref="From"/> to <see cref="To"/>, both included) and the period it
/// is compared with, which has the same length and ends the day before: the previous months when the period is whole
/// calendar months, otherwise the same number of days.
/// </summary>
public sealed record ReportingPeriod(PeriodKind Kind, DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public string Label => Range(From, To);

    public string PreviousLabel => Range(PreviousFrom, PreviousTo);

    public EconomicsFilter Filter => new(From, To);

    public EconomicsFilter PreviousFilter => new(PreviousFrom, PreviousTo);

    private static string Range(DateOnly from, DateOnly to) => from == to
        ? Date(from)
        : $"{Date(from)} – {Date(to)}";

    private static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Chooses and checks reporting periods for pages and the API, with messages a person can act on.</summary>
public static class ReportingPeriods
{
    /// <summary>The longest period read at once; longer ones are refused rather than read slowly.</summary>
    public const int MaxYears = 5;

    public const string IsoDate = "yyyy-MM-dd";

    /// <summary>
    /// The month, quarter or year that contains <paramref name="on"/>, ending today when it is the current one (to
    /// date); a custom period runs from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public static Result<ReportingPeriod> Choose(PeriodKind kind, DateOnly on, DateOnly today, string? from = null, string? to = null)
    {
        if (kind == PeriodKind.Custom)
        {
            return Between(from, to);
        }

        var first = kind switch
        {
            PeriodKind.Month => new DateOnly(on.Year, on.Month, 1),
            PeriodKind.Quarter => new DateOnly(on.Year, ((on.Month - 1) / 3 * 3) + 1, 1),
            _ => new DateOnly(on.Year, 1, 1),
        };
        var last = kind switch
        {
            PeriodKind.Month => first.AddMonths(1).AddDays(-1),
            PeriodKind.Quarter => first.AddMonths(3).AddDays(-1),
            _ => first.AddYears(1).AddDays(-1),
        };
        if (today >= first && today < last)
        {
            last = today;
        }

        return Result<ReportingPeriod>.Ok(Of(kind, first, last));
    }

    /// <summary>The twelve months ending today, today included.</summary>
    public static ReportingPeriod LastTwelveMonths(DateOnly today) => Of(PeriodKind.Custom, today.AddMonths(-12).AddDays(1), today);

    /// <summary>The default: the current quarter to date.</summary>
    public static ReportingPeriod Default(DateOnly today) => Choose(PeriodKind.Quarter, today, today).Value!;

    /// <summary>
    /// A period given as two ISO dates (yyyy-MM-dd), both required, <paramref name="from"/> not after
    /// <paramref name="to"/>, and at most <see cref="MaxYears"/> years long.
    /// </summary>
    public static Result<ReportingPeriod> Between(string? from, string? to)
    {
        var errors = new List<FieldError>();
        var start = Parse(from, "from", "first", errors);
        var end = Parse(to, "to", "last", errors);
        if (start is { } s && end is { } e)
        {
            if (s > e)
            {
                errors.Add(new("from", $"The period starts on {s.ToString(IsoDate, CultureInfo.InvariantCulture)}, after it ends on {e.ToString(IsoDate, CultureInfo.InvariantCulture)}; swap the dates."));
            }
            else if (e > s.AddYears(MaxYears).AddDays(-1))
            {
                errors.Add(new("to", $"The period is longer than {MaxYears} years; choose a shorter one, or read it in parts."));
            }
        }

        return errors.Count > 0
            ? Result<ReportingPeriod>.Invalid(errors)
            : Result<ReportingPeriod>.Ok(Of(PeriodKind.Custom, start!.Value, end!.Value));
    }

    /// <summary>The period from <paramref name="from"/> to <paramref name="to"/> with the one before it of the same length.</summary>
    public static ReportingPeriod Of(PeriodKind kind, DateOnly from, DateOnly to)
    {
        if (from.Day == 1 && to.AddDays(1).Day == 1)
        {
            var months = ((to.Year * 12) + to.Month) - ((from.Year * 12) + from.Month) + 1;
            return new(kind, from, to, from.AddMonths(-months), from.AddDays(-1));
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return new(kind, from, to, from.AddDays(-days), from.AddDays(-1));
    }

    public static bool TryParseKind(string? text, out PeriodKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind);

    private static DateOnly? Parse(string? text, string field, string which, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, $"Give the {which} day of the period as {field}=yyyy-mm-dd."));
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), IsoDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new(field, $"'{text.Trim()}' is not a date; write the {which} day of the period as yyyy-mm-dd, such as 2026-01-31."));
            return null;
        }

        return day;
    }
}
