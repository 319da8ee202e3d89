using System.Data;
using System.Globalization;
using Dapper;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Teaches Dapper that every <see cref="DateTime"/> in this database is UTC. SQLite stores times as ISO text
/// and SQL Server as datetime2 without a zone; both come back with <see cref="DateTimeKind.Utc"/>.
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

    internal static DateTime ToUtc(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as a UTC time."),
    };
}
