using HelpDesk.Core.Audit;

namespace HelpDesk.Core.Organisations;

/// <summary>
/// Saves and reads customer organisations with the email domains they own. Domains are stored and matched
/// lower-case, and a domain belongs to at most one organisation. Updates are optimistic: they name the
/// <see cref="Organisation.Version"/> they were based on and fail, rather than overwrite, when it is stale.
/// </summary>
public interface IOrganisationStore
{
    /// <summary>Inserts the organisation and its domains together; fails when the name or a domain is taken.</summary>
    Task<OrganisationSaveResult> CreateAsync(Organisation organisation, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="CreateAsync(Organisation, CancellationToken)"/>, writing the manager's audit line (for the new id) in the same transaction.</summary>
    Task<OrganisationSaveResult> CreateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    Task<Organisation?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The organisation as this node read it a short while ago, for intake, which reads it for every ticket: a store
    /// that keeps copies forgets them when it saves an organisation, and another node's change applies within their
    /// lifetime. Without copies, as <see cref="GetAsync"/>.
    /// </summary>
    Task<Organisation?> GetRecentAsync(int id, CancellationToken cancellationToken = default) => GetAsync(id, cancellationToken);

    /// <summary>Every organisation, ordered by name.</summary>
    Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The organisation that owns the domain, compared without regard to case; null when none does.</summary>
    Task<Organisation?> FindByEmailDomainAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves name, region, segment and the full list of domains if the stored version still equals
    /// <see cref="Organisation.Version"/>; the result carries the new version.
    /// </summary>
    Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="UpdateAsync(Organisation, CancellationToken)"/>, writing the manager's audit line in the same transaction.</summary>
    Task<OrganisationSaveResult> UpdateAsync(Organisation organisation, ManageAuditEntry audit, CancellationToken cancellationToken = default);
}
