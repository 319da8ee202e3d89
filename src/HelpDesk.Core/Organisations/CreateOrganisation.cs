using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Organisations;

/// <summary>
/// A new organisation as a manager enters it; <see cref="Domains"/> is typed as a comma-separated list.
/// <see cref="ActorId"/> is the manager, for the organisation's audit trail.
/// </summary>
public sealed record CreateOrganisationRequest(string? Name, Region? Region, CustomerSegment? Segment, string? Domains, int? ActorId = null);

/// <summary>Adds a customer organisation with the email domains that place its people.</summary>
public sealed class CreateOrganisation(IOrganisationStore organisations, TimeProvider clock)
{
    public async Task<Result<Organisation>> HandleAsync(CreateOrganisationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checkedInput = OrganisationRules.Check(request.Name, request.Region, request.Segment, request.Domains);
        if (!checkedInput.Succeeded)
        {
            return checkedInput.As<Organisation>();
        }

        var (name, region, segment, domains) = checkedInput.Value!;
        var organisation = new Organisation { Name = name, Region = region, Segment = segment, EmailDomains = domains, CreatedUtc = clock.UtcNow() };
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Organisation,
            ActorId = request.ActorId,
            Action = "created",
            Detail = OrganisationChanges.Describe(null, organisation),
            AtUtc = organisation.CreatedUtc,
        };
        var saved = await organisations.CreateAsync(organisation, audit, cancellationToken);
        return saved.Succeeded
            ? Result<Organisation>.Ok(organisation with { Id = saved.Id, Version = saved.Version })
            : OrganisationRules.Refusal(saved, $"{name} could not be added; try again.");
    }
}
