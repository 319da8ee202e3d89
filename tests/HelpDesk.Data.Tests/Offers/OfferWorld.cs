using System.Collections.Concurrent;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Offers;
using HelpDesk.Data.Organisations;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Offers;

/// <summary>
/// One customer on a real database, on 2 Mar 2026: Contoso (EMEA) with a Silver contract (2 incidents, web only) for
/// Keel over 2026, its requester, a colleague who may buy, a colleague who may not, another organisation's customer,
/// an engineer; the offering use cases wired to the real stores.
/// </summary>
internal sealed class OfferWorld
{
    public static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    /// <summary>Where the offer mails' links point.</summary>
    public static readonly HelpDesk.Core.Mail.PublicSite Site = new(new Uri("https://helpdesk.example"));

    private OfferWorld(IDbConnectionFactory connections)
    {
        Connections = connections;
        Clock = new FakeTimeProvider(new DateTimeOffset(Now));
        Tickets = TestStores.Tickets(connections);
        Offerings = new OfferingStore(connections);
        Offers = new OfferStore(connections, TestStores.Outbox(connections), new WebhookSignal());
        Contracts = new ContractStore(connections);
        Scope = new ScopeStore(connections);
        Rights = new BuyingRightsStore(connections, new AccountCache());
        var organisations = new OrganisationStore(connections);
        var people = new PeopleDirectory(connections);
        SaveDraft = new SaveOfferingDraft(Offerings, Contracts, Scope, Clock);
        Publish = new PublishOffering(Offerings, Contracts, Scope, Clock);
        Make = new MakeOffer(Tickets, Offerings, Offers, Contracts, Scope, organisations, people, new OfferSettings { Currency = Currency.Parse("EUR")! }, Site, Clock);
        Accept = new AcceptOffer(Offers, Offerings, Tickets, Contracts, organisations, Rights, people, Rejudged, Site, Clock);
        Decline = new DeclineOffer(Offers, Tickets, organisations, Rights, people, Clock);
        Withdraw = new WithdrawOffer(Offers, Tickets, people, Clock);
        Expiry = new OfferExpiry(Offers, Tickets, people, Clock);
        Quote = new RequestQuote(Offers, Tickets, Clock);
        CloseQuote = new CloseQuoteRequest(Offers, Clock);
    }

    public IDbConnectionFactory Connections { get; }

    public FakeTimeProvider Clock { get; }

    public TicketStore Tickets { get; }

    public OfferingStore Offerings { get; }

    public OfferStore Offers { get; }

    public ContractStore Contracts { get; }

    public ScopeStore Scope { get; }

    public BuyingRightsStore Rights { get; }

    public RecordingRejudging Rejudged { get; } = new();

    public SaveOfferingDraft SaveDraft { get; }

    public PublishOffering Publish { get; }

    public MakeOffer Make { get; }

    public AcceptOffer Accept { get; }

    public DeclineOffer Decline { get; }

    public WithdrawOffer Withdraw { get; }

    public OfferExpiry Expiry { get; }

    public RequestQuote Quote { get; }

    public CloseQuoteRequest CloseQuote { get; }

    public int Organisation { get; private set; }

    public int OtherOrganisation { get; private set; }

    public int Requester { get; private set; }

    public int Buyer { get; private set; }

    public int Colleague { get; private set; }

    public int Stranger { get; private set; }

    public int Engineer { get; private set; }

    public Product Keel { get; private set; } = null!;

    public Plan Silver { get; private set; } = null!;

    public Plan Gold { get; private set; } = null!;

    public Contract Contract { get; private set; } = null!;

    public TicketActor Staff => TicketActor.Staff(Engineer);

    public TicketActor Customer(int userId) => TicketActor.Customer(userId, userId == Stranger ? OtherOrganisation : Organisation);

    public static async Task<OfferWorld> CreateAsync(IDbConnectionFactory connections)
    {
        var world = new OfferWorld(connections);
        world.Organisation = await TestRows.OrganisationAsync(connections, "Contoso");
        world.OtherOrganisation = await TestRows.OrganisationAsync(connections, "Fabrikam");
        world.Requester = await TestRows.UserAsync(connections, "rita@contoso.example", world.Organisation);
        world.Buyer = await TestRows.UserAsync(connections, "bea@contoso.example", world.Organisation);
        world.Colleague = await TestRows.UserAsync(connections, "carl@contoso.example", world.Organisation);
        world.Stranger = await TestRows.UserAsync(connections, "sam@fabrikam.example", world.OtherOrganisation);
        world.Engineer = await TestRows.UserAsync(connections, "eng@helpdesk.test");
        await world.Rights.SetCanBuyAsync(world.Buyer, true);
        world.Keel = (await world.Scope.CreateProductAsync(new Product { Code = "keel", Name = "Keel" }))!;
        await world.Scope.SaveReleaseAsync(new ProductRelease { ProductId = world.Keel.Id, Name = "4.0", ReleasedOn = new(2024, 1, 10) });
        await world.Scope.SaveReleaseAsync(new ProductRelease { ProductId = world.Keel.Id, Name = "5.2", ReleasedOn = new(2025, 11, 3) });
        world.Silver = (await world.Contracts.SavePlanAsync(new Plan { Code = "silver", Name = "Silver", ListPriceCents = 12_000_00, IncidentAllowance = 2, Channels = SupportChannels.Web }))!;
        world.Gold = (await world.Contracts.SavePlanAsync(new Plan { Code = "gold", Name = "Gold", ListPriceCents = 24_000_00, Channels = SupportChannels.Web | SupportChannels.Email }))!;
        world.Contract = (await world.Contracts.SaveContractAsync(new Contract
        {
            OrganisationId = world.Organisation,
            PlanId = world.Silver.Id,
            ProductIds = [world.Keel.Id],
            StartsOn = new(2026, 1, 1),
            EndsOn = new(2026, 12, 31),
            TimeZone = "Europe/Berlin",
            ValueCents = 12_000_00,
            Status = ContractStatus.Active,
        }))!;
        return world;
    }

    /// <summary>A ticket of Rita's on Keel 4.0 judged <paramref name="verdict"/> under the Silver contract (none for NoContract).</summary>
    public async Task<Ticket> TicketAsync(Verdict verdict, TicketChannel channel = TicketChannel.Web)
    {
        var ticket = new Ticket
        {
            OrganisationId = Organisation,
            RequesterId = Requester,
            Subject = "Backport the rounding fix to 4.0",
            Channel = channel,
            Product = "keel",
            ProductRelease = "4.0",
            Environment = "linux-x64",
            Category = RequestCategories.Backport,
            Severity = Severity.Normal,
            Status = TicketStatus.Open,
            Entitlement = new EntitlementDecision
            {
                Verdict = verdict,
                ContractId = verdict == Verdict.NoContract ? null : Contract.Id,
                OutOfScopeCategories = verdict == Verdict.OutOfScope ? [RequestCategories.Backport] : [],
            },
            CreatedUtc = Now,
            UpdatedUtc = Now,
        };
        return await Tickets.CreateAsync(new NewTicket(ticket, new NewMessage(Requester, MessageKind.Reply, MessageBody.FromPlainText("Please help.")), _ => [], Now));
    }

    /// <summary>A published offering of <paramref name="kind"/>: a 1,500.00 backport service, a 5-incident pack for 2,500.00, or the Gold plan.</summary>
    public async Task<CatalogueEntry> OfferingAsync(OfferingKind kind, string code)
    {
        var request = kind switch
        {
            OfferingKind.Service => new SaveOfferingDraftRequest
            {
                Name = "Backport a fix",
                Price = "1500",
                DeliveryDays = 5,
                Categories = [RequestCategories.Backport],
                Terms = "# Backport\n\nWe move the fix from {{toRelease}} to {{fromRelease}} of {{product}} on {{platform}} for {{customer}}: {{description}}. Price {{price}}, delivered in {{deliveryDays}} working days.",
            },
            OfferingKind.IncidentPack => new SaveOfferingDraftRequest { Name = "Five more incidents", Price = "2500", Incidents = 5, Terms = "{{incidents}} more incidents on {{contract}} for {{price}}." },
            _ => new SaveOfferingDraftRequest { Name = "Gold support", PlanId = Gold.Id, Terms = "The {{plan}} plan from {{startsOn}} to {{endsOn}} ({{contract}}) for {{price}}." },
        };
        var draft = await SaveDraft.HandleAsync(request with { Code = code, Kind = kind });
        draft.Succeeded.Should().BeTrue(string.Join("; ", draft.Errors.Select(e => e.Message)));
        var published = await Publish.HandleAsync(new PublishOfferingRequest(draft.Value!.OfferingId, draft.Value.Version, Engineer));
        published.Succeeded.Should().BeTrue(string.Join("; ", published.Errors.Select(e => e.Message)));
        return (await Offerings.GetAsync(draft.Value.OfferingId))!;
    }

    public async Task<Offer> OfferAsync(Ticket ticket, CatalogueEntry entry, string? reason = null)
    {
        var made = await Make.HandleAsync(new MakeOfferRequest(Staff, ticket.Id, entry.Published!.Id)
        {
            Blanks = entry.Offering.Kind == OfferingKind.Service ? new Dictionary<string, string?> { ["description"] = "the rounding fix of 5.2" } : new Dictionary<string, string?>(),
            Reason = reason,
        });
        made.Succeeded.Should().BeTrue(string.Join("; ", made.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return made.Value!;
    }

    public AcceptOfferRequest Acceptance(int offerId, int userId) =>
        new(Customer(userId), offerId, "Rita Requester", "203.0.113.9", "Mozilla/5.0 (test)");

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    /// <summary>Records each call; the real re-judging of a ticket is the ticket classification's.</summary>
    public sealed class RecordingRejudging : ITicketRejudging
    {
        public ConcurrentQueue<(int TicketId, int? ActorId, string Why)> Calls { get; } = new();

        public Task RejudgeAsync(int ticketId, int? actorId, string why, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue((ticketId, actorId, why));
            return Task.CompletedTask;
        }
    }
}
