using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>The app with the demo and <see cref="EconomicsSeed"/> rolled up, shared by the dashboard and API tests.</summary>
public sealed class EconomicsAppFactory : HelpDeskAppFactory, IAsyncLifetime
{
    public EconomicsSeed Seed { get; private set; } = null!;

    public async Task InitializeAsync() => Seed = await EconomicsSeed.WriteAsync(this);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>One app for every economics test class: seeding and rolling up once is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class EconomicsTestGroup : ICollectionFixture<EconomicsAppFactory>
{
    public const string Name = "Economics";
}
