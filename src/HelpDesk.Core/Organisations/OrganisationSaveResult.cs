namespace HelpDesk.Core.Organisations;

public enum OrganisationSaveProblem
{
    /// <summary>Another organisation already has this name.</summary>
    NameTaken,

    /// <summary>One or more of the email domains belong to another organisation; see the conflicting domains.</summary>
    DomainTaken,

    /// <summary>The organisation changed (or was removed) since it was read; reload it and try again.</summary>
    StaleVersion,
}

/// <summary>The outcome of saving an organisation: its id and new version, or why nothing was saved.</summary>
public sealed record OrganisationSaveResult
{
    public int Id { get; init; }

    public int Version { get; init; }

    public OrganisationSaveProblem? Problem { get; init; }

    public IReadOnlyList<string> ConflictingDomains { get; init; } = [];

    public bool Succeeded => Problem is null;

    public static OrganisationSaveResult Saved(int id, int version) => new() { Id = id, Version = version };

    public static OrganisationSaveResult Failed(OrganisationSaveProblem problem) => new() { Problem = problem };

    public static OrganisationSaveResult DomainsTaken(IReadOnlyList<string> domains) =>
        new() { Problem = OrganisationSaveProblem.DomainTaken, ConflictingDomains = domains };
}
