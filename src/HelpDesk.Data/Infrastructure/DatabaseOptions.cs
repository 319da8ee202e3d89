namespace HelpDesk.Data.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> configuration section plus <c>ConnectionStrings:HelpDesk</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionStringSetting = "ConnectionStrings:HelpDesk";
    public const string DefaultSqliteFile = "App_Data/helpdesk.db";
}
