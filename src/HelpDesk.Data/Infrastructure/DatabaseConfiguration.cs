using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Data.Infrastructure;

/// <summary>
/// Reads and checks the database settings. Every problem a person can fix is reported as a
/// <see cref="DatabaseConfigurationException"/> whose message names the setting to change.
/// </summary>
public static class DatabaseConfiguration
{
    public static DatabaseOptions Read(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration[DatabaseOptions.ProviderSetting];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new DatabaseConfigurationException(
                $"{DatabaseOptions.ProviderSetting} is '{providerText}', which is not a supported provider; use Sqlite or SqlServer.");
        }

        var connectionString = configuration[DatabaseOptions.ConnectionStringSetting];
        return provider switch
        {
            DatabaseProvider.SqlServer => new DatabaseOptions(provider, CheckSqlServer(connectionString)),
            _ => new DatabaseOptions(provider, CheckSqlite(connectionString, contentRoot)),
        };
    }

    private static string CheckSqlServer(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseConfigurationException(
                $"{DatabaseOptions.ProviderSetting} is SqlServer but {DatabaseOptions.ConnectionStringSetting} is empty; set it to a SQL Server connection string.");
        }

        try
        {
            return new SqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DatabaseConfigurationException(
                $"{DatabaseOptions.ConnectionStringSetting} is not a valid SQL Server connection string: {ex.Message}");
        }
    }

    private static string CheckSqlite(string? connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteConnectionStringBuilder { DataSource = DatabaseOptions.DefaultSqliteFile }
                : new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DatabaseConfigurationException(
                $"{DatabaseOptions.ConnectionStringSetting} is not a valid SQLite connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new DatabaseConfigurationException(
                $"{DatabaseOptions.ConnectionStringSetting} names no SQLite file (Data Source=...).");
        }

        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        // A shared cache would serialise every connection on one lock; a busy timeout lets writers queue instead.
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ConnectionString;
    }

    /// <summary>Opens one connection to prove the database can be reached, naming the setting when it cannot.</summary>
    public static async Task CheckReachableAsync(IDbConnectionFactory factory, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DatabaseConfigurationException(
                $"The database named by {DatabaseOptions.ConnectionStringSetting} ({factory.Provider}) cannot be reached: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new DatabaseConfigurationException(
                $"The database named by {DatabaseOptions.ConnectionStringSetting} ({factory.Provider}) cannot be reached: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DatabaseConfigurationException(
                $"The database named by {DatabaseOptions.ConnectionStringSetting} ({factory.Provider}) cannot be reached: {ex.Message}");
        }
    }
}

public sealed class DatabaseConfigurationException(string message) : Exception(message);
