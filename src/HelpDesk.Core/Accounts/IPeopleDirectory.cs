namespace HelpDesk.Core.Accounts;

/// <summary>Names and addresses of the people a use case mentions or writes to.</summary>
public interface IPeopleDirectory
{
    Task<Person?> FindAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Everyone with the Engineer or Manager role, by name: the people a ticket can be assigned to.</summary>
    Task<IReadOnlyList<Person>> ListStaffAsync(CancellationToken cancellationToken = default);
}

public sealed record Person
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public int? OrganisationId { get; init; }
    public bool IsStaff { get; init; }
}
