using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Teaches Dapper that every <see cref="DateTime"/> in this database is UTC. SQLite stores times as ISO text
/// and SQL Server as datetime2 without a zone; both come back with <see cref="DateTimeKind.Utc"/>.
/// A <see cref="DateOnly"/> is a calendar day: TEXT <c>yyyy-MM-dd</c> in SQLite, DATE in SQL Server.
/// </summary>
public static class DapperConfiguration
{
    /// <summary>How Microsoft.Data.Sqlite writes a <see cref="DateTime"/> as text (invariant culture); every stored time compares as this text.</summary>
    public const string StoredTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private static int _configured;

    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.RemoveTypeMap(typeof(DateTime?));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        public override DateTime Parse(object value) => ToUtc(value);
    }

    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        // Stored as a UTC datetime, because SQLite has no offset type and the offset carries no meaning here.
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => new(ToUtc(value));
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        // Sent as ISO text, which SQLite stores as is (and so compares in date order) and SQL Server converts to DATE.
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString(IsoDate, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly day => day,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => TryParseStoredDay(text, out var day)
                ? day
                : DateOnly.ParseExact(text.Length > IsoDate.Length ? text[..IsoDate.Length] : text, IsoDate, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as a date."),
        };
    }

    private const string IsoDate = "yyyy-MM-dd";

    internal static DateTime ToUtc(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        string text => TryParseStored(text, out var utc)
            ? utc
            : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as a UTC time."),
    };

    private static readonly long[] FractionScale = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>
    /// A time in the form SQLite's driver stores one, <c>yyyy-MM-dd HH:mm:ss</c> (or with a <c>T</c>) and up to seven
    /// digits of a second's fraction, read as UTC digit by digit; false for any other text, which the general parser
    /// reads as before. The general parser took most of the time of reading a million tickets' times; this gives the
    /// same instant for every text it accepts.
    /// </summary>
    internal static bool TryParseStored(string text, out DateTime utc)
    {
        utc = default;
        var s = text.AsSpan();
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
        {
            return false;
        }

        if (!TryParseStoredDay(text, out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var fraction = 0;
        if (s.Length > 19 && !Digits(s[20..], out fraction))
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = s.Length > 19 ? fraction * FractionScale[s.Length - 21] : 0;
        utc = day.ToDateTime(new TimeOnly(hour, minute, second), DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    /// <summary>
    /// The day of text that starts <c>yyyy-MM-dd</c>, read digit by digit as <see cref="DateOnlyHandler"/> reads it
    /// (its first ten characters); false for any other text, which <see cref="DateOnly.ParseExact(string, string, IFormatProvider?)"/> reads.
    /// </summary>
    internal static bool TryParseStoredDay(string text, out DateOnly day)
    {
        day = default;
        var s = text.AsSpan();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s.Slice(0, 4), out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var dayOfMonth)
            || year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
