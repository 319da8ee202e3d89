using HelpDesk.Core.Attachments;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tests.Contracts;
using HelpDesk.Core.Tests.Tickets;
using HelpDesk.Core.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Routing;

/// <summary>
/// A help desk in memory for the routing and SLA use cases: two customers on the Keel product (Acme, strategic, and
/// Bolt, self-service), a catalogue with Keel and Harbor, engineers added per test, and a clock at Monday 2 March
/// 2026 10:00 UTC. Contract 7 is on business hours, 09:00–17:00 UTC on weekdays.
/// </summary>
internal sealed class RoutingWorld
{
    public const int Acme = 1;
    public const int Bolt = 2;
    public const int Contract = 7;
    public const int Manager = 900;
    public const int Customer = 800;
    public static readonly DateTime Monday = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    public RoutingWorld()
    {
        Organisations.Organisations.Add(new Organisation { Id = Acme, Name = "Acme", Segment = CustomerSegment.Strategic, Version = 1 });
        Organisations.Organisations.Add(new Organisation { Id = Bolt, Name = "Bolt", Segment = CustomerSegment.SelfService, Version = 1 });
        Catalogue.Products.Add(new Product { Id = 1, Code = "keel", Name = "Keel RTOS" });
        Catalogue.Products.Add(new Product { Id = 2, Code = "harbor", Name = "Harbor" });
        Catalogue.Environments.Add(new TargetEnvironment { Id = 1, Code = "cortex-m4", Name = "ARM Cortex-M4" });
        Calendars.Calendars[Contract] = new SlaCalendar(new SupportHours { TimeZone = "UTC" }, new HashSet<DateOnly>());
        People.Add(Manager, "Maria Manager");
        People.Add(new Accounts.Person { Id = Customer, Name = "Carl Customer", Email = "carl@acme.example", OrganisationId = Acme });
        Routing = new InMemoryRoutingStore(Tickets, Engineers, Organisations);
    }

    public FakeTimeProvider Clock { get; } = new(Monday);
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
    public InMemoryTicketStore Tickets { get; } = new();
    public InMemoryEngineerStore Engineers { get; } = new();
    public InMemoryOrganisationStore Organisations { get; } = new();
    public InMemoryCatalogue Catalogue { get; } = new();
    public InMemoryPeople People { get; } = new();
    public FixedCalendars Calendars { get; } = new();
    public InMemoryRoutingStore Routing { get; }
    public RoutingSettings Settings { get; set; } = new();
    public SlaSettings Sla { get; set; } = new();

    public PullFromQueues Pull => new(Routing, Engineers, Settings, Clock);
    public RouteTicket Route => new(Routing, Organisations, Settings);
    public Rerouting Rerouting => new(Tickets, Routing, Organisations, People, Settings, Pull, Clock);
    public EscalateTicket Escalate => new(Rerouting);
    public HandBackTicket HandBack => new(Rerouting);
    public ReassignTicket Reassign => new(Rerouting);
    public SaveEngineerProfile SaveProfile => new(Engineers, Catalogue, People, Pull, Clock, HelpDesk.Core.Contracts.Currency.Default);
    public AddCostRate AddRate => new(Engineers, Clock, HelpDesk.Core.Contracts.Currency.Default);
    public SetEngineerAvailability Availability => new(Engineers, Pull, Clock);
    public ChangeTicketStatus ChangeStatus => new(Tickets, People, Clock, new HelpDesk.Core.Mail.PublicSite(new Uri("https://helpdesk.example")), Calendars, Pull);
    public ReplyToTicket Reply => new(Tickets, People, AttachmentPolicy.Default, Clock, Calendars, Pull);
    public AssignTicket Assign => new(Tickets, People, Rerouting, Clock);
    public SlaMonitor Monitor => new(Tickets, Routing, Organisations, People, Settings, Sla, Clock);

    /// <summary>An engineer with a person behind them: in-house at 60.00 an hour, Keel at the given proficiency, English.</summary>
    public EngineerProfile Engineer(int id, string name, int proficiency = 3, int tier = 1, int capacity = 5, Func<EngineerProfile, EngineerProfile>? edit = null)
    {
        var person = People.Add(id, name);
        var profile = new EngineerProfile
        {
            UserId = id,
            Name = name,
            Email = person.Email,
            Tier = tier,
            Skills = [new EngineerSkill(1, "keel", null, proficiency)],
            Languages = ["en"],
            Rates = [new CostRate(new DateOnly(2026, 1, 1), 6_000)],
            Capacity = capacity,
        };
        return Engineers.Add(edit is null ? profile : edit(profile));
    }

    /// <summary>
    /// An open Keel ticket of Acme under contract 7, filed now: first response due in 4 h (at risk in 3 h),
    /// resolution due in 8 h of business time (at risk in 6 h).
    /// </summary>
    public Ticket Ticket(int? assignee = null, string? queue = null, Severity severity = Severity.Normal, int organisation = Acme, DateTime? created = null, int tier = 1, string language = "en", string? product = "keel")
    {
        var at = created ?? Now;
        var decision = new RoutingDecision { Queue = new SkillQueue(product, tier).Name, Outcome = queue is null ? RoutingOutcome.Assigned : RoutingOutcome.Queued, AssigneeId = assignee };
        return Tickets.Add(new Ticket
        {
            Subject = "Scheduler stalls under load",
            OrganisationId = organisation,
            RequesterId = Customer,
            Product = product is null ? null : "Keel RTOS",
            Severity = severity,
            Status = TicketStatus.Open,
            AssigneeId = assignee,
            Queue = queue,
            Tier = tier,
            Language = language,
            Routing = decision,
            Entitlement = new EntitlementDecision { Verdict = Verdict.Entitled, ProductCode = product, ContractId = Contract },
            CreatedUtc = at,
            UpdatedUtc = at,
            FirstResponseDueUtc = at.AddHours(4),
            FirstResponseAtRiskUtc = at.AddHours(3),
            ResolveDueUtc = new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc),
            ResolveAtRiskUtc = new DateTime(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc),
            SlaCheckUtc = at.AddHours(3),
        });
    }

    /// <summary>A ticket waiting in its Keel queue.</summary>
    public Ticket Waiting(Severity severity = Severity.Normal, DateTime? created = null, int tier = 1, string language = "en", DateTime? due = null)
    {
        var ticket = Ticket(queue: new SkillQueue("keel", tier).Name, severity: severity, created: created, tier: tier, language: language);
        if (due is DateTime firstDue)
        {
            ticket = Tickets.Add(ticket with { FirstResponseDueUtc = firstDue });
        }

        return ticket;
    }

    public async Task<IReadOnlyList<string?>> AuditFieldsAsync(int ticketId) => [.. (await Tickets.ListAuditAsync(ticketId)).Select(a => a.Field)];
}

/// <summary>The catalogue's products and environments; the routing use cases read nothing else of it.</summary>
internal sealed class InMemoryCatalogue : IScopeStore
{
    private readonly InMemoryProducts _products = new();

    public List<Product> Products => _products.Products;

    public List<TargetEnvironment> Environments { get; } = [];

    public Task<IReadOnlyList<Product>> ListProductsAsync(CancellationToken cancellationToken = default) => _products.ListProductsAsync(cancellationToken);

    public Task<Product?> FindProductAsync(string codeOrName, CancellationToken cancellationToken = default) => _products.FindProductAsync(codeOrName, cancellationToken);

    public Task<Product?> GetProductAsync(int id, CancellationToken cancellationToken = default) => _products.GetProductAsync(id, cancellationToken);

    public Task<Product?> CreateProductAsync(Product product, CancellationToken cancellationToken = default) => _products.CreateProductAsync(product, cancellationToken);

    public Task<Product?> UpdateProductAsync(Product product, CancellationToken cancellationToken = default) => _products.UpdateProductAsync(product, cancellationToken);

    public Task<IReadOnlyList<ProductRelease>> ListReleasesAsync(int productId, CancellationToken cancellationToken = default) => _products.ListReleasesAsync(productId, cancellationToken);

    public Task<ProductRelease?> SaveReleaseAsync(ProductRelease release, CancellationToken cancellationToken = default) => _products.SaveReleaseAsync(release, cancellationToken);

    public Task<ProductRelease?> GetReleaseAsync(int releaseId, CancellationToken cancellationToken = default) => _products.GetReleaseAsync(releaseId, cancellationToken);

    public Task<CatalogueReferences> ReleaseReferencesAsync(ProductRelease release, Product product, CancellationToken cancellationToken = default) =>
        _products.ReleaseReferencesAsync(release, product, cancellationToken);

    public Task<bool> SetReleaseRetiredAsync(int releaseId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        _products.SetReleaseRetiredAsync(releaseId, retiredUtc, audit, cancellationToken);

    public Task<bool> DeleteReleaseAsync(int releaseId, DateOnly today, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        _products.DeleteReleaseAsync(releaseId, today, audit, cancellationToken);

    public Task<CatalogueReferences> EnvironmentReferencesAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) =>
        _products.EnvironmentReferencesAsync(environment, cancellationToken);

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesNamingEnvironmentAsync(string code, CancellationToken cancellationToken = default) =>
        _products.ListScopesNamingEnvironmentAsync(code, cancellationToken);

    public Task<bool> SetEnvironmentRetiredAsync(int environmentId, DateTime? retiredUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        _products.SetEnvironmentRetiredAsync(environmentId, retiredUtc, audit, cancellationToken);

    public Task<bool> DeleteEnvironmentAsync(int environmentId, ManageAuditEntry audit, CancellationToken cancellationToken = default) =>
        _products.DeleteEnvironmentAsync(environmentId, audit, cancellationToken);

    public Task<IReadOnlyList<TargetEnvironment>> ListEnvironmentsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TargetEnvironment>>([.. Environments]);

    public Task<TargetEnvironment?> SaveEnvironmentAsync(TargetEnvironment environment, CancellationToken cancellationToken = default) => _products.SaveEnvironmentAsync(environment, cancellationToken);

    public Task<IReadOnlyList<ThirdPartyProduct>> ListThirdPartyAsync(CancellationToken cancellationToken = default) => _products.ListThirdPartyAsync(cancellationToken);

    public Task<ThirdPartyProduct?> SaveThirdPartyAsync(ThirdPartyProduct product, CancellationToken cancellationToken = default) => _products.SaveThirdPartyAsync(product, cancellationToken);

    public Task<IReadOnlyList<ScopeOfSupport>> ListScopesAsync(int productId, CancellationToken cancellationToken = default) => _products.ListScopesAsync(productId, cancellationToken);

    public Task<ScopeOfSupport?> GetScopeAsync(int scopeId, CancellationToken cancellationToken = default) => _products.GetScopeAsync(scopeId, cancellationToken);

    public Task<ScopeOfSupport?> GetDraftAsync(int productId, CancellationToken cancellationToken = default) => _products.GetDraftAsync(productId, cancellationToken);

    public Task<ScopeOfSupport?> SaveDraftAsync(ScopeOfSupport draft, CancellationToken cancellationToken = default) => _products.SaveDraftAsync(draft, cancellationToken);

    public Task<ScopeOfSupport?> PublishAsync(int scopeId, int version, int publishedById, DateTime nowUtc, ScopeApplication appliesTo = ScopeApplication.Now, CancellationToken cancellationToken = default) =>
        _products.PublishAsync(scopeId, version, publishedById, nowUtc, appliesTo, cancellationToken);

    public Task<bool> DeleteDraftAsync(int scopeId, ManageAuditEntry audit, CancellationToken cancellationToken = default) => _products.DeleteDraftAsync(scopeId, audit, cancellationToken);
}
