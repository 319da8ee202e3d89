using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>Closing a ticket as a duplicate, and saying it is not an incident: both give its incident back, once.</summary>
public sealed class IncidentGiveBackTests
{
    private static readonly TicketActor Staff = TicketActor.Staff(ClassifyWorld.Engineer);

    private readonly ClassifyWorld _world = new();

    [Fact]
    public async Task MarkDuplicate_ClosesTheTicket_LinksBothWays_TellsTheRequester_AndGivesTheIncidentBack()
    {
        var original = await _world.FileAsync(product: "orders", release: "7.3", subject: "Orders stop importing");
        var duplicate = await _world.FileAsync(product: "orders", release: "7.3", subject: "Import broken again");
        duplicate.IncidentContractId.Should().Be(7);

        var result = await _world.MarkDuplicate.HandleAsync(new MarkDuplicateRequest(Staff, duplicate.Id, original.Number, "Sorry for the double mail.", duplicate.Version));

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        var closed = _world.Tickets[duplicate.Id];
        closed.Status.Should().Be(TicketStatus.Closed);
        closed.DuplicateOfId.Should().Be(original.Id);
        closed.ClosedUtc.Should().Be(Now.AddHours(2));
        closed.SlaCheckUtc.Should().BeNull();
        closed.IncidentContractId.Should().BeNull();
        _world.Tickets.IncidentMoves.Should().ContainSingle().Which.Should().Be((duplicate.Id, IncidentMove.GiveBack($"merged as a duplicate of {original.Number}")));
        var audit = await _world.Tickets.ListAuditAsync(duplicate.Id);
        audit.Should().Contain(a => a.Field == "duplicate of" && a.NewValue == original.Number && a.ActorId == ClassifyWorld.Engineer);
        audit.Should().Contain(a => a.Field == "status" && a.NewValue == "Closed");
        audit.Should().Contain(a => a.Field == "incident" && a.OldValue == "C-0007" && a.NewValue == $"given back: merged as a duplicate of {original.Number}");
        (await _world.Tickets.ListAuditAsync(original.Id)).Should().Contain(a => a.Field == "duplicate" && a.NewValue == $"{duplicate.Number} was closed as a duplicate of this ticket");
        var mail = _world.Tickets.Mail.Should().ContainSingle(m => m.Kind == TicketMail.DuplicateNotice).Subject;
        mail.ToAddress.Should().Be("nora@northwind.example");
        mail.Subject.Should().Be($"[{duplicate.Number}] is a duplicate of {original.Number}");
        mail.TextBody.Should().Contain($"carry on in {original.Number}");
        (await _world.Tickets.ListAsync(new TicketQuery { Scope = TicketScope.Staff, DuplicateOfId = original.Id })).Items.Select(t => t.Id).Should().Equal(duplicate.Id);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "self", "A ticket cannot be a duplicate of itself; give the number of the other ticket." },
        { "missing", "There is no ticket HD-999." },
        { "closed", "is closed, so the work cannot carry on there." },
        { "another organisation", "is another organisation's ticket; a duplicate must ask the same customer's question." },
        { "a duplicate itself", "is itself a duplicate of" },
        { "not a number", "Give the number of the ticket this one duplicates, as HD-42 or 42." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task MarkDuplicate_RefusesAnOriginalTheWorkCannotCarryOnIn(string original, string message)
    {
        var ticket = await _world.FileAsync(product: "orders", release: "7.3");
        var other = await _world.FileAsync(product: "orders", release: "7.3", subject: "Other");
        var number = original switch
        {
            "self" => ticket.Number,
            "missing" => "HD-999",
            "closed" => _world.Tickets.Put(_world.Tickets[other.Id] with { Status = TicketStatus.Closed }, null, [], Now).Number,
            "another organisation" => _world.Tickets.Put(_world.Tickets[other.Id] with { OrganisationId = 99 }, null, [], Now).Number,
            "a duplicate itself" => _world.Tickets.Put(_world.Tickets[other.Id] with { DuplicateOfId = 12 }, null, [], Now).Number,
            _ => "the other one",
        };

        var result = await _world.MarkDuplicate.HandleAsync(new MarkDuplicateRequest(Staff, ticket.Id, number, null, ticket.Version));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "original" && e.Message.Contains(message, StringComparison.Ordinal));
        _world.Tickets[ticket.Id].Status.Should().Be(TicketStatus.New);
    }

    [Fact]
    public async Task MarkDuplicate_AnswersConflict_ForAStaleVersion_AndNotFound_ToACustomer()
    {
        var original = await _world.FileAsync(product: "orders", release: "7.3");
        var duplicate = await _world.FileAsync(product: "orders", release: "7.3", subject: "Again");

        var stale = await _world.MarkDuplicate.HandleAsync(new MarkDuplicateRequest(Staff, duplicate.Id, original.Number, null, duplicate.Version - 1));
        var customer = await _world.MarkDuplicate.HandleAsync(new MarkDuplicateRequest(TicketActor.Customer(ClassifyWorld.Requester, Organisation), duplicate.Id, original.Number, null, duplicate.Version));

        stale.Failure.Should().Be(Failure.Conflict);
        customer.Failure.Should().Be(Failure.NotFound);
        _world.Tickets.IncidentMoves.Should().BeEmpty();
    }

    [Fact]
    public async Task MarkNotAnIncident_GivesTheIncidentBack_WithTheReason_OnlyOnce()
    {
        var ticket = await _world.FileAsync(product: "orders", release: "7.3");

        var marked = await _world.MarkNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(Staff, ticket.Id, "  A licensing question, answered in a minute.  ", ticket.Version));
        var again = await _world.MarkNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(Staff, ticket.Id, "Still not one.", marked.Value!.Version));

        marked.Value.NotAnIncidentReason.Should().Be("A licensing question, answered in a minute.");
        marked.Value.IncidentContractId.Should().BeNull();
        _world.Tickets.IncidentMoves.Should().ContainSingle().Which.Move.Should().Be(IncidentMove.GiveBack("not an incident: A licensing question, answered in a minute."));
        (await _world.Tickets.ListAuditAsync(ticket.Id)).Should().Contain(a => a.Field == "incident" && a.OldValue == "C-0007" && a.NewValue == "given back: not an incident: A licensing question, answered in a minute.");
        again.Errors.Should().ContainSingle().Which.Message.Should().StartWith($"{ticket.Number} is already marked not an incident");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task MarkNotAnIncident_AsksForAReason(string? reason)
    {
        var ticket = await _world.FileAsync(product: "orders", release: "7.3");

        var result = await _world.MarkNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(Staff, ticket.Id, reason, ticket.Version));

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("reason");
        _world.Tickets[ticket.Id].IncidentContractId.Should().Be(7);
    }

    [Fact]
    public async Task MarkNotAnIncident_AnswersNotFound_ToACustomer()
    {
        var ticket = await _world.FileAsync(product: "orders", release: "7.3");

        var result = await _world.MarkNotAnIncident.HandleAsync(new MarkNotAnIncidentRequest(TicketActor.Customer(ClassifyWorld.Requester, Organisation), ticket.Id, "Mine is not one.", ticket.Version));

        result.Failure.Should().Be(Failure.NotFound);
    }
}
