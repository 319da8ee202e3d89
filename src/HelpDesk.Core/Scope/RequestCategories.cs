namespace HelpDesk.Core.Scope;

/// <summary>A kind of request, as the customer chooses it and a scope may exclude it.</summary>
public sealed record RequestCategory(string Code, string Label, bool OutOfScopeCategory);

/// <summary>
/// The request categories. A customer picks one when filing; the six out-of-scope categories are also the
/// categories a Scope of Support can exclude (with <see cref="UnsupportedEnvironment"/> matched from the
/// environment rather than chosen). The codes are stable: they are stored on tickets and used as clause ids.
/// </summary>
public static class RequestCategories
{
    public const string Problem = "problem";
    public const string Question = "question";
    public const string Backport = "backport";
    public const string Customization = "customization";
    public const string Port = "port";
    public const string ThirdPartyIntegration = "third-party-integration";
    public const string UnsupportedEnvironment = "unsupported-environment";
    public const string ConsultingTraining = "consulting-training";

    public static IReadOnlyList<RequestCategory> All { get; } =
    [
        new(Problem, "Something is not working (a defect)", false),
        new(Question, "A question about using the product", false),
        new(Backport, "Backport a fix to an older release", true),
        new(Customization, "Customization or a change to the product", true),
        new(Port, "Port to another platform", true),
        new(ThirdPartyIntegration, "Integration with a third-party product", true),
        new(UnsupportedEnvironment, "Assistance on an unsupported environment", true),
        new(ConsultingTraining, "Consulting or training", true),
    ];

    /// <summary>The categories a Scope of Support can list as out of scope, in the order the public page shows them.</summary>
    public static IReadOnlyList<RequestCategory> OutOfScope { get; } = All.Where(c => c.OutOfScopeCategory).ToList();

    /// <summary>The categories a customer chooses from when filing.</summary>
    public static IReadOnlyList<RequestCategory> Choosable { get; } = All.Where(c => c.Code != UnsupportedEnvironment).ToList();

    public static RequestCategory? Find(string? code) =>
        code is null ? null : All.FirstOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string LabelOf(string? code) => Find(code)?.Label ?? code ?? "";
}
