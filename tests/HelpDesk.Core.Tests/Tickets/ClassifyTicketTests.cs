using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class ClassifyTicketTests
{
    private readonly ClassifyWorld _world = new();

    [Fact]
    public async Task Classify_JudgesAnEmailTicketAgain_AgainstTheScopeInForceWhenItWasFiled()
    {
        var filed = await _world.FileAsync();
        filed.NeedsClassification.Should().BeTrue();
        filed.Queue.Should().Be("general/tier-1");

        var result = await _world.ClassifyAsync(filed, release: "7.0");

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        var ticket = _world.Tickets[filed.Id];
        ticket.Entitlement!.Verdict.Should().Be(Verdict.OutOfScope, "scope version 1 was in force at noon; version 2, which supports 7.0 again, was published at 13:00");
        ticket.Entitlement.ScopeNumber.Should().Be(1);
        ticket.Entitlement.OutOfScopeCategories.Should().Equal(RequestCategories.Backport);
        ticket.NeedsClassification.Should().BeFalse();
        ticket.Product.Should().Be("Orders API");
        ticket.ProductRelease.Should().Be("7.0");
        ticket.IntakeEntitlement!.Verdict.Should().Be(Verdict.Entitled);
        ticket.IntakeEntitlement.NeedsClassification.Should().BeTrue("the first decision is kept beside the new one");
        ticket.FiledEntitlement.Should().BeSameAs(ticket.IntakeEntitlement);
        ticket.ClassifiedById.Should().Be(ClassifyWorld.Engineer);
        ticket.ClassifiedUtc.Should().Be(Now.AddHours(2));
        ticket.FirstResponseDueUtc.Should().Be(Now.AddHours(4), "an out-of-scope request still gets its first response, counted from filing");
        ticket.ResolveDueUtc.Should().BeNull();
        ticket.Queue.Should().Be("orders/tier-1", "the product's skill queue");
        ticket.IncidentContractId.Should().BeNull();
    }

    [Fact]
    public async Task Classify_WritesEveryChange_TheNewVerdictAndItsReasons_InTheAuditTrail()
    {
        var filed = await _world.FileAsync();

        await _world.ClassifyAsync(filed, release: "7.0", severity: Severity.High);

        var audit = (await _world.Tickets.ListAuditAsync(filed.Id)).Where(a => a.CreatedUtc == Now.AddHours(2)).ToList();
        audit.Should().Contain(a => a.Field == "product" && a.OldValue == null && a.NewValue == "Orders API" && a.ActorId == ClassifyWorld.Engineer);
        audit.Should().Contain(a => a.Field == "release" && a.OldValue == null && a.NewValue == "7.0");
        audit.Should().Contain(a => a.Field == "severity" && a.OldValue == "3 normal" && a.NewValue == "2 high");
        audit.Should().Contain(a => a.Field == "entitlement" && a.OldValue == "Entitled, needs classification" && a.NewValue == "OutOfScope");
        audit.Should().Contain(a => a.Field == "reason" && a.NewValue!.StartsWith("Release 7.0 is not supported", StringComparison.Ordinal));
        audit.Should().Contain(a => a.Field == "queue" && a.OldValue == "general/tier-1" && a.NewValue == "orders/tier-1");
        audit.Should().Contain(a => a.Field == TicketRouting.AuditField);
        audit.Should().Contain(a => a.Field == "first response due" && a.OldValue == "30 Nov 2026 16:00 UTC" && a.NewValue == "30 Nov 2026 13:00 UTC");
    }

    [Fact]
    public async Task Classify_MailsTheRequesterTheNewReasons_OnlyWhenTheVerdictChanges()
    {
        var filed = await _world.FileAsync();
        var acknowledgements = _world.Tickets.Mail.Count;

        await _world.ClassifyAsync(filed, release: "7.3");
        await _world.ClassifyAsync(_world.Tickets[filed.Id], release: "7.0");

        var mail = _world.Tickets.Mail.Skip(acknowledgements).Should().ContainSingle("Entitled on a provisional verdict to Entitled is no change of verdict").Subject;
        mail.Kind.Should().Be(TicketMail.ReclassifiedNotice);
        mail.ToAddress.Should().Be("nora@northwind.example");
        mail.Subject.Should().Be($"[{filed.Number}] Orders stop importing: now out of scope");
        mail.TextBody.Should().Contain("now out of scope (it was entitled)").And.Contain("- Release 7.0 is not supported");
        mail.TicketId.Should().Be(filed.Id);
    }

    [Fact]
    public async Task Classify_CountsTheTargetsOfTheNewSeverityFromFiling_AndKeepsTheMetFlagsTrue()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        var answered = _world.Tickets.Put(_world.Tickets[filed.Id] with { FirstResponseUtc = Now.AddMinutes(20), FirstResponseMet = true }, null, [], Now);

        await _world.ClassifyAsync(answered, severity: Severity.Critical);
        var critical = _world.Tickets[filed.Id];
        await _world.ClassifyAsync(critical, severity: Severity.Low);
        var low = _world.Tickets[filed.Id];

        critical.FirstResponseDueUtc.Should().Be(Now.AddMinutes(30));
        critical.ResolveDueUtc.Should().Be(Now.AddMinutes(240));
        critical.ResolveAtRiskUtc.Should().Be(Now.AddMinutes(180));
        critical.FirstResponseMet.Should().BeTrue("the answer came 20 minutes after filing, inside 30");
        critical.SlaCheckUtc.Should().Be(Now.AddMinutes(180), "the monitor looks next when the new resolution target is at risk");
        low.FirstResponseDueUtc.Should().Be(Now.AddMinutes(480));
        low.ResolveDueUtc.Should().Be(Now.AddMinutes(2880));
        low.SlaState.Should().Be(Core.Sla.SlaState.None);
    }

    [Fact]
    public async Task Classify_SaysAFirstResponseWasMissed_WhenTheStricterTargetWasPassed()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        var answered = _world.Tickets.Put(_world.Tickets[filed.Id] with { FirstResponseUtc = Now.AddMinutes(45), FirstResponseMet = true }, null, [], Now);

        await _world.ClassifyAsync(answered, severity: Severity.Critical);

        _world.Tickets[filed.Id].FirstResponseMet.Should().BeFalse("45 minutes is past the critical target of 30");
    }

    [Fact]
    public async Task Classify_MovesTheNewTargetsOnByTheTimeTheTicketWaitedOnTheCustomer()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        var waited = _world.Tickets.Put(
            _world.Tickets[filed.Id] with { FirstResponseDueUtc = filed.FirstResponseDueUtc!.Value.AddHours(1), ResolveDueUtc = filed.ResolveDueUtc!.Value.AddHours(1) },
            null,
            [],
            Now);

        await _world.ClassifyAsync(waited, severity: Severity.High);

        var ticket = _world.Tickets[filed.Id];
        ticket.FirstResponseDueUtc.Should().Be(Now.AddMinutes(60 + 60), "the high target of an hour, plus the hour it waited on the customer");
        ticket.ResolveDueUtc.Should().Be(Now.AddMinutes(480 + 60));
        ticket.FirstResponseAtRiskUtc.Should().Be(Now.AddMinutes(45 + 60));
    }

    [Fact]
    public async Task Classify_TakesAnIncident_WhenTheTicketIsNowEntitled()
    {
        var filed = await _world.FileAsync();
        filed.IncidentContractId.Should().BeNull("a ticket that needs classification uses no incident");

        await _world.ClassifyAsync(filed);

        _world.Tickets[filed.Id].IncidentContractId.Should().Be(7);
        _world.Tickets.IncidentMoves.Should().ContainSingle().Which.Move.Should().Be(new IncidentMove(null, 7));
        (await _world.Tickets.ListAuditAsync(filed.Id)).Should().Contain(a => a.Field == "incident" && a.OldValue == null && a.NewValue == "uses an incident of C-0007");
    }

    [Fact]
    public async Task Classify_GivesTheIncidentBack_WhenReclassifiedOutOfScope()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        filed.IncidentContractId.Should().Be(7);

        await _world.ClassifyAsync(filed, release: "7.0");

        _world.Tickets[filed.Id].IncidentContractId.Should().BeNull();
        _world.Tickets.IncidentMoves.Should().ContainSingle().Which.Move.Should().Be(new IncidentMove("reclassified out of scope", null));
        (await _world.Tickets.ListAuditAsync(filed.Id)).Should().Contain(a => a.Field == "incident" && a.OldValue == "C-0007" && a.NewValue == "given back: reclassified out of scope");
    }

    [Fact]
    public async Task Classify_DoesNotCountTheTicketsOwnIncident_AgainstTheAllowance()
    {
        _world.Contracts[0] = Contract(plan: Standard, used: 9);
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        _world.Contracts[0] = Contract(plan: Standard, used: 10);

        await _world.ClassifyAsync(filed, severity: Severity.High);

        _world.Tickets[filed.Id].Entitlement!.Verdict.Should().Be(Verdict.Entitled, "the tenth incident is this ticket's own");
        _world.Tickets.IncidentMoves.Should().BeEmpty();
    }

    [Fact]
    public async Task Classify_JudgesAgain_WhenAnotherTicketTookTheLastIncidentMeanwhile()
    {
        _world.Contracts[0] = Contract(plan: Standard, used: 9);
        var filed = await _world.FileAsync();
        var refused = false;
        _world.Tickets.BeforeUpdate = update =>
        {
            if (!refused && update.Incident?.TakeFromContractId is int contract)
            {
                refused = true;
                _world.Contracts[0] = Contract(plan: Standard, used: 10);
                throw new IncidentAllowanceUsedException(contract);
            }
        };

        var result = await _world.ClassifyAsync(filed);

        result.Succeeded.Should().BeTrue();
        refused.Should().BeTrue();
        _world.Tickets[filed.Id].Entitlement!.Verdict.Should().Be(Verdict.AllowanceUsed);
        _world.Tickets[filed.Id].IncidentContractId.Should().BeNull();
    }

    [Fact]
    public async Task Classify_LeavesTheTicketWithItsAssignee_WhileTheyStillQualify()
    {
        _world.OrdersExpert();
        var filed = await _world.FileAsync(product: "orders", release: "7.3");
        filed.AssigneeId.Should().Be(ClassifyWorld.OrdersEngineer);
        _world.Engineers.Set(_world.Engineers[ClassifyWorld.OrdersEngineer] with { Available = false });

        await _world.ClassifyAsync(filed, severity: Severity.High);

        _world.Tickets[filed.Id].AssigneeId.Should().Be(ClassifyWorld.OrdersEngineer, "proficiency 3 is what a high ticket needs, and being away does not take a ticket away");
        (await _world.Tickets.ListAuditAsync(filed.Id)).Should().NotContain(a => a.Field == "assignee" && a.CreatedUtc == Now.AddHours(2));
    }

    [Fact]
    public async Task Classify_RoutesAgain_WhenTheAssigneeNoLongerQualifies()
    {
        _world.OrdersExpert();
        var filed = await _world.FileAsync(product: "orders", release: "7.3");

        await _world.ClassifyAsync(filed, severity: Severity.Critical);

        var ticket = _world.Tickets[filed.Id];
        ticket.AssigneeId.Should().BeNull("a critical ticket needs proficiency 4");
        ticket.Queue.Should().Be("orders/tier-1");
        ticket.Routing!.Trigger.Should().Be(RoutingTrigger.Reclassified);
        (await _world.Tickets.ListAuditAsync(filed.Id)).Should().Contain(a => a.Field == "assignee" && a.OldValue == "Olga Orders" && a.NewValue == null);
    }

    [Fact]
    public async Task Classify_GivesAWaitingTicketToSomeoneWhoKnowsTheProduct()
    {
        var filed = await _world.FileAsync();
        _world.OrdersExpert();

        await _world.ClassifyAsync(filed);

        var ticket = _world.Tickets[filed.Id];
        ticket.AssigneeId.Should().Be(ClassifyWorld.OrdersEngineer);
        ticket.Queue.Should().BeNull();
    }

    [Fact]
    public async Task Classify_KeepsTheOverride_OnTopOfTheNewJudgement()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.0");
        var overridden = _world.Tickets.Put(_world.Tickets[filed.Id] with { Override = new EntitlementOverride(Verdict.Entitled, "Goodwill for a strategic account.", ClassifyWorld.Engineer, Now) }, ClassifyWorld.Engineer, [], Now);

        await _world.ClassifyAsync(overridden, release: "7.1");

        var ticket = _world.Tickets[filed.Id];
        ticket.Entitlement!.Verdict.Should().Be(Verdict.Entitled);
        ticket.Override!.Verdict.Should().Be(Verdict.Entitled);
        ticket.Override.IsGoodwillOver(ticket.Entitlement.Verdict).Should().BeFalse("the request is now entitled in its own right");
        ticket.IntakeEntitlement!.Verdict.Should().Be(Verdict.OutOfScope);
    }

    [Fact]
    public async Task Classify_SavesNothing_WhenTheFactsAreAlreadyTheTickets()
    {
        var filed = await _world.FileAsync(product: "orders", release: "7.3");

        var result = await _world.ClassifyAsync(filed, product: "Orders API", release: "7.3");

        result.Succeeded.Should().BeTrue();
        result.Value!.Version.Should().Be(filed.Version);
        _world.Tickets[filed.Id].Version.Should().Be(filed.Version);
    }

    [Fact]
    public async Task Classify_NamesEachFieldThatIsNotInTheCatalogue()
    {
        var filed = await _world.FileAsync();

        var result = await _world.Classify.HandleAsync(new ClassifyTicketRequest
        {
            Actor = TicketActor.Staff(ClassifyWorld.Engineer),
            TicketId = filed.Id,
            ExpectedVersion = filed.Version,
            Product = "Widgets",
            Environment = "Plan 9",
            Category = "gardening",
            Severity = 7,
            Language = "xx",
        });

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(["product", "environment", "category", "severity", "language"]);
        result.Errors.Should().Contain(new FieldError("product", "'Widgets' is not a product in the catalogue; choose one of Orders API and Billing."));
        _world.Tickets[filed.Id].Version.Should().Be(filed.Version);
    }

    [Fact]
    public async Task Classify_RefusesAReleaseOfAnotherProduct_AndAnEmptyProduct()
    {
        var filed = await _world.FileAsync();

        var wrongRelease = await _world.ClassifyAsync(filed, product: "billing", release: "7.3");
        var noProduct = await _world.ClassifyAsync(filed, product: "");

        wrongRelease.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("release", "'7.3' is not a release of Billing, which has no releases in the catalogue; leave the release empty."));
        noProduct.Errors.Should().ContainSingle().Which.Field.Should().Be("product");
    }

    [Fact]
    public async Task Classify_AnswersConflict_ForAStaleVersion_AndNotFound_ToACustomer()
    {
        var filed = await _world.FileAsync();

        var stale = await _world.ClassifyAsync(filed, version: filed.Version - 1);
        var customer = await _world.ClassifyAsync(filed, actor: null);

        stale.Failure.Should().Be(Failure.Conflict);
        customer.Failure.Should().Be(Failure.NotFound);
        _world.Tickets[filed.Id].NeedsClassification.Should().BeTrue();
    }

    [Fact]
    public async Task Classify_RefusesAClosedTicket()
    {
        var filed = await _world.FileAsync();
        var closed = _world.Tickets.Put(_world.Tickets[filed.Id] with { Status = TicketStatus.Closed, Queue = null }, null, [], Now);

        var result = await _world.ClassifyAsync(closed);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("status");
    }

    [Fact]
    public async Task Classify_NeverTakesAnIncident_ForATicketStaffSaidIsNotOne()
    {
        var filed = await _world.FileAsync();
        var marked = (await _world.MarkNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(TicketActor.Staff(ClassifyWorld.Engineer), filed.Id, "A question about licensing.", filed.Version))).Value!;

        await _world.ClassifyAsync(marked);

        _world.Tickets[filed.Id].Entitlement!.Verdict.Should().Be(Verdict.Entitled);
        _world.Tickets[filed.Id].IncidentContractId.Should().BeNull();
        _world.Tickets.IncidentMoves.Should().BeEmpty();
    }
}
