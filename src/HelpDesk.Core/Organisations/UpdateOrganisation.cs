using HelpDesk.Core.Common;

namespace HelpDesk.Core.Organisations;

/// <summary>An organisation's details as a manager edits them; <see cref="Domains"/> is typed as a comma-separated list.</summary>
public sealed record UpdateOrganisationRequest(int Id, int Version, string? Name, Region Region, CustomerSegment Segment, string? Domains);

/// <summary>Changes an organisation's name, region, segment and email domains, unless someone else changed it first.</summary>
public sealed class UpdateOrganisation(IOrganisationStore organisations)
{
    public const int NameMaxLength = 200;

    public async Task<Result<Organisation>> HandleAsync(UpdateOrganisationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await organisations.GetAsync(request.Id, cancellationToken);
        if (existing is null)
        {
            return Result<Organisation>.NotFound("That organisation no longer exists.");
        }

        var errors = new List<FieldError>();
        var name = PlainText.Clean(request.Name);
        if (name.Length == 0)
        {
            errors.Add(new("name", "Enter the organisation's name."));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new("name", $"Keep the name under {NameMaxLength} characters."));
        }

        if (!Enum.IsDefined(request.Region))
        {
            errors.Add(new("region", "Choose a region."));
        }

        if (!Enum.IsDefined(request.Segment))
        {
            errors.Add(new("segment", "Choose a segment."));
        }

        var domains = ParseDomains(request.Domains);
        errors.AddRange(domains.Select(OrganisationPlacement.DomainProblem).OfType<string>().Select(problem => new FieldError("domains", problem)));

        if (errors.Count > 0)
        {
            return Result<Organisation>.Invalid(errors);
        }

        var changed = existing with { Name = name, Region = request.Region, Segment = request.Segment, EmailDomains = domains, Version = request.Version };
        var result = await organisations.UpdateAsync(changed, cancellationToken);
        return result.Problem switch
        {
            null => Result<Organisation>.Ok(changed with { Version = result.Version }),
            OrganisationSaveProblem.NameTaken => Result<Organisation>.Invalid("name", "Another organisation already has this name."),
            OrganisationSaveProblem.DomainTaken => Result<Organisation>.Invalid("domains", $"Already owned by another organisation: {string.Join(", ", result.ConflictingDomains)}."),
            _ => Result<Organisation>.Conflict($"Someone else changed {existing.Name} since you opened it; reload to see their changes. What you typed is still in the form."),
        };
    }

    /// <summary>The domains in a typed list, normalised and without repeats; separators are commas, semicolons and spaces.</summary>
    public static IReadOnlyList<string> ParseDomains(string? text) =>
        [.. (text ?? "")
            .Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(OrganisationPlacement.NormaliseDomain)
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)];
}
