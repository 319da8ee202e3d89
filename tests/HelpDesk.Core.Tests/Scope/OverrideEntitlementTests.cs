using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tests.Tickets;
using HelpDesk.Core.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Scope;

public sealed class OverrideEntitlementTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 14, 0, 0, DateTimeKind.Utc);
    private static readonly TicketActor Engineer = TicketActor.Staff(5);

    private readonly InMemoryTicketStore _tickets = new();
    private readonly OverrideEntitlement _override;
    private readonly Ticket _ticket;

    public OverrideEntitlementTests()
    {
        _override = new OverrideEntitlement(_tickets, new FakeTimeProvider(Now));
        _ticket = _tickets.Add(new Ticket
        {
            Subject = "Crash on 7.0",
            OrganisationId = 42,
            Entitlement = new EntitlementDecision { Verdict = Verdict.OutOfScope, OutOfScopeCategories = [RequestCategories.Backport] },
        });
    }

    [Fact]
    public async Task HandleAsync_KeepsTheIntakeDecision_AndRecordsTheOverrideAndItsReason()
    {
        var result = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.Entitled, "  Renewal under way; agreed with the account team.  ", _ticket.Version));

        result.Succeeded.Should().BeTrue();
        var saved = result.Value!;
        saved.Verdict.Should().Be(Verdict.Entitled);
        saved.Entitlement!.Verdict.Should().Be(Verdict.OutOfScope);
        saved.Override.Should().Be(new EntitlementOverride(Verdict.Entitled, "Renewal under way; agreed with the account team.", 5, Now));
        saved.Override!.IsGoodwillOver(saved.Entitlement.Verdict).Should().BeTrue();
        var audit = await _tickets.ListAuditAsync(_ticket.Id);
        audit.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Field = "entitlement",
            OldValue = "OutOfScope",
            NewValue = "Entitled: Renewal under way; agreed with the account team.",
            ActorId = (int?)5,
        });
    }

    [Fact]
    public async Task HandleAsync_OverridesAnOverride_ComparingWithTheVerdictInForce()
    {
        var first = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.Entitled, "Goodwill.", null));

        var back = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.OutOfScope, "The customer confirmed it is a backport.", first.Value!.Version));

        back.Succeeded.Should().BeTrue();
        back.Value!.Verdict.Should().Be(Verdict.OutOfScope);
        (await _tickets.ListAuditAsync(_ticket.Id))[^1].OldValue.Should().Be("Entitled");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task HandleAsync_AsksForAReason(string? reason)
    {
        var result = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.Entitled, reason, null));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("reason", "Say why you are overriding the verdict; the customer's account team will read it."));
    }

    [Fact]
    public async Task HandleAsync_RefusesAReasonOver1000Characters()
    {
        var result = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.Entitled, new string('x', 1001), null));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Single().Field.Should().Be("reason");
    }

    [Fact]
    public async Task HandleAsync_RefusesTheVerdictAlreadyInForce()
    {
        var result = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.OutOfScope, "Still out of scope.", null));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Single().Field.Should().Be("verdict");
        (await _tickets.ListAuditAsync(_ticket.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ReportsAConflict_WhenTheTicketChangedMeanwhile()
    {
        var result = await _override.HandleAsync(new(Engineer, _ticket.Id, Verdict.Entitled, "Goodwill.", _ticket.Version + 1));

        result.Failure.Should().Be(Failure.Conflict);
    }

    [Fact]
    public async Task HandleAsync_HidesTheTicket_FromCustomers()
    {
        var result = await _override.HandleAsync(new(TicketActor.Customer(9, 42), _ticket.Id, Verdict.Entitled, "Please.", null));

        result.Failure.Should().Be(Failure.NotFound);
        (await _tickets.GetAsync(_ticket.Id, TicketScope.Staff))!.Override.Should().BeNull();
    }

    [Fact]
    public async Task HandleAsync_ReportsAnUnknownTicket()
    {
        var result = await _override.HandleAsync(new(Engineer, 999, Verdict.Entitled, "Goodwill.", null));

        result.Failure.Should().Be(Failure.NotFound);
    }
}
