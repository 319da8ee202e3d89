using HelpDesk.Core.Accounts;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Accounts;

/// <summary>
/// The account rows read by id, which every signed-in request reads at least twice (the bearer token's security stamp
/// check and who the caller is) while they change rarely. This node keeps a copy of each for <see cref="Lifetime"/>.
/// Every write to an account row through this app (Identity's updates, sign-out and password change through the
/// security stamp, lockout, deactivation, placement, role changes through the concurrency stamp, the right to buy)
/// calls <see cref="Invalidate"/>, which forgets every copy at once, so the change holds from the next request on this
/// node; a change made on another node or by hand holds within <see cref="Lifetime"/>. Callers get a copy of their own,
/// since Identity changes the object it is given before saving it.
/// </summary>
public sealed class AccountCache(TimeProvider? clock = null)
{
    private readonly ExpiringCache<int, HelpDeskUser?> _accounts = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System);
    private readonly ExpiringCache<int, Person?> _people = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System);
    private readonly ExpiringCache<string, Person?> _peopleByEmail = new(Lifetime, maxEntries: 10_000, clock ?? TimeProvider.System, StringComparer.Ordinal);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Forgets every copy: the next read of any account goes to the database.</summary>
    public void Invalidate()
    {
        _accounts.Invalidate();
        _people.Invalidate();
        _peopleByEmail.Invalidate();
    }

    /// <summary>Runs a write to account rows and forgets every copy once it is over, committed or not.</summary>
    internal async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            Invalidate();
        }
    }

    /// <summary>
    /// An account as the use cases meet it (<see cref="Person"/>: its name, address, organisation and whether it is
    /// active staff), read by id; filing reads its requester's for every ticket. Immutable, so callers share it.
    /// </summary>
    internal Task<Person?> GetPersonAsync(int id, Func<Task<Person?>> load) =>
        _people.GetAsync(id, load, keep: person => person is not null);

    /// <summary>
    /// The same, found by its normalized address; mail intake reads its sender's for every message. An address that
    /// belongs to nobody is not remembered: the contact intake adds for it a moment later is found at once.
    /// </summary>
    internal Task<Person?> GetPersonByEmailAsync(string normalizedEmail, Func<Task<Person?>> load) =>
        _peopleByEmail.GetAsync(normalizedEmail, load, keep: person => person is not null);

    internal async Task<HelpDeskUser?> GetAsync(int id, Func<Task<HelpDeskUser?>> load)
    {
        // An account not found is not remembered: one made a moment later is found at once.
        var kept = await _accounts.GetAsync(id, load, keep: user => user is not null);
        return kept?.Copy();
    }
}
