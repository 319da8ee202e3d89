using HelpDesk.Testing.Mail;

namespace HelpDesk.Mail.Tests.Servers;

/// <summary>One pair of servers for every test class that needs them; each test keeps to its own folders and addresses.</summary>
[CollectionDefinition(Name)]
public sealed class SharedMailServers : ICollectionFixture<TestMailServers>
{
    public const string Name = "Mail servers";
}
