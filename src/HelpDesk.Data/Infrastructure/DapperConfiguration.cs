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
            string text => DateOnly.ParseExact(text.Length > IsoDate.Length ? text[..IsoDate.Length] : text, IsoDate, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as a date."),
        };
    }

    private const string IsoDate = "yyyy-MM-dd";

    internal static DateTime ToUtc(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as a UTC time."),
    };
}
