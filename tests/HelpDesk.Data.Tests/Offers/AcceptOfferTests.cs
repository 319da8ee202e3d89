using Dapper;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

public abstract class AcceptOfferTests : ProviderTestBase
{
    [SkippableFact]
    public async Task Accept_RecordsTheProof_BooksRevenue_AndOpensAnEngagement_InOneTransaction()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var offer = await world.OfferAsync(ticket, await world.OfferingAsync(OfferingKind.Service, "backport"));
        world.Clock.Advance(TimeSpan.FromHours(2));

        var accepted = await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester) with { ShownTermsSha256 = OfferTerms.Sha256(offer.TermsHtml) });

        accepted.Succeeded.Should().BeTrue(string.Join(" ", accepted.Errors.Select(e => e.Message)));
        var stored = await world.Offers.GetAsync(offer.Id);
        (stored!.Status, stored.DecidedById, stored.Version).Should().Be((OfferStatus.Accepted, world.Requester, 2));
        var proof = await world.Offers.GetAcceptanceAsync(offer.Id, world.Organisation);
        proof.Should().BeEquivalentTo(new OfferAcceptance
        {
            OfferId = offer.Id,
            AcceptedById = world.Requester,
            TypedName = "Rita Requester",
            AcceptedUtc = OfferWorld.Now.AddHours(2),
            ClientAddress = "203.0.113.9",
            UserAgent = "Mozilla/5.0 (test)",
            TermsSha256 = OfferTerms.Sha256(offer.TermsHtml),
            TermsHtml = offer.TermsHtml,
            PriceCents = 1_500_00,
            Currency = "EUR",
            OfferingVersionId = offer.OfferingVersionId,
        });
        (await world.QueryAsync<(string Day, int OrganisationId, int ContractId, int ProductId, string Region, long AmountCents)>(
                "SELECT Day, OrganisationId, ContractId, ProductId, Region, AmountCents FROM ServicesRevenue WHERE OfferId = @Id", new { offer.Id }))
            .Should().Equal(("2026-03-02", world.Organisation, world.Contract.Id, world.Keel.Id, "Emea", 1_500_00L));
        var engagement = await world.Offers.GetEngagementAsync(offer.Id);
        (engagement!.AssigneeId, engagement.Status, engagement.DueOn, engagement.TicketId).Should().Be((world.Engineer, EngagementStatus.Open, new DateOnly(2026, 3, 9), ticket.Id));
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM TimeEntries")).Should().Be(0, "an engagement's time is never the ticket's");
        (await world.QueryAsync<string>("SELECT Kind FROM OutboxMessages WHERE TicketId = @Id ORDER BY Id", new { ticket.Id }))
            .Should().Equal("offer-sent", "offer-accepted", "offer-confirmation");
        (await world.QueryAsync<string>("SELECT NewValue FROM TicketAudit WHERE TicketId = @Id AND Field = 'offer' ORDER BY Id", new { ticket.Id }))
            .Should().HaveCount(2).And.Contain(v => v.StartsWith($"Accepted {offer.Number} as \"Rita Requester\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Accept_WhosePartFails_StoresNothing_AndTheOfferStaysOpen()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var offer = await world.OfferAsync(ticket, await world.OfferingAsync(OfferingKind.Service, "backport"));
        var accepted = offer with { Status = OfferStatus.Accepted, DecidedById = world.Requester, DecidedUtc = OfferWorld.Now };
        var acceptance = new OfferAcceptance
        {
            OfferId = offer.Id,
            AcceptedById = world.Requester,
            TypedName = "Rita",
            AcceptedUtc = OfferWorld.Now,
            TermsSha256 = OfferTerms.Sha256(offer.TermsHtml),
            TermsHtml = offer.TermsHtml,
            PriceCents = offer.PriceCents,
            Currency = offer.Currency,
            OfferingVersionId = offer.OfferingVersionId,
        };

        // The engagement names a ticket that does not exist: its insert fails after the status, acceptance and revenue were written.
        var write = new OfferAcceptanceWrite(accepted, acceptance, [new AuditChange("offer", "Sent", "Accepted")], [])
        {
            Revenue = new ServicesRevenueLine { OfferId = offer.Id, Day = "2026-03-02", OrganisationId = world.Organisation, AmountCents = offer.PriceCents, BookedUtc = OfferWorld.Now },
            Engagement = new ServicesEngagement { OfferId = offer.Id, TicketId = 999_999, OrganisationId = world.Organisation, DueOn = new DateOnly(2026, 3, 9), CreatedUtc = OfferWorld.Now },
        };
        var failing = () => world.Offers.AcceptAsync(write);

        await failing.Should().ThrowAsync<System.Data.Common.DbException>();
        (await world.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Sent);
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM OfferAcceptances")).Should().Be(0);
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM ServicesRevenue")).Should().Be(0);
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM TicketAudit WHERE NewValue = 'Accepted'")).Should().Be(0);
        (await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester))).Succeeded.Should().BeTrue("the offer is still open to accept");
    }

    [SkippableFact]
    public async Task Accept_IsRefused_Twice_AfterExpiry_AfterWithdrawal_ForAnotherOrganisation_AndWithoutTheRightToBuy()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var once = await world.OfferAsync(ticket, entry);
        var withdrawn = await world.OfferAsync(ticket, entry);
        var open = await world.OfferAsync(ticket, entry);
        await world.Accept.HandleAsync(world.Acceptance(once.Id, world.Requester));
        (await world.Withdraw.HandleAsync(new WithdrawOfferRequest(world.Staff, withdrawn.Id, "Priced wrongly; a new offer follows."))).Succeeded.Should().BeTrue();

        var twice = await world.Accept.HandleAsync(world.Acceptance(once.Id, world.Buyer));
        var afterWithdrawal = await world.Accept.HandleAsync(world.Acceptance(withdrawn.Id, world.Requester));
        var stranger = await world.Accept.HandleAsync(world.Acceptance(open.Id, world.Stranger));
        var colleague = await world.Accept.HandleAsync(world.Acceptance(open.Id, world.Colleague));
        var unsigned = await world.Accept.HandleAsync(world.Acceptance(open.Id, world.Buyer) with { TypedName = " " });
        world.Clock.Advance(TimeSpan.FromDays(31));
        var expired = await world.Accept.HandleAsync(world.Acceptance(open.Id, world.Buyer));

        twice.Errors.Should().ContainSingle().Which.Message.Should().Be($"Offer {once.Number} was already accepted on 2 Mar 2026 10:30 UTC; it can no longer be accepted.");
        afterWithdrawal.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"Offer {withdrawn.Number} was withdrawn on 2 Mar 2026");
        stranger.Failure.Should().Be(Failure.NotFound);
        stranger.Errors[0].Message.Should().Be($"There is no offer {open.Number}.");
        colleague.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"Only the person who raised {ticket.Number} or someone with the right to buy services for Contoso can accept");
        unsigned.Errors.Should().ContainSingle().Which.Field.Should().Be("typedName");
        expired.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"Offer {open.Number} expired on 2 Apr 2026 00:00 UTC; it can no longer be accepted.");
        (await world.Offers.GetAsync(open.Id))!.Status.Should().Be(OfferStatus.Sent, "the job has not run; the time alone refuses it");
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM ServicesRevenue")).Should().Be(1, "revenue is booked once, for the one acceptance");
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM OfferAcceptances")).Should().Be(1);
    }

    [SkippableFact]
    public async Task SomeoneWithTheRightToBuy_MayAccept_ForTheirColleaguesTicket()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var offer = await world.OfferAsync(await world.TicketAsync(Verdict.OutOfScope), await world.OfferingAsync(OfferingKind.Service, "backport"));

        var accepted = await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Buyer));

        accepted.Value!.Offer.DecidedById.Should().Be(world.Buyer);
    }

    [SkippableFact]
    public async Task Decline_KeepsTheReason_AndTellsTheEngineer()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var offer = await world.OfferAsync(ticket, await world.OfferingAsync(OfferingKind.Service, "backport"));

        var declined = await world.Decline.HandleAsync(new DeclineOfferRequest(world.Customer(world.Requester), offer.Id, "We will upgrade to 5.2 instead."));
        var again = await world.Decline.HandleAsync(new DeclineOfferRequest(world.Customer(world.Requester), offer.Id, null));

        declined.Value!.DeclineReason.Should().Be("We will upgrade to 5.2 instead.");
        (await world.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Declined);
        again.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"Offer {offer.Number} was declined on");
        (await world.QueryAsync<(string Kind, string ToAddress)>("SELECT Kind, ToAddress FROM OutboxMessages WHERE Kind = 'offer-declined'"))
            .Should().Equal(("offer-declined", "eng@helpdesk.test"));
    }

    [SkippableFact]
    public async Task ExpiryJob_ExpiresOffersPastTheirDate_AndTellsTheEngineer_Once()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var soon = await world.Make.HandleAsync(new MakeOfferRequest(world.Staff, ticket.Id, entry.Published!.Id) { ExpiresOn = new DateOnly(2026, 3, 5), Blanks = new Dictionary<string, string?> { ["description"] = "x" } });
        var later = await world.OfferAsync(ticket, entry);

        var early = await world.Expiry.RunAsync();
        world.Clock.Advance(TimeSpan.FromDays(4));
        var due = await world.Expiry.RunAsync();
        var again = await world.Expiry.RunAsync();

        (early, due, again).Should().Be((0, 1, 0));
        (await world.Offers.GetAsync(soon.Value!.Id))!.Status.Should().Be(OfferStatus.Expired);
        (await world.Offers.GetAsync(later.Id))!.Status.Should().Be(OfferStatus.Sent);
        (await world.QueryAsync<(string Kind, string ToAddress)>("SELECT Kind, ToAddress FROM OutboxMessages WHERE Kind = 'offer-expired'"))
            .Should().Equal(("offer-expired", "eng@helpdesk.test"));
    }

    [SkippableFact]
    public async Task IncidentPack_RaisesTheContractsIncidentsBought_AndHasTheTicketJudgedAgain()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.AllowanceUsed);
        var offer = await world.OfferAsync(ticket, await world.OfferingAsync(OfferingKind.IncidentPack, "pack-5"));

        var accepted = await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester));

        accepted.Succeeded.Should().BeTrue(string.Join(" ", accepted.Errors.Select(e => e.Message)));
        (await world.Contracts.GetContractAsync(world.Contract.Id))!.IncidentsBought.Should().Be(5);
        world.Rejudged.Calls.Should().Equal((ticket.Id, (int?)world.Requester, $"Offer {offer.Number} added 5 incidents to {world.Contract.Number}."));
        (await world.ScalarAsync<long>("SELECT AmountCents FROM ServicesRevenue WHERE OfferId = @Id", new { offer.Id })).Should().Be(2_500_00);
        var facts = await new EntitlementFactsSource(Connections).LoadAsync(world.Organisation, "keel");
        ContractStates.Allowance(facts.Contracts.Single().Contract, facts.Contracts.Single().Plan).Should().Be(7, "the Silver plan's 2 and the 5 bought");
    }

    [SkippableFact]
    public async Task IncidentPack_QueuesTheOffersEvents_AndTheToppedUpContractsChange_ForAnActiveSubscription()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.AllowanceUsed);
        var pack = await world.OfferingAsync(OfferingKind.IncidentPack, "pack-5");
        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO WebhookSubscriptions (Url, Description, Events, Secret, State, CreatedUtc, UpdatedUtc, Version)
                VALUES ('https://hooks.example.com/helpdesk', 'CRM', '*', 'protected', 'Active', @Now, @Now, 1)
                """,
                new { Now = OfferWorld.Now });
        }

        var offer = await world.OfferAsync(ticket, pack);
        (await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester))).Succeeded.Should().BeTrue();

        await using var read = await Connections.OpenAsync();
        var queued = (await read.QueryAsync<(string EventType, int? TicketId, string Payload)>("SELECT EventType, TicketId, Payload FROM WebhookDeliveries ORDER BY Id")).AsList();
        queued.Select(q => q.EventType).Should().Equal("offer.sent", "offer.accepted", "contract.changed");
        queued[1].TicketId.Should().Be(ticket.Id, "an offer's events are ordered with its ticket's");
        queued[2].Payload.Should().Contain($"\"number\":\"{world.Contract.Number}\"").And.Contain("\"incidentsBought\":5");
    }

    [SkippableFact]
    public async Task PlanUpgrade_CreatesAPendingContract_WhichTheEngineIgnores_UntilAManagerActivatesIt()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var ticket = await world.TicketAsync(Verdict.ChannelNotIncluded, TicketChannel.Email);
        var offer = await world.OfferAsync(ticket, await world.OfferingAsync(OfferingKind.Plan, "gold"));

        var accepted = await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester));

        offer.PriceCents.Should().Be(OfferPricing.ProRataCents(12_000_00, 305), "the difference of the list prices for 2 Mar to 31 Dec 2026");
        var pending = await world.Contracts.GetContractAsync(accepted.Value!.PendingContractId!.Value);
        pending.Should().BeEquivalentTo(
            new { Status = ContractStatus.Pending, PlanId = world.Gold.Id, ProductIds = new[] { world.Keel.Id }, StartsOn = new DateOnly(2026, 3, 2), EndsOn = new DateOnly(2026, 12, 31), TimeZone = "Europe/Berlin", ValueCents = offer.PriceCents, RenewsContractId = (int?)null },
            o => o.ExcludingMissingMembers());
        (await world.ScalarAsync<int>("SELECT COUNT(*) FROM ServicesRevenue")).Should().Be(0, "a plan's value is the contract's, recognised over its term");

        var request = new EntitlementRequest { OrganisationId = world.Organisation, Product = "keel", Release = "5.2", Channel = TicketChannel.Email, AtUtc = OfferWorld.Now };
        var decision = EntitlementEngine.Decide(request, await new EntitlementFactsSource(Connections).LoadAsync(world.Organisation, "keel"));
        (decision.Verdict, decision.ContractId).Should().Be((Verdict.ChannelNotIncluded, world.Contract.Id));

        var activate = new ActivateContract(world.Contracts, new HelpDesk.Data.Organisations.OrganisationStore(Connections), world.Scope);
        var overlapping = await activate.HandleAsync(pending!.Id, pending.Version);
        overlapping.Errors.Should().ContainSingle().Which.Message.Should().Contain($"{world.Contract.Number} already covers Keel for Contoso");
        await world.Contracts.SaveContractAsync(world.Contract with { EndsOn = new DateOnly(2026, 3, 1) });
        var activated = await activate.HandleAsync(pending.Id, pending.Version);
        activated.Value!.Status.Should().Be(ContractStatus.Active);
        EntitlementEngine.Decide(request, await new EntitlementFactsSource(Connections).LoadAsync(world.Organisation, "keel")).ContractId.Should().Be(pending.Id);
    }

    [SkippableFact]
    public async Task NewContractQuote_BecomesAPendingOneYearContract_AtTheListPrice()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var offer = await world.OfferAsync(await world.TicketAsync(Verdict.NoContract), await world.OfferingAsync(OfferingKind.Plan, "gold"));

        var accepted = await world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester));

        offer.PriceCents.Should().Be(24_000_00);
        offer.TermsMarkdown.Should().Be("The Gold plan from 2 Mar 2026 to 1 Mar 2027 (a new contract) for 24\\,000\\.00 EUR.");
        var pending = await world.Contracts.GetContractAsync(accepted.Value!.PendingContractId!.Value);
        (pending!.Status, pending.StartsOn, pending.EndsOn, pending.ValueCents).Should().Be((ContractStatus.Pending, new DateOnly(2026, 3, 2), new DateOnly(2027, 3, 1), 24_000_00L));
    }
}

public sealed class SqliteAcceptOfferTests : AcceptOfferTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerAcceptOfferTests : AcceptOfferTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
