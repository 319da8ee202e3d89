using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;

namespace HelpDesk.Core.Tests.Webhooks;

public sealed class TicketWebhookEventsTests
{
    private static readonly Ticket Before = new() { Id = 7, Subject = "Driver crash", Status = TicketStatus.Open, Severity = Severity.High };

    private static IEnumerable<string> Types(Ticket after, NewMessage? message = null) =>
        TicketWebhookEvents.ForUpdate(Before, after, message).Select(e => e.Type);

    [Fact]
    public void ForUpdate_RaisesNothing_ForAnInternalNoteOrTheMonitorsBookkeeping()
    {
        Types(Before with { SlaCheckUtc = DateTime.UtcNow }, new NewMessage(3, MessageKind.Note, MessageBody.FromPlainText("internal"))).Should().BeEmpty();
    }

    [Fact]
    public void ForUpdate_RaisesOneEventPerKindOfChange_InAFixedOrder()
    {
        var after = Before with { AssigneeId = 4, Status = TicketStatus.PendingCustomer, Severity = Severity.Critical, SlaState = SlaState.Breached };
        Types(after, new NewMessage(4, MessageKind.Reply, MessageBody.FromPlainText("hello")))
            .Should().Equal(WebhookEvents.TicketUpdated, WebhookEvents.TicketAssigned, WebhookEvents.MessageAdded, WebhookEvents.TicketStatusChanged, WebhookEvents.SlaBreached);
    }

    [Fact]
    public void ForUpdate_SaysWhatChanged()
    {
        var status = TicketWebhookEvents.ForUpdate(Before, Before with { Status = TicketStatus.Resolved }, null).Single();
        status.Changes.Should().Equal(new WebhookFieldChange("status", "Open", "Resolved"));
    }

    [Fact]
    public void ForUpdate_RaisesAtRisk_OnlyWhenTheStateGetsWorse()
    {
        Types(Before with { SlaState = SlaState.AtRisk }).Should().Equal(WebhookEvents.SlaAtRisk);
        TicketWebhookEvents.ForUpdate(Before with { SlaState = SlaState.AtRisk }, Before, null).Should().BeEmpty();
    }
}
