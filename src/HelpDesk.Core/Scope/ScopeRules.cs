using System.Text.RegularExpressions;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <summary>
/// What a scope draft and the catalogue entries must say before they are saved or published. Each error names the
/// form field it belongs to and says how to put it right.
/// </summary>
public static partial class ScopeRules
{
    public const int MaxReleasesBack = 20;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int SummaryMaxLength = 4000;
    public const int ExplanationMaxLength = 4000;

    /// <summary>The field of an out-of-scope category's explanation, e.g. <c>outOfScope.backport</c>.</summary>
    public static string ExplanationField(string category) => "outOfScope." + category;

    public static IReadOnlyList<FieldError> CheckDraft(ScopeOfSupport draft, IReadOnlyList<ProductRelease> releases, IReadOnlyList<TargetEnvironment> environments)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(environments);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(draft.Summary))
        {
            errors.Add(new("summary", "Write the summary: the opening paragraph customers read first."));
        }
        else if (draft.Summary.Length > SummaryMaxLength)
        {
            errors.Add(new("summary", $"Keep the summary under {SummaryMaxLength} characters."));
        }

        if (draft.ChangeNote.Length > SummaryMaxLength)
        {
            errors.Add(new("changeNote", $"Keep the change note under {SummaryMaxLength} characters."));
        }

        if (draft.ReleasesBack is < 0 or > MaxReleasesBack)
        {
            errors.Add(new("releasesBack", $"Releases back is how many releases before the current one are supported: 0 to {MaxReleasesBack}, or empty to go by end-of-support dates alone."));
        }

        if (draft.EffectiveOn == default)
        {
            errors.Add(new("effectiveOn", "Enter the date this version takes effect."));
        }
        else if (draft.ReleasesBack is null or (>= 0 and <= MaxReleasesBack)
            && ScopeHistory.SupportedReleases(releases, draft.ReleasesBack, draft.EffectiveOn).Count == 0)
        {
            var why = releases.Count == 0
                ? "the product has no releases yet; add one in the catalogue first."
                : releases.All(r => r.ReleasedOn > draft.EffectiveOn)
                    ? $"no release is out by {ScopeDocument.Date(draft.EffectiveOn)}. Choose a later effective date or check the release dates."
                    : $"every release out by {ScopeDocument.Date(draft.EffectiveOn)} is past its end-of-support date. Extend one or choose more releases back.";
            errors.Add(new("releasesBack", "This scope supports no release: " + why));
        }

        var unknown = draft.EnvironmentCodes
            .Where(code => !environments.Any(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new("environmentCodes", $"The catalogue has no environment {string.Join(", ", unknown)}; add it there first or leave it out."));
        }

        var retired = environments
            .Where(e => e.RetiredUtc is not null && draft.EnvironmentCodes.Any(code => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase)))
            .Select(e => e.Name)
            .ToList();
        if (retired.Count > 0)
        {
            errors.Add(new("environmentCodes", $"{string.Join(", ", retired)} {(retired.Count == 1 ? "is" : "are")} retired; reinstate {(retired.Count == 1 ? "it" : "them")} in the catalogue first or leave {(retired.Count == 1 ? "it" : "them")} out."));
        }

        foreach (var clause in draft.OutOfScope)
        {
            var category = RequestCategories.Find(clause.Category);
            if (category is null || !category.OutOfScopeCategory)
            {
                errors.Add(new(ExplanationField(clause.Category), $"'{clause.Category}' is not a category a scope can exclude."));
            }
            else if (string.IsNullOrWhiteSpace(clause.Explanation))
            {
                errors.Add(new(ExplanationField(category.Code), $"Explain in plain words why \"{category.Label}\" is not covered and what the customer can do instead."));
            }
            else if (clause.Explanation.Length > ExplanationMaxLength)
            {
                errors.Add(new(ExplanationField(category.Code), $"Keep the explanation under {ExplanationMaxLength} characters."));
            }
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckProduct(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(product.Code))
        {
            errors.Add(new("code", "Enter a short code for the product, such as data-bridge; it appears in links to its scope."));
        }
        else if (!ProductCode().IsMatch(product.Code))
        {
            errors.Add(new("code", "Use 2 to 40 lower-case letters, digits and hyphens for the code, such as data-bridge."));
        }

        Name(errors, "name", product.Name, "Enter the product's name.");
        if (product.Description.Length > DescriptionMaxLength)
        {
            errors.Add(new("description", $"Keep the description under {DescriptionMaxLength} characters."));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckRelease(ProductRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var errors = new List<FieldError>();
        Name(errors, "name", release.Name, "Enter the release's name, such as 4.2.");
        if (release.ReleasedOn == default)
        {
            errors.Add(new("releasedOn", "Enter the date the release came out."));
        }
        else if (release.EndOfSupportOn is DateOnly end && end < release.ReleasedOn)
        {
            errors.Add(new("endOfSupportOn", $"The end of support cannot come before the release date ({ScopeDocument.Date(release.ReleasedOn)})."));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckEnvironment(TargetEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(environment.Code))
        {
            errors.Add(new("code", "Enter a short code for the environment, such as ubuntu-24.04."));
        }
        else if (!EnvironmentCode().IsMatch(environment.Code))
        {
            errors.Add(new("code", "Use 2 to 40 lower-case letters, digits, dots and hyphens for the code, such as ubuntu-24.04."));
        }

        Name(errors, "name", environment.Name, "Enter the environment's name, such as Ubuntu 24.04 LTS.");
        if (!Enum.IsDefined(environment.Kind))
        {
            errors.Add(new("kind", "Choose whether it is an operating system, a platform or a toolchain."));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckThirdParty(ThirdPartyProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var errors = new List<FieldError>();
        Name(errors, "name", product.Name, "Enter the product's name.");
        if (product.Vendor.Length > NameMaxLength)
        {
            errors.Add(new("vendor", $"Keep the vendor under {NameMaxLength} characters."));
        }

        return errors;
    }

    private static void Name(List<FieldError> errors, string field, string value, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, missing));
        }
        else if (value.Length > NameMaxLength)
        {
            errors.Add(new(field, $"Keep it under {NameMaxLength} characters."));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex ProductCode();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,39}$")]
    private static partial Regex EnvironmentCode();
}
