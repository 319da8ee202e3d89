using HelpDesk.Core.Attachments;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tests.Contracts;
using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>
/// A help desk in memory for correcting tickets: the catalogue, scope and plans of <see cref="EntitlementExamples"/>
/// (Orders API, and Billing with no scope), organisation 42 with contract C-0007 on Premium for Orders API, tickets
/// filed through the real intake steps at noon on Monday 30 Nov 2026, and a clock two hours later. Scope version 2 of
/// Orders API (supporting 7.0 again) is published at 13:00, after the tickets were filed.
/// </summary>
internal sealed class ClassifyWorld
{
    public const int OrganisationId = Scope.EntitlementExamples.Organisation;
    public const int Requester = 800;
    public const int Engineer = 500;
    public const int OrdersEngineer = 501;

    public static readonly Product Billing = new() { Id = 2, Code = "billing", Name = "Billing" };

    public static readonly ScopeOfSupport ScopeV2 = ScopeV1 with
    {
        Id = 11,
        Number = 2,
        EffectiveOn = new(2026, 11, 1),
        PublishedUtc = Now.AddHours(1),
        ReleasesBack = 5,
    };

    public ClassifyWorld()
    {
        Organisations.Organisations.Add(new Core.Organisations.Organisation { Id = OrganisationId, Name = "Northwind", Segment = CustomerSegment.Standard, Version = 1 });
        People.Add(new Accounts.Person { Id = Requester, Name = "Nora Northwind", Email = "nora@northwind.example", OrganisationId = OrganisationId });
        People.Add(Engineer, "Erin Engineer");
        Contracts.Add(Contract());
        Calendars.Calendars[7] = new SlaCalendar(SupportHours.TwentyFourSeven, new HashSet<DateOnly>());
        Routing = new InMemoryRoutingStore(Tickets, Engineers, Organisations);
    }

    public WorldClock Clock { get; } = new() { UtcNow = Now };
    public InMemoryTicketStore Tickets { get; } = new();
    public InMemoryEngineerStore Engineers { get; } = new();
    public InMemoryOrganisationStore Organisations { get; } = new();
    public InMemoryPeople People { get; } = new();
    public FixedCalendars Calendars { get; } = new();
    public InMemoryRoutingStore Routing { get; }
    public RoutingSettings Settings { get; } = new();
    public ClassifyCatalogue Catalogue { get; } = new();

    /// <summary>The organisation's contracts as the facts source gives them; change one to play another ticket's incident.</summary>
    public List<ContractFacts> Contracts { get; } = [];

    public CheckEntitlement Check => new(new WorldFacts(this));
    public PullFromQueues Pull => new(Routing, Engineers, Settings, Clock);
    public Rerouting Rerouting => new(Tickets, Routing, Organisations, People, Settings, Pull, Clock);
    public ClassifyTicket Classify => new(Tickets, Catalogue, Check, Calendars, Rerouting, Pull, People, Clock);
    public MarkDuplicate MarkDuplicate => new(Tickets, People, Calendars, Pull, Clock);
    public MarkNotAnIncident MarkNotAnIncident => new(Tickets, Clock);

    /// <summary>Files a ticket through intake (judged and routed) at noon, then moves the clock to 14:00.</summary>
    public async Task<Ticket> FileAsync(string? product = null, string? release = null, Severity severity = Severity.Normal, TicketChannel channel = TicketChannel.Email, string subject = "Orders stop importing")
    {
        Clock.UtcNow = Now;
        var file = new FileTicket(Tickets, People, [new JudgeEntitlement(Check), new RouteTicket(Routing, Organisations, Settings)], AttachmentPolicy.Default, Clock);
        var filed = await file.HandleAsync(new FileTicketRequest
        {
            RequesterId = Requester,
            OrganisationId = OrganisationId,
            Channel = channel,
            Subject = subject,
            Body = "Since this morning nothing imports.",
            Severity = (int)severity,
            Product = product,
            ProductRelease = release,
            Environment = "linux-x64",
            Category = RequestCategories.Problem,
        });
        filed.Succeeded.Should().BeTrue(string.Join(" ", filed.Errors.Select(e => e.Message)));
        Clock.UtcNow = Now.AddHours(2);
        return filed.Value!;
    }

    public Task<Common.Result<Ticket>> ClassifyAsync(Ticket ticket, string? product = "orders", string? release = "7.3", Severity? severity = null, int? actor = Engineer, int? version = null) =>
        Classify.HandleAsync(new ClassifyTicketRequest
        {
            Actor = actor is int id ? TicketActor.Staff(id) : TicketActor.Customer(Requester, OrganisationId),
            TicketId = ticket.Id,
            ExpectedVersion = version ?? ticket.Version,
            Product = product,
            Release = release,
            Severity = severity is Severity s ? (int)s : null,
        });

    /// <summary>An engineer who knows Orders API at proficiency 3, English, tier 1.</summary>
    public EngineerProfile OrdersExpert(int id = OrdersEngineer, string name = "Olga Orders", int capacity = 5)
    {
        var person = People.Add(id, name);
        return Engineers.Add(new EngineerProfile
        {
            UserId = id,
            Name = name,
            Email = person.Email,
            Tier = 1,
            Skills = [new EngineerSkill(1, "orders", null, 3)],
            Languages = ["en"],
            Rates = [new CostRate(new DateOnly(2026, 1, 1), 6_000)],
            Capacity = capacity,
        });
    }

    private sealed class WorldFacts(ClassifyWorld world) : IEntitlementFactsSource
    {
        public Task<EntitlementFacts> LoadAsync(int organisationId, string? product, CancellationToken cancellationToken = default)
        {
            var named = product?.Trim();
            var found = new[] { Orders, Billing }.FirstOrDefault(p => string.Equals(p.Code, named, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, named, StringComparison.OrdinalIgnoreCase));
            return Task.FromResult(Facts([.. world.Contracts]) with
            {
                Product = found,
                Releases = found?.Id == Orders.Id ? Releases : [],
                PublishedScopes = found?.Id == Orders.Id ? [ScopeV1, ScopeV2] : [],
            });
        }
    }
}

/// <summary>The catalogue of <see cref="EntitlementExamples"/> as the classification form reads it.</summary>
internal sealed class ClassifyCatalogue : IScopeStore
{
    public Task<IReadOnlyList<Product>> ListProductsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Product>>([Orders, ClassifyWorld.Billing]);

    public Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProductRelease>>([.. Releases.Where(r => r.ProductId == productId)]);

    public Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Environments);

    public Task<Product?> FindProductAsync(string codeOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Product?> CreateProductAsync(Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Product?> UpdateProductAsync(Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteReleaseAsync(int releaseId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TargetEnvironment?> SaveEnvironmentAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ThirdPartyProduct>> ListThirdPartyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ThirdPartyProduct?> SaveThirdPartyAsync(ThirdPartyProduct product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesAsync(int productId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> GetScopeAsync(int scopeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> GetDraftAsync(int productId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> SaveDraftAsync(ScopeOfSupport draft, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo = ScopeApplication.Now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteDraftAsync(int scopeId, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProductRelease?> GetReleaseAsync(int releaseId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Releases.FirstOrDefault(r => r.Id == releaseId));

    public Task<CatalogueReferences> ReleaseReferencesAsync(ProductRelease release, Product product, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> SetReleaseRetiredAsync(int releaseId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteReleaseAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CatalogueReferences> EnvironmentReferencesAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesNamingEnvironmentAsync(string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> SetEnvironmentRetiredAsync(int environmentId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteEnvironmentAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A clock the world sets: tickets are filed at noon, one after another, and worked on at 14:00.</summary>
internal sealed class WorldClock : TimeProvider
{
    public DateTime UtcNow { get; set; }

    public override DateTimeOffset GetUtcNow() => new(UtcNow);
}
