using System.Globalization;
using static HelpDesk.Core.Scope.EntitlementWording;

namespace HelpDesk.Core.Scope;

/// <summary>A version of a product's scope that names something, as a manager reads it: "Keel RTOS version 3" or "the Keel RTOS draft".</summary>
public sealed record ScopeMention(int ProductId, string ProductName, int Number)
{
    public override string ToString() => Number == 0
        ? $"the {ProductName} draft"
        : string.Create(CultureInfo.InvariantCulture, $"{ProductName} version {Number}");
}

/// <summary>
/// What refers to a release or an environment besides the scope versions: the tickets that name it (and how many of
/// them are open) and, for an environment, the engineers' skills narrowed to it.
/// </summary>
public sealed record CatalogueReferences(int Tickets, int OpenTickets, int Skills = 0);

/// <summary>
/// What retiring or deleting a release or an environment would do, worked out before a manager confirms it:
/// whether it may be retired now (and why not), whether it may be deleted instead (only when nothing refers to
/// it), and the consequences in words.
/// </summary>
public sealed record CatalogueRemoval
{
    /// <summary>"release 4.0 of Keel RTOS" or "the environment Windows Server 2012".</summary>
    public required string What { get; init; }

    /// <summary>The name alone, for buttons and notices.</summary>
    public required string Name { get; init; }
    public DateTime? RetiredUtc { get; init; }

    /// <summary>Null when it may be retired; otherwise why not and what to do first.</summary>
    public string? RetireRefusal { get; init; }

    /// <summary>Null when it may be deleted: nothing refers to it.</summary>
    public string? DeleteRefusal { get; init; }

    /// <summary>What retiring it leads to, one sentence each.</summary>
    public IReadOnlyList<string> Consequences { get; init; } = [];

    public bool CanRetire => RetiredUtc is null && RetireRefusal is null;
    public bool CanDelete => DeleteRefusal is null;
}

/// <summary>
/// The rules of tidying the catalogue without weakening the scope. Anything a ticket or a published scope refers to
/// is retired, never deleted: it stays known to the entitlement engine and on the public pages. Retiring is refused
/// while a scope version in force, one published for later or the draft still supports it, so a retirement never
/// changes a verdict; what nothing refers to (a release entered by mistake) may still be deleted.
/// </summary>
public static class CatalogueRetirement
{
    public static CatalogueRemoval AssessRelease(
        ProductRelease release,
        Product product,
        IReadOnlyList<ProductRelease> releases,
        IReadOnlyList<ScopeOfSupport> versions,
        CatalogueReferences references,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(references);
        var today = DateOnly.FromDateTime(nowUtc);
        var published = ScopeHistory.Published(versions);

        // A published version shows a release once it is out by the day its page is read for: as supported or as
        // no longer supported.
        var shownBy = published
            .Where(v => release.ReleasedOn <= ScopeHistory.ReadAsOf(v, published, nowUtc))
            .OrderBy(v => v.Number)
            .Select(v => new ScopeMention(product.Id, product.Name, v.Number))
            .ToList();
        var supportedBy = ScopeHistory.InForceOrLater(versions, nowUtc)
            .Where(v => ScopeHistory.SupportedReleases(releases, v.ReleasesBack, v.EffectiveOn > today ? v.EffectiveOn : today).Any(r => r.Id == release.Id))
            .OrderBy(v => v.Number == 0 ? int.MaxValue : v.Number)
            .Select(v => new ScopeMention(product.Id, product.Name, v.Number))
            .ToList();

        var refusal = supportedBy.Count == 0
            ? null
            : $"{release.Name} is still supported by {Mentions(supportedBy)}. Set its end of support to a day that has passed, or publish a version that no longer supports it, before retiring it.";
        var consequences = new List<string>
        {
            $"Customers will no longer be offered {release.Name} when they file a ticket.",
            shownBy.Count == 0
                ? $"Requests that name {release.Name} are still judged against it: it stays a known release of {product.Name}, and from today it is never supported."
                : $"{Mentions(shownBy)} still {(shownBy.Count == 1 ? "lists" : "list")} it as no longer supported, and requests that name it are still judged out of scope, not as an unknown release.",
            TicketsLine(release.Name, references),
            "It can be reinstated at any time.",
        };

        return new CatalogueRemoval
        {
            What = $"release {release.Name} of {product.Name}",
            Name = release.Name,
            RetiredUtc = release.RetiredUtc,
            RetireRefusal = refusal,
            DeleteRefusal = DeleteRefusal(release.Name, references, shownBy, releases.Count == 1 ? $"it is the only release of {product.Name}" : null),
            Consequences = consequences,
        };
    }

    /// <param name="versions">Every version of each product with a version that names the environment.</param>
    /// <param name="productNames">Product names by id.</param>
    public static CatalogueRemoval AssessEnvironment(
        TargetEnvironment environment,
        IReadOnlyList<ScopeOfSupport> versions,
        IReadOnlyDictionary<int, string> productNames,
        CatalogueReferences references,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(productNames);
        ArgumentNullException.ThrowIfNull(references);
        bool Names(ScopeOfSupport v) => v.EnvironmentCodes.Any(code => string.Equals(code, environment.Code, StringComparison.OrdinalIgnoreCase));
        ScopeMention Mention(ScopeOfSupport v) => new(v.ProductId, productNames.GetValueOrDefault(v.ProductId, "another product"), v.Number);

        var listedBy = versions.Where(v => v.Status == ScopeStatus.Published && Names(v))
            .OrderBy(v => productNames.GetValueOrDefault(v.ProductId, ""), StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Number)
            .Select(Mention)
            .ToList();
        var supportedBy = versions.GroupBy(v => v.ProductId)
            .SelectMany(g => ScopeHistory.InForceOrLater(g.ToList(), nowUtc))
            .Where(Names)
            .OrderBy(v => productNames.GetValueOrDefault(v.ProductId, ""), StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Number == 0 ? int.MaxValue : v.Number)
            .Select(Mention)
            .ToList();

        var refusal = supportedBy.Count == 0
            ? null
            : $"{environment.Name} is a supported environment in {Mentions(supportedBy)}. Publish versions without it (and take it out of the drafts) before retiring it.";
        var consequences = new List<string>
        {
            $"Customers will no longer be offered {environment.Name} when they file a ticket, and scope drafts can no longer list it.",
            listedBy.Count == 0
                ? $"Requests that name {environment.Name} are still judged against it: it stays a known environment, and it is not supported."
                : $"{Mentions(listedBy)} still {(listedBy.Count == 1 ? "lists" : "list")} it as it was published, and requests that name it are still judged against it as a known environment that is not supported.",
            TicketsLine(environment.Name, references),
        };
        if (references.Skills > 0)
        {
            consequences.Add(references.Skills == 1
                ? "One engineer's skill is narrowed to it; the skill stays as it is."
                : string.Create(CultureInfo.InvariantCulture, $"{references.Skills} engineers' skills are narrowed to it; they stay as they are."));
        }

        consequences.Add("It can be reinstated at any time.");
        var mentions = versions.Where(Names).Select(Mention).ToList();
        return new CatalogueRemoval
        {
            What = $"the environment {environment.Name}",
            Name = environment.Name,
            RetiredUtc = environment.RetiredUtc,
            RetireRefusal = refusal,
            DeleteRefusal = DeleteRefusal(environment.Name, references, mentions, null),
            Consequences = consequences,
        };
    }

    private static string? DeleteRefusal(string name, CatalogueReferences references, List<ScopeMention> scopes, string? other)
    {
        var because = new List<string>();
        if (references.Tickets > 0)
        {
            because.Add(references.Tickets == 1 ? "a ticket names it" : string.Create(CultureInfo.InvariantCulture, $"{references.Tickets} tickets name it"));
        }

        if (scopes.Count > 0)
        {
            because.Add($"{Mentions(scopes)} {(scopes.Count == 1 ? "names" : "name")} it");
        }

        if (references.Skills > 0)
        {
            because.Add(references.Skills == 1 ? "an engineer's skill is narrowed to it" : "engineers' skills are narrowed to it");
        }

        if (other is not null)
        {
            because.Add(other);
        }

        return because.Count == 0 ? null : $"{name} cannot be deleted: {List(because)}.";
    }

    private static string TicketsLine(string name, CatalogueReferences references) => references.Tickets switch
    {
        0 => $"No ticket names {name}.",
        1 => references.OpenTickets == 1 ? "One open ticket names it; it keeps its verdict." : "One closed or resolved ticket names it; it keeps its verdict.",
        var n => string.Create(CultureInfo.InvariantCulture, $"{n} tickets name it ({references.OpenTickets} open); they keep their verdicts."),
    };

    /// <summary>"Keel RTOS version 1, version 2 and the draft": one product named once.</summary>
    private static string Mentions(List<ScopeMention> mentions)
    {
        var parts = new List<string>();
        foreach (var group in mentions.GroupBy(m => m.ProductId))
        {
            var first = true;
            foreach (var mention in group)
            {
                parts.Add(first ? mention.ToString() : mention.Number == 0 ? "the draft" : string.Create(CultureInfo.InvariantCulture, $"version {mention.Number}"));
                first = false;
            }
        }

        return List(parts);
    }
}
