namespace HelpDesk.Core.Accounts;

/// <summary>Names and addresses of the people a use case mentions or writes to.</summary>
public interface IPeopleDirectory
{
    Task<Person?> FindAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Everyone active with the Engineer or Manager role, by name: the people a ticket can be assigned to.</summary>
    Task<IReadOnlyList<Person>> ListStaffAsync(CancellationToken cancellationToken = default);

    /// <summary>The person with this email address, compared without regard to case; null when there is none.</summary>
    Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a customer contact who has written in: an account with the Customer role and no password (they can set one
    /// with "forgot password"), in the organisation when given. Returns the existing person when the address is taken.
    /// </summary>
    Task<Person> AddContactAsync(string email, string name, int? organisationId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

public sealed record Person
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public int? OrganisationId { get; init; }
    public bool IsStaff { get; init; }
}
