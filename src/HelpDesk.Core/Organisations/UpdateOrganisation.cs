using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Organisations;

/// <summary>
/// An organisation's details as a manager edits them; <see cref="Domains"/> is typed as a comma-separated list.
/// <see cref="ActorId"/> is the manager, for the organisation's audit trail.
/// </summary>
public sealed record UpdateOrganisationRequest(int Id, int Version, string? Name, Region? Region, CustomerSegment? Segment, string? Domains, int? ActorId = null);

/// <summary>Changes an organisation's name, region, segment and email domains, unless someone else changed it first.</summary>
public sealed class UpdateOrganisation(IOrganisationStore organisations, TimeProvider clock)
{
    public async Task<Result<Organisation>> HandleAsync(UpdateOrganisationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await organisations.GetAsync(request.Id, cancellationToken);
        if (existing is null)
        {
            return Result<Organisation>.NotFound("That organisation no longer exists.");
        }

        var checkedInput = OrganisationRules.Check(request.Name, request.Region, request.Segment, request.Domains);
        if (!checkedInput.Succeeded)
        {
            return checkedInput.As<Organisation>();
        }

        var (name, region, segment, domains) = checkedInput.Value!;
        var changed = existing with { Name = name, Region = region, Segment = segment, EmailDomains = domains, Version = request.Version };
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Organisation,
            SubjectId = existing.Id,
            ActorId = request.ActorId,
            Action = "changed",
            Detail = OrganisationChanges.Describe(existing, changed),
            AtUtc = clock.UtcNow(),
        };
        var result = await organisations.UpdateAsync(changed, audit, cancellationToken);
        return result.Succeeded
            ? Result<Organisation>.Ok(changed with { Version = result.Version })
            : OrganisationRules.Refusal(result, $"Someone else changed {existing.Name} since you opened it; reload to see their changes. What you typed is still in the form.");
    }
}
