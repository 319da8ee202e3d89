using HelpDesk.Core.Audit;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tests.Contracts;
using HelpDesk.Core.Tests.Tickets;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Routing;

/// <summary>Engineer profiles in a dictionary, versioned like the real store; rates are added, and replaced only before they start.</summary>
internal sealed class InMemoryEngineerStore : IEngineerStore
{
    private readonly Dictionary<int, EngineerProfile> _profiles = [];

    public EngineerProfile this[int userId] => _profiles[userId];

    public IEnumerable<EngineerProfile> All => _profiles.Values;

    public EngineerProfile Add(EngineerProfile profile) => _profiles[profile.UserId] = profile with { Version = profile.Version == 0 ? 1 : profile.Version };

    public void Set(EngineerProfile profile) => _profiles[profile.UserId] = profile;

    public Task<IReadOnlyList<EngineerProfile>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EngineerProfile>>([.. _profiles.Values.OrderBy(p => p.Name)]);

    public Task<EngineerProfile?> GetAsync(int userId, CancellationToken cancellationToken = default) => Task.FromResult(_profiles.GetValueOrDefault(userId));

    public async Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        var saved = await SaveAsync(profile, nowUtc, cancellationToken);
        if (saved is not null)
        {
            Audit.Add(audit);
        }

        return saved;
    }

    public Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var stored = _profiles.GetValueOrDefault(profile.UserId);
        if ((stored is null && profile.Version != 0) || (stored is not null && stored.Version != profile.Version))
        {
            return Task.FromResult<EngineerProfile?>(null);
        }

        var saved = profile with { Rates = stored?.Rates ?? [], Version = profile.Version + 1 };
        _profiles[saved.UserId] = saved;
        return Task.FromResult<EngineerProfile?>(saved);
    }

    /// <summary>The audit lines the writes recorded.</summary>
    public List<ManageAuditEntry> Audit { get; } = [];

    public async Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        var added = await AddRateAsync(userId, rate, nowUtc, cancellationToken);
        if (added)
        {
            Audit.Add(audit);
        }

        return added;
    }

    public Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var profile = _profiles[userId];
        var same = profile.Rates.FirstOrDefault(r => r.EffectiveFrom == rate.EffectiveFrom);
        if (same is not null && same.EffectiveFrom <= DateOnly.FromDateTime(nowUtc))
        {
            return Task.FromResult(false);
        }

        _profiles[userId] = profile with { Rates = [.. profile.Rates.Where(r => r != same).Append(rate).OrderBy(r => r.EffectiveFrom)] };
        return Task.FromResult(true);
    }
}

/// <summary>
/// Routing reads and the conditional claim over the in-memory tickets and profiles. <see cref="BeforeClaim"/> lets a
/// test play the engineer who gets there first.
/// </summary>
internal sealed class InMemoryRoutingStore(InMemoryTicketStore tickets, InMemoryEngineerStore engineers, InMemoryOrganisationStore organisations) : IRoutingStore
{
    public static readonly DateTime NoDue = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public Action<TicketClaim>? BeforeClaim { get; set; }

    public List<TicketClaim> Claims { get; } = [];

    public Task<IReadOnlyList<EngineerLoad>> LoadCandidatesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EngineerLoad>>([.. engineers.All.OrderBy(e => e.UserId).Select(e => new EngineerLoad(e, OpenOf(e.UserId)))]);

    public int OpenOf(int engineerId) => tickets.All.Count(t => t.AssigneeId == engineerId && TicketWorkflow.IsOpen(t.Status));

    public Task<IReadOnlyList<WaitingTicket>> ListWaitingAsync(IReadOnlyCollection<string> queues, int takePerQueue, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WaitingTicket>>([.. tickets.All
            .Where(t => t.Queue is not null && t.AssigneeId is null && queues.Contains(t.Queue))
            .GroupBy(t => t.Queue!)
            .SelectMany(g => g
                .OrderBy(t => t.NextDueUtc ?? NoDue)
                .ThenBy(t => t.Severity)
                .ThenBy(t => t.CreatedUtc)
                .ThenBy(t => t.Id)
                .Take(takePerQueue))
            .Select(t => new WaitingTicket
            {
                Id = t.Id,
                Queue = t.Queue!,
                Environment = t.Environment,
                Category = t.Category,
                Language = t.Language,
                Severity = t.Severity,
                Tier = t.Tier,
                Segment = organisations.Organisations.FirstOrDefault(o => o.Id == t.OrganisationId)?.Segment ?? CustomerSegment.Standard,
                QueueDueUtc = t.NextDueUtc ?? NoDue,
                CreatedUtc = t.CreatedUtc,
                GivenUpBy = tickets.GivenUpOf(t.Id),
            })]);

    public Task<IReadOnlyList<GivenUp>> ListGivenUpAsync(int ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult(tickets.GivenUpOf(ticketId));

    public Task<ClaimOutcome> ClaimAsync(TicketClaim claim, CancellationToken cancellationToken = default)
    {
        BeforeClaim?.Invoke(claim);
        if (claim.Capacity is int capacity && OpenOf(claim.EngineerId) >= capacity)
        {
            return Task.FromResult(ClaimOutcome.EngineerFull);
        }

        var ticket = tickets[claim.TicketId];
        if (ticket.Queue is null || ticket.AssigneeId is not null)
        {
            return Task.FromResult(ClaimOutcome.Gone);
        }

        Claims.Add(claim);
        tickets.Put(
            ticket with { AssigneeId = claim.EngineerId, Queue = null, Routing = claim.Routing, UpdatedUtc = claim.NowUtc },
            null,
            [new("assignee", null, claim.Routing.AssigneeName), new("queue", ticket.Queue, null), new(TicketRouting.AuditField, null, claim.Routing.Summary)],
            claim.NowUtc);
        engineers.Set(engineers[claim.EngineerId] with { LastAssignedUtc = claim.NowUtc });
        return Task.FromResult(ClaimOutcome.Claimed);
    }

    public Task<IReadOnlyList<QueueDepth>> ListQueueDepthsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<EngineerWorkload>> ListWorkloadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class InMemoryPeople : IPeopleDirectory
{
    public List<Person> People { get; } = [];

    public Person Add(int id, string name, bool staff = true) => Add(new Person { Id = id, Name = name, Email = $"{name.Split(' ')[0].ToLowerInvariant()}@example.com", IsStaff = staff });

    public Person Add(Person person)
    {
        People.Add(person);
        return person;
    }

    public Task<Person?> FindAsync(int userId, CancellationToken cancellationToken = default) => Task.FromResult(People.FirstOrDefault(p => p.Id == userId));

    public Task<IReadOnlyList<Person>> ListStaffAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Person>>([.. People.Where(p => p.IsStaff).OrderBy(p => p.Name)]);

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(People.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)));

    public Task<Person> AddContactAsync(string email, string name, int? organisationId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var existing = People.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(existing ?? Add(new Person { Id = People.Count == 0 ? 1000 : People.Max(p => p.Id) + 1, Name = name, Email = email, OrganisationId = organisationId }));
    }
}

internal sealed class FixedCalendars : ISlaCalendarSource
{
    public Dictionary<int, SlaCalendar> Calendars { get; } = [];

    public Task<SlaCalendar?> ForContractAsync(int contractId, CancellationToken cancellationToken = default) => Task.FromResult(Calendars.GetValueOrDefault(contractId));
}
