using HelpDesk.Core.Common;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tickets;

/// <summary>
/// Staff correct a ticket's facts. A null field keeps what the ticket says; an empty release, environment or category
/// clears it. The product must be one of the catalogue's (by code or name), the release one of its releases, the
/// environment one of the catalogue's (by code or name) and the category one of <see cref="RequestCategories"/>.
/// </summary>
public sealed record ClassifyTicketRequest
{
    public required TicketActor Actor { get; init; }
    public required int TicketId { get; init; }
    public int? ExpectedVersion { get; init; }
    public string? Product { get; init; }
    public string? Release { get; init; }
    public string? Environment { get; init; }
    public string? Category { get; init; }

    /// <summary>1 critical to 4 low.</summary>
    public int? Severity { get; init; }

    /// <summary>An ISO 639-1 code of <see cref="Languages.All"/>.</summary>
    public string? Language { get; init; }
    public bool? ModifiedSource { get; init; }

    /// <summary>
    /// Why the ticket is judged again though none of its facts changed (an incident pack raised its contract's
    /// allowance), written in its audit trail; null for a correction of its facts.
    /// </summary>
    public string? Rejudge { get; init; }
}

/// <summary>Reads a classification request against the catalogue into the ticket's new facts, or the errors by field.</summary>
internal static class ClassificationInput
{
    public static async Task<Result<(TicketFacts Facts, Product Product)>> ReadAsync(
        ClassifyTicketRequest request, Ticket ticket, IScopeStore catalogue, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var products = await catalogue.ListProductsAsync(ct);
        var named = Keep(request.Product, ticket.Product);
        var product = named is null
            ? null
            : products.FirstOrDefault(p => Same(p.Code, named) || Same(p.Name, named));
        if (named is null)
        {
            errors.Add(new("product", "Choose the product the request is about."));
        }
        else if (product is null)
        {
            errors.Add(new("product", $"'{named}' is not a product in the catalogue; choose one of {EntitlementWording.List([.. products.Select(p => p.Name)])}."));
        }

        var release = Keep(request.Release, ticket.ProductRelease);
        if (release is not null && product is not null)
        {
            var releases = await catalogue.ListReleasesAsync(product.Id, ct);
            var known = releases.FirstOrDefault(r => Same(r.Name, release));
            if (known is null)
            {
                errors.Add(new("release", releases.Count == 0
                    ? $"'{release}' is not a release of {product.Name}, which has no releases in the catalogue; leave the release empty."
                    : $"'{release}' is not a release of {product.Name}; choose one of {EntitlementWording.List([.. releases.OrderByDescending(r => r.ReleasedOn).Select(r => r.Name)])}, or none."));
            }
            else
            {
                release = Same(known.Name, ticket.ProductRelease ?? "") ? ticket.ProductRelease : known.Name;
            }
        }

        var environment = Keep(request.Environment, ticket.Environment);
        if (environment is not null)
        {
            var known = (await catalogue.ListEnvironmentsAsync(ct)).FirstOrDefault(e => Same(e.Code, environment) || Same(e.Name, environment));
            if (known is null)
            {
                errors.Add(new("environment", $"'{environment}' is not an environment in the catalogue; choose one, or none."));
            }
            else if (!Same(known.Code, ticket.Environment ?? "") && !Same(known.Name, ticket.Environment ?? ""))
            {
                // Named as the catalogue names it, unless it is the environment the ticket already says (in its own words).
                environment = known.Name;
            }
            else
            {
                environment = ticket.Environment;
            }
        }

        var category = Keep(request.Category, ticket.Category);
        if (category is not null)
        {
            var known = RequestCategories.Find(category);
            if (known is null)
            {
                errors.Add(new("category", $"'{category}' is not a request category; use one of {string.Join(", ", RequestCategories.All.Select(c => c.Code))}, or none."));
            }
            else if (!Same(known.Code, ticket.Category ?? ""))
            {
                category = known.Code;
            }
            else
            {
                category = ticket.Category;
            }
        }

        var severity = request.Severity ?? (int)ticket.Severity;
        TicketRules.Severity(errors, severity);
        var language = request.Language is null ? ticket.Language : TicketRules.Clean(request.Language);
        if (language is null)
        {
            errors.Add(new("language", "Choose the language the ticket is written in."));
        }
        else
        {
            TicketRules.Language(errors, language);
        }

        if (errors.Count > 0)
        {
            return Result<(TicketFacts, Product)>.Invalid(errors);
        }

        var facts = new TicketFacts(product!.Name, release, environment, category, (Severity)severity, language!.ToLowerInvariant(), request.ModifiedSource ?? ticket.ModifiedSource);
        return Result<(TicketFacts, Product)>.Ok((facts, product));
    }

    /// <summary>Null keeps the current value; blank clears it.</summary>
    private static string? Keep(string? given, string? current) => given is null ? current : TicketRules.Clean(given);

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
