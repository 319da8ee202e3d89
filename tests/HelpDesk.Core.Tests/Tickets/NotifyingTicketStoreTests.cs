using HelpDesk.Core.Tests.Routing;
using HelpDesk.Core.Tickets;
using static HelpDesk.Core.Tests.Routing.RoutingWorld;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>The desk hears of a ticket change only once it is saved, with who made it; a refused save tells no one.</summary>
public sealed class NotifyingTicketStoreTests
{
    private readonly RoutingWorld _world = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly NotifyingTicketStore _store;

    public NotifyingTicketStoreTests()
    {
        _world.Engineer(1, "Priya Shah");
        _store = new NotifyingTicketStore(_world.Tickets, _notifier);
    }

    [Fact]
    public async Task SavedUpdate_TellsTheDesk_WhichTicketAndWho()
    {
        var ticket = _world.Ticket(assignee: 1);

        var saved = await _store.UpdateAsync(new TicketUpdate(ticket with { Status = TicketStatus.OnHold }, 1, [new("status", "Open", "OnHold")], Monday));

        saved.Should().NotBeNull();
        _notifier.Changes.Should().Equal(new TicketChanged(ticket.Id, 1));
    }

    [Fact]
    public async Task StaleUpdate_TellsNoOne()
    {
        var ticket = _world.Ticket(assignee: 1);
        _world.Tickets.Touch(ticket.Id);

        var saved = await _store.UpdateAsync(new TicketUpdate(ticket with { Status = TicketStatus.OnHold }, 1, [], Monday));

        saved.Should().BeNull();
        _notifier.Changes.Should().BeEmpty();
    }

    [Fact]
    public async Task Reads_TellNoOne()
    {
        var ticket = _world.Ticket(assignee: 1);

        (await _store.GetAsync(ticket.Id, TicketScope.Staff)).Should().NotBeNull();

        _notifier.Changes.Should().BeEmpty();
    }

    private sealed class RecordingNotifier : ITicketChangeNotifier
    {
        public List<TicketChanged> Changes { get; } = [];

        public Task TicketChangedAsync(TicketChanged change, CancellationToken cancellationToken = default)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }
}
