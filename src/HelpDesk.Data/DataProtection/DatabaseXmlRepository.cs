using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HelpDesk.Data.DataProtection;

/// <summary>
/// Keeps data-protection keys in the DataProtectionKeys table, so every web node reads the same key ring and
/// cookies, antiforgery tokens and Identity tokens issued by one node are accepted by the others.
/// Data protection calls this synchronously, hence the synchronous connection.
/// </summary>
public sealed class DatabaseXmlRepository(IDbConnectionFactory connections) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        const string sql = """
            SELECT Xml FROM DataProtectionKeys ORDER BY Id
            """;
        using var connection = connections.Open();
        return connection.Query<string>(sql).Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        const string sql = """
            INSERT INTO DataProtectionKeys (FriendlyName, Xml, CreatedUtc)
            SELECT @FriendlyName, @Xml, @CreatedUtc
            WHERE NOT EXISTS (SELECT 1 FROM DataProtectionKeys WHERE FriendlyName = @FriendlyName)
            """;
        using var connection = connections.Open();
        try
        {
            connection.Execute(sql, new
            {
                FriendlyName = friendlyName,
                Xml = element.ToString(SaveOptions.DisableFormatting),
                CreatedUtc = DateTime.UtcNow,
            });
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another node stored the same key between the check and the insert: it is already there.
        }
    }
}
