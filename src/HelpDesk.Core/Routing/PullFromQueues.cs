using HelpDesk.Core.Common;

namespace HelpDesk.Core.Routing;

/// <summary>
/// Gives an engineer with room the tickets waiting in their skill queues: the queues of each product they know and
/// the general queue, at their tier and below, merged in pull order (SLA due time, severity, age). Only tickets the
/// router would let them take are pulled, and each is claimed only if it still waits, so two engineers pulling at
/// the same instant never get the same ticket: the one who loses the race moves on to the next. Each claim also
/// checks the engineer's capacity against what they hold at that moment, so two pulls for one engineer at once
/// (a resolution and the recurring pull) never fill them past it.
/// </summary>
public sealed class PullFromQueues(IRoutingStore routing, IEngineerStore engineers, RoutingSettings settings, TimeProvider clock)
{
    /// <summary>The fewest waiting tickets read per queue; the engineer may qualify for none of the first few.</summary>
    private const int Window = 10;

    /// <summary>How many times to read the queues again when races were lost or the window was too small.</summary>
    private const int Passes = 4;

    /// <returns>The ids of the tickets the engineer was given, in the order they were pulled.</returns>
    public Task<IReadOnlyList<int>> FillAsync(int engineerId, CancellationToken ct = default) => FillAsync(engineerId, [], ct);

    /// <param name="skip">Tickets not to give them (the one they just handed back).</param>
    public async Task<IReadOnlyList<int>> FillAsync(int engineerId, IReadOnlyCollection<int> skip, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(skip);
        var engineer = await engineers.GetAsync(engineerId, ct);
        if (engineer is null || !engineer.Available)
        {
            return [];
        }

        var loads = await routing.LoadCandidatesAsync(ct);
        var open = loads.FirstOrDefault(l => l.Engineer.UserId == engineerId)?.OpenTickets ?? 0;
        return await FillAsync(new EngineerLoad(engineer, open), skip, ct);
    }

    /// <summary>Fills every available engineer with room, the least loaded first.</summary>
    /// <returns>How many tickets were pulled.</returns>
    public async Task<int> FillAllAsync(CancellationToken ct = default)
    {
        var loads = await routing.LoadCandidatesAsync(ct);
        var pulled = 0;
        foreach (var load in loads
            .Where(l => l.Engineer.Available && l.HasSpareCapacity)
            .OrderBy(l => (double)l.OpenTickets / l.Engineer.Capacity)
            .ThenBy(l => l.Engineer.LastAssignedUtc ?? DateTime.MinValue)
            .ThenBy(l => l.Engineer.UserId))
        {
            pulled += (await FillAsync(load, [], ct)).Count;
        }

        return pulled;
    }

    private async Task<IReadOnlyList<int>> FillAsync(EngineerLoad load, IReadOnlyCollection<int> skip, CancellationToken ct)
    {
        var engineer = load.Engineer;
        var open = load.OpenTickets;
        var claimed = new List<int>();
        if (!engineer.Available || open >= engineer.Capacity)
        {
            return claimed;
        }

        var queues = SkillQueue.For(engineer).Select(q => q.Name).ToList();
        var seen = new HashSet<int>(skip);
        var take = Math.Max(Window, (engineer.Capacity - open) * 2);
        for (var pass = 0; pass < Passes && open < engineer.Capacity; pass++, take *= 2)
        {
            var waiting = await routing.ListWaitingAsync(queues, take, ct);
            var lostRace = false;
            foreach (var ticket in waiting
                .Where(t => !seen.Contains(t.Id))
                .OrderBy(t => t.QueueDueUtc)
                .ThenBy(t => t.Severity)
                .ThenBy(t => t.CreatedUtc)
                .ThenBy(t => t.Id))
            {
                seen.Add(ticket.Id);
                var now = clock.UtcNow();
                var current = new EngineerLoad(engineer, open);
                var request = RoutingRequests.For(ticket, now);
                if (!Router.Qualifies(request, current, settings))
                {
                    continue;
                }

                var decision = Router.Decide(request, [current], settings, RoutingTrigger.Pulled) with
                {
                    Summary = $"Pulled by {engineer.Name} from {ticket.Queue}: the first waiting ticket they qualify for, by SLA due time, severity and age",
                };
                var outcome = await routing.ClaimAsync(new TicketClaim(ticket.Id, engineer.UserId, decision, now) { Capacity = engineer.Capacity }, ct);
                if (outcome == ClaimOutcome.EngineerFull)
                {
                    // Another pull for the same engineer (the recurring one, another node) filled them meanwhile.
                    return claimed;
                }

                if (outcome == ClaimOutcome.Gone)
                {
                    lostRace = true;
                    continue;
                }

                claimed.Add(ticket.Id);
                open++;
                if (open >= engineer.Capacity)
                {
                    break;
                }
            }

            // Another read helps only when someone else took tickets from under us, or a queue had more than we read.
            var queueWasFull = waiting.GroupBy(t => t.Queue).Any(g => g.Count() >= take);
            if (!lostRace && !queueWasFull)
            {
                break;
            }
        }

        return claimed;
    }
}
