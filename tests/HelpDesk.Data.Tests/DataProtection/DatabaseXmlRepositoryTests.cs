using System.Xml.Linq;
using HelpDesk.Data.DataProtection;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Data.Tests.DataProtection;

public abstract class DatabaseXmlRepositoryTests : ProviderTestBase
{
    [SkippableFact]
    public void GetAllElements_ReturnsTheStoredKeys_InTheOrderTheyWereStored()
    {
        var repository = new DatabaseXmlRepository(Connections);

        repository.StoreElement(new XElement("key", new XAttribute("id", "one"), new XElement("secret", "a")), "key-one");
        repository.StoreElement(new XElement("key", new XAttribute("id", "two")), "key-two");

        var elements = new DatabaseXmlRepository(Connections).GetAllElements();
        elements.Select(e => (string?)e.Attribute("id")).Should().Equal("one", "two");
        elements.First().Element("secret")!.Value.Should().Be("a");
    }

    [SkippableFact]
    public void StoreElement_IgnoresASecondElementWithTheSameFriendlyName()
    {
        var repository = new DatabaseXmlRepository(Connections);

        repository.StoreElement(new XElement("key", new XAttribute("id", "first")), "key-one");
        repository.StoreElement(new XElement("key", new XAttribute("id", "second")), "key-one");

        repository.GetAllElements().Should().ContainSingle().Which.Attribute("id")!.Value.Should().Be("first");
    }

    [SkippableFact]
    public void ProtectedPayload_FromOneNode_IsReadByAnotherNode()
    {
        using var nodeA = WebNode();
        using var nodeB = WebNode();

        var protectedText = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("tickets").Protect("ticket 42");
        var text = nodeB.GetRequiredService<IDataProtectionProvider>().CreateProtector("tickets").Unprotect(protectedText);

        text.Should().Be("ticket 42");
        new DatabaseXmlRepository(Connections).GetAllElements().Should().ContainSingle();
    }

    [SkippableFact]
    public void ProtectedPayload_IsNotReadByANodeWithADifferentKeyRing()
    {
        using var nodeA = WebNode();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("HelpDesk").UseEphemeralDataProtectionProvider();
        using var stranger = services.BuildServiceProvider();

        var protectedText = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("tickets").Protect("ticket 42");
        var read = () => stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector("tickets").Unprotect(protectedText);

        read.Should().Throw<System.Security.Cryptography.CryptographicException>();
    }

    private ServiceProvider WebNode()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Connections);
        services.AddDataProtection().SetApplicationName("HelpDesk").PersistKeysToDatabase();
        return services.BuildServiceProvider();
    }
}

public sealed class SqliteDatabaseXmlRepositoryTests : DatabaseXmlRepositoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerDatabaseXmlRepositoryTests : DatabaseXmlRepositoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
