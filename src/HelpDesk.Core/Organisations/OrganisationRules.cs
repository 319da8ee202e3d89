using HelpDesk.Core.Common;

namespace HelpDesk.Core.Organisations;

/// <summary>An organisation's details as a manager types them, checked and cleaned.</summary>
/// <param name="Name">Trimmed, without control characters.</param>
/// <param name="Domains">Normalised, without repeats.</param>
public sealed record CheckedOrganisation(string Name, Region Region, CustomerSegment Segment, IReadOnlyList<string> Domains);

/// <summary>What every organisation must be, whether it is added or changed, from a page, the API or an import.</summary>
public static class OrganisationRules
{
    public const int NameMaxLength = 200;

    /// <summary>The cleaned details, or the problems with each field.</summary>
    public static Result<CheckedOrganisation> Check(string? name, Region? region, CustomerSegment? segment, string? domains)
    {
        var errors = new List<FieldError>();
        var cleaned = PlainText.Clean(name);
        if (cleaned.Length == 0)
        {
            errors.Add(new("name", "Enter the organisation's name."));
        }
        else if (cleaned.Length > NameMaxLength)
        {
            errors.Add(new("name", $"Keep the name under {NameMaxLength} characters."));
        }

        if (region is not { } chosenRegion || !Enum.IsDefined(chosenRegion))
        {
            errors.Add(new("region", $"Choose a region: {string.Join(", ", Enum.GetNames<Region>())}."));
        }

        if (segment is not { } chosenSegment || !Enum.IsDefined(chosenSegment))
        {
            errors.Add(new("segment", $"Choose a segment: {string.Join(", ", Enum.GetNames<CustomerSegment>())}."));
        }

        var parsed = ParseDomains(domains);
        errors.AddRange(parsed.Select(OrganisationPlacement.DomainProblem).OfType<string>().Select(problem => new FieldError("domains", problem)));
        return errors.Count > 0
            ? Result<CheckedOrganisation>.Invalid(errors)
            : Result<CheckedOrganisation>.Ok(new CheckedOrganisation(cleaned, region!.Value, segment!.Value, parsed));
    }

    /// <summary>
    /// Why the store refused to save, worded for the field at fault; <paramref name="stale"/> is the message for a
    /// version that changed meanwhile.
    /// </summary>
    public static Result<Organisation> Refusal(OrganisationSaveResult saved, string stale)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return saved.Problem switch
        {
            OrganisationSaveProblem.NameTaken => Result<Organisation>.Invalid("name", "Another organisation already has this name."),
            OrganisationSaveProblem.DomainTaken => Result<Organisation>.Invalid("domains", $"Already owned by another organisation: {string.Join(", ", saved.ConflictingDomains)}."),
            _ => Result<Organisation>.Conflict(stale),
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
