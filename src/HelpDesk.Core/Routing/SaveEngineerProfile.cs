using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Routing;

/// <summary>One line of the skills grid: a product code, optionally an environment code narrowing it, and a proficiency 1–5.</summary>
public sealed record EngineerSkillInput(string? ProductCode, string? Area, int Proficiency);

/// <summary>An engineer's profile as a manager edits it. <see cref="ExpectedVersion"/> is 0 for a new profile.</summary>
public sealed record EngineerProfileInput
{
    public int UserId { get; init; }
    public int Tier { get; init; } = 1;

    /// <summary><c>InHouse</c> or <c>Supplier</c>; in-house when blank.</summary>
    public string? Sourcing { get; init; }
    public string? Supplier { get; init; }

    /// <summary>The supplier's price per case as typed, such as 450.00.</summary>
    public string? PricePerCase { get; init; }
    public IReadOnlyList<EngineerSkillInput> Skills { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public int Capacity { get; init; } = 5;
    public bool Available { get; init; } = true;
    public int ExpectedVersion { get; init; }

    /// <summary>The manager making the change, for the engineer's audit trail.</summary>
    public int? ActorId { get; init; }
}

/// <summary>
/// Creates or changes an engineer's routing profile: skills from the catalogue, languages we offer, request
/// categories, tier, sourcing and capacity. Rates are added separately and never edited. An available engineer
/// pulls waiting tickets at once, so raising a capacity or adding a skill takes effect without waiting for the job.
/// </summary>
public sealed class SaveEngineerProfile(IEngineerStore engineers, IScopeStore catalogue, IPeopleDirectory people, PullFromQueues pull, TimeProvider clock, Currency currency)
{
    public const int SupplierMaxLength = 100;
    public const int MaxCapacity = 100;

    public async Task<Result<EngineerProfile>> HandleAsync(EngineerProfileInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var person = await people.FindAsync(input.UserId, ct);
        if (person is null || !person.IsStaff)
        {
            return Result<EngineerProfile>.NotFound("Only engineers and managers have routing profiles, and there is no such person.");
        }

        var existing = await engineers.GetAsync(input.UserId, ct);
        if (input.ExpectedVersion == 0 && existing is not null)
        {
            return Result<EngineerProfile>.Conflict($"{person.Name} already has a routing profile; reload it and make your changes there.");
        }

        var errors = new List<FieldError>();
        if (input.Tier is < EngineerProfile.MinTier or > EngineerProfile.MaxTier)
        {
            errors.Add(new("tier", "Choose tier 1, 2 or 3."));
        }

        var sourcing = ParseSourcing(input.Sourcing);
        if (sourcing is null)
        {
            errors.Add(new("sourcing", "Choose in-house or supplier."));
        }

        string? supplier = null;
        long? price = null;
        if (sourcing == Sourcing.Supplier)
        {
            supplier = (input.Supplier ?? "").Trim();
            if (supplier.Length == 0)
            {
                errors.Add(new("supplier", "Name the supplier the engineer works for."));
            }
            else if (supplier.Length > SupplierMaxLength)
            {
                errors.Add(new("supplier", $"Keep the supplier's name under {SupplierMaxLength} characters."));
            }

            price = Money.ParseCents(input.PricePerCase, out var priceError);
            if (priceError is not null)
            {
                errors.Add(new("pricePerCase", priceError));
            }
            else if (price == 0)
            {
                errors.Add(new("pricePerCase", "A supplier's price per case must be more than zero; it is what the router compares with in-house cost."));
            }
        }

        var skills = await SkillsAsync(errors, input.Skills, ct);
        var languages = Languages(errors, input.Languages);
        var categories = Categories(errors, input.Categories);
        if (input.Capacity is < 0 or > MaxCapacity)
        {
            errors.Add(new("capacity", $"Capacity is how many open tickets the engineer takes at once: 0 to {MaxCapacity}."));
        }

        if (errors.Count > 0)
        {
            return Result<EngineerProfile>.Invalid(errors);
        }

        var profile = new EngineerProfile
        {
            UserId = input.UserId,
            Name = person.Name,
            Email = person.Email,
            Tier = input.Tier,
            Sourcing = sourcing!.Value,
            Supplier = supplier,
            PricePerCaseCents = price,
            Skills = skills,
            Languages = languages,
            Categories = categories,
            Rates = existing?.Rates ?? [],
            Capacity = input.Capacity,
            Available = input.Available,
            LastAssignedUtc = existing?.LastAssignedUtc,
            Version = input.ExpectedVersion,
        };
        var now = clock.UtcNow();
        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Engineer,
            SubjectId = input.UserId,
            ActorId = input.ActorId,
            Action = existing is null ? "created the routing profile" : "changed the routing profile",
            Detail = existing is null ? EngineerProfileChanges.DescribeCreated(profile, currency) : EngineerProfileChanges.Describe(existing, profile, currency),
            AtUtc = now,
        };
        var saved = await engineers.SaveAsync(profile, now, audit, ct);
        if (saved is null)
        {
            return Result<EngineerProfile>.Conflict($"Someone else changed {person.Name}'s profile since you opened it; reload to see their changes. What you typed is still in the form.");
        }

        if (saved.Available)
        {
            await pull.FillAsync(saved.UserId, ct);
        }

        return Result<EngineerProfile>.Ok(saved);
    }

    private static Sourcing? ParseSourcing(string? text) => (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "" or "INHOUSE" => Sourcing.InHouse,
        "SUPPLIER" => Sourcing.Supplier,
        _ => null,
    };

    private async Task<IReadOnlyList<EngineerSkill>> SkillsAsync(List<FieldError> errors, IReadOnlyList<EngineerSkillInput> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return [];
        }

        var products = await catalogue.ListProductsAsync(ct);
        var environments = lines.Any(l => !string.IsNullOrWhiteSpace(l.Area)) ? await catalogue.ListEnvironmentsAsync(ct) : [];
        var skills = new List<EngineerSkill>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var code = TicketRulesText(line.ProductCode);
            var product = code is null ? null : products.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
            if (code is null)
            {
                errors.Add(new($"skills[{i}].product", "Choose a product."));
            }
            else if (product is null)
            {
                errors.Add(new($"skills[{i}].product", $"'{code}' is not a product in the catalogue."));
            }

            var areaCode = TicketRulesText(line.Area);
            var area = areaCode is null ? null : environments.FirstOrDefault(e => string.Equals(e.Code, areaCode, StringComparison.OrdinalIgnoreCase));
            if (areaCode is not null && area is null)
            {
                errors.Add(new($"skills[{i}].area", $"'{areaCode}' is not an environment of the catalogue; leave the area empty to cover the whole product."));
            }

            if (line.Proficiency is < EngineerSkill.MinProficiency or > EngineerSkill.MaxProficiency)
            {
                errors.Add(new($"skills[{i}].proficiency", "Choose a proficiency from 1 (can follow a runbook) to 5 (expert)."));
            }

            if (product is not null && (areaCode is null || area is not null))
            {
                var skill = new EngineerSkill(product.Id, product.Code, area?.Code, line.Proficiency);
                if (skills.Any(s => s.ProductId == skill.ProductId && string.Equals(s.Area, skill.Area, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add(new("skills", $"{product.Name}{(area is null ? "" : $" on {area.Name}")} is listed twice; keep one line per product and area."));
                    continue;
                }

                skills.Add(skill);
            }
        }

        return skills;
    }

    private static List<string> Languages(List<FieldError> errors, IReadOnlyList<string> codes)
    {
        var languages = new List<string>();
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (Routing.Languages.Find(code) is { } language)
            {
                if (!languages.Contains(language.Code))
                {
                    languages.Add(language.Code);
                }
            }
            else
            {
                errors.Add(new("languages", $"We do not offer '{code.Trim()}'; choose from {string.Join(", ", Routing.Languages.All.Select(l => l.Name))}."));
            }
        }

        if (languages.Count == 0 && errors.All(e => e.Field != "languages"))
        {
            errors.Add(new("languages", "Choose at least one language the engineer speaks."));
        }

        return languages;
    }

    private static List<string> Categories(List<FieldError> errors, IReadOnlyList<string> codes)
    {
        var categories = new List<string>();
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (RequestCategories.Find(code) is { } category)
            {
                if (!categories.Contains(category.Code))
                {
                    categories.Add(category.Code);
                }
            }
            else
            {
                errors.Add(new("categories", $"'{code.Trim()}' is not a request category."));
            }
        }

        return categories;
    }

    private static string? TicketRulesText(string? value) => Tickets.TicketRules.Clean(value);
}
