using HelpDesk.Core.Common;

namespace HelpDesk.Core.Organisations;

/// <summary>A new organisation as a manager enters it; <see cref="Domains"/> is typed as a comma-separated list.</summary>
public sealed record CreateOrganisationRequest(string? Name, Region? Region, CustomerSegment? Segment, string? Domains);

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
        var saved = await organisations.CreateAsync(organisation, cancellationToken);
        return saved.Succeeded
            ? Result<Organisation>.Ok(organisation with { Id = saved.Id, Version = saved.Version })
            : OrganisationRules.Refusal(saved, $"{name} could not be added; try again.");
    }
}
