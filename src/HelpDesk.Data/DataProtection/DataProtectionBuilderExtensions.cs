using HelpDesk.Data.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Data.DataProtection;

public static class DataProtectionBuilderExtensions
{
    /// <summary>Stores the key ring in the database through <see cref="DatabaseXmlRepository"/>. Needs an <c>IDbConnectionFactory</c>.</summary>
    public static IDataProtectionBuilder PersistKeysToDatabase(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDbConnectionFactory>((options, connections) => options.XmlRepository = new DatabaseXmlRepository(connections));
        return builder;
    }
}
