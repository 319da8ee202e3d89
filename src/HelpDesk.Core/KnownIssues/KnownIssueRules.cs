using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.KnownIssues;

/// <summary>
/// What a known issue must say before it is saved, each broken rule an error beside its field: a title, a product of
/// the catalogue, a kind and a status; a planned or shipped fix names its release, and an open or refused one none.
/// </summary>
public static class KnownIssueRules
{
    public const int TitleMaxLength = 200;
    public const int ReleasesMaxLength = 200;
    public const int ReleaseMaxLength = 40;
    public const int NoteMaxLength = 4000;

    public static List<FieldError> Check(KnownIssueDraft draft, IReadOnlyList<Product> products)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(products);
        var errors = new List<FieldError>();
        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add(new("title", "Enter a title customers will recognise, such as \"Export to PDF drops the last page\"."));
        }
        else if (title.Length > TitleMaxLength)
        {
            errors.Add(new("title", $"Keep the title under {TitleMaxLength} characters."));
        }

        if (draft.ProductId is not int productId)
        {
            errors.Add(new("productId", "Choose the product the issue is in."));
        }
        else if (products.All(p => p.Id != productId))
        {
            errors.Add(new("productId", "That product is not in the catalogue; choose one from the list."));
        }

        if ((draft.AffectedReleases ?? "").Length > ReleasesMaxLength)
        {
            errors.Add(new("affectedReleases", $"Keep the affected releases under {ReleasesMaxLength} characters."));
        }

        if (draft.Kind is null)
        {
            errors.Add(new("kind", "Choose whether this is a defect, a known limitation or a feature request."));
        }

        var release = draft.StatusRelease?.Trim() ?? "";
        switch (draft.Status)
        {
            case null:
                errors.Add(new("status", "Choose the status: open, fix planned, fixed or won't fix."));
                break;
            case KnownIssueStatus.FixPlanned or KnownIssueStatus.Fixed when release.Length == 0:
                errors.Add(new("statusRelease", draft.Status == KnownIssueStatus.Fixed
                    ? "Name the release the fix shipped in, so customers know what to upgrade to."
                    : "Name the release the fix is planned for."));
                break;
            case KnownIssueStatus.Open or KnownIssueStatus.WontFix when release.Length > 0:
                errors.Add(new("statusRelease", "Only a planned or shipped fix names a release; leave it empty."));
                break;
        }

        if (release.Length > ReleaseMaxLength)
        {
            errors.Add(new("statusRelease", $"Keep the release under {ReleaseMaxLength} characters."));
        }

        if ((draft.PublicNote ?? "").Length > NoteMaxLength)
        {
            errors.Add(new("publicNote", $"Keep the public note under {NoteMaxLength} characters."));
        }

        return errors;
    }
}
