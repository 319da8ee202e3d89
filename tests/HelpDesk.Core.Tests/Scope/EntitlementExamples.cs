using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>
/// One vendor's catalogue, scope and plans, and one customer (organisation 42) on 30 Nov 2026 at noon UTC.
/// Orders API releases: 6.9, 7.0, 7.1, 7.2 (support ended 31 Oct 2026), 7.3 (current), 8.0 (not out yet).
/// Scope version 1 supports the current release and the 2 before it on Linux, Windows and macOS.
/// </summary>
internal static class EntitlementExamples
{
    public const int Organisation = 42;
    public static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public static readonly Product Orders = new() { Id = 1, Code = "orders", Name = "Orders API" };

    public static readonly IReadOnlyList<ProductRelease> Releases =
    [
        new() { Id = 1, ProductId = 1, Name = "6.9", ReleasedOn = new(2024, 6, 1) },
        new() { Id = 2, ProductId = 1, Name = "7.0", ReleasedOn = new(2025, 1, 15) },
        new() { Id = 3, ProductId = 1, Name = "7.1", ReleasedOn = new(2025, 7, 1) },
        new() { Id = 4, ProductId = 1, Name = "7.2", ReleasedOn = new(2026, 1, 15), EndOfSupportOn = new(2026, 10, 31) },
        new() { Id = 5, ProductId = 1, Name = "7.3", ReleasedOn = new(2026, 6, 1) },
        new() { Id = 6, ProductId = 1, Name = "8.0", ReleasedOn = new(2027, 2, 1) },
    ];

    public static readonly IReadOnlyList<TargetEnvironment> Environments =
    [
        new() { Id = 1, Code = "linux-x64", Name = "Linux x64", Kind = EnvironmentKind.OperatingSystem },
        new() { Id = 2, Code = "win-x64", Name = "Windows x64", Kind = EnvironmentKind.OperatingSystem },
        new() { Id = 3, Code = "macos-arm64", Name = "macOS (Apple silicon)", Kind = EnvironmentKind.OperatingSystem },
        new() { Id = 4, Code = "win2012", Name = "Windows Server 2012", Kind = EnvironmentKind.OperatingSystem },
    ];

    public static readonly IReadOnlyList<OutOfScopeClause> AllExclusions =
    [
        new(RequestCategories.Backport, "We fix defects in the supported releases only; moving a fix to an older release is a paid service."),
        new(RequestCategories.Customization, "Changes to the product or to its source code are not support."),
        new(RequestCategories.Port, "Making the product run on another platform is an engineering project."),
        new(RequestCategories.ThirdPartyIntegration, "We answer questions about our product, not about other vendors' products."),
        new(RequestCategories.UnsupportedEnvironment, "Environments not listed as supported are helped as a paid service."),
        new(RequestCategories.ConsultingTraining, "Design reviews, consulting and training are booked separately."),
    ];

    public static readonly ScopeOfSupport ScopeV1 = new()
    {
        Id = 10,
        ProductId = 1,
        Number = 1,
        Status = ScopeStatus.Published,
        EffectiveOn = new(2025, 1, 1),
        PublishedUtc = new(2024, 12, 15, 10, 0, 0, DateTimeKind.Utc),
        ReleasesBack = 2,
        EnvironmentCodes = ["linux-x64", "win-x64", "macos-arm64"],
        OutOfScope = AllExclusions,
    };

    public static readonly Plan Premium = new()
    {
        Id = 1,
        Code = "premium",
        Name = "Premium",
        Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api | SupportChannels.Phone,
        Hours = SupportHours.TwentyFourSeven,
        Targets =
        [
            new(Severity.Critical, 30, 240),
            new(Severity.High, 60, 480),
            new(Severity.Normal, 240, 1440),
            new(Severity.Low, 480, 2880),
        ],
    };

    public static readonly Plan Standard = new()
    {
        Id = 2,
        Code = "standard",
        Name = "Standard",
        IncidentAllowance = 10,
        Channels = SupportChannels.Web | SupportChannels.Email,
        Hours = new SupportHours { TimeZone = "Europe/London" },
        Targets = [new(Severity.Critical, 120, 960), new(Severity.High, 240, 1920), new(Severity.Normal, 480, 2400), new(Severity.Low, 960, 4800)],
    };

    public static readonly Plan Basic = new()
    {
        Id = 3,
        Code = "basic",
        Name = "Basic",
        IncidentAllowance = 5,
        Channels = SupportChannels.Web,
        Hours = new SupportHours { TimeZone = "Europe/London" },
        Targets = [new(Severity.Critical, 480, 4800), new(Severity.High, 960, 9600), new(Severity.Normal, 1440, 14400), new(Severity.Low, 2400, 24000)],
    };

    public static EntitlementRequest Request() => new()
    {
        OrganisationId = Organisation,
        Product = "orders",
        Release = "7.3",
        Environment = "linux-x64",
        Category = RequestCategories.Problem,
        Channel = TicketChannel.Web,
        Severity = Severity.Normal,
        AtUtc = Now,
    };

    /// <summary>C-0007 on Premium for Orders API over 2026 (UTC) unless told otherwise.</summary>
    public static ContractFacts Contract(
        int id = 7,
        Plan? plan = null,
        DateOnly? starts = null,
        DateOnly? ends = null,
        string timeZone = "UTC",
        int used = 0,
        ContractStatus status = ContractStatus.Active,
        int[]? products = null,
        int organisation = Organisation) =>
        new(
            new Contract
            {
                Id = id,
                OrganisationId = organisation,
                PlanId = (plan ?? Premium).Id,
                ProductIds = products ?? [1],
                StartsOn = starts ?? new(2026, 1, 1),
                EndsOn = ends ?? new(2026, 12, 31),
                TimeZone = timeZone,
                Status = status,
            },
            plan ?? Premium,
            used);

    public static EntitlementFacts Facts(params ContractFacts[] contracts) => new()
    {
        Product = Orders,
        Releases = Releases,
        Environments = Environments,
        PublishedScopes = [ScopeV1],
        Contracts = contracts,
        ProductNames = new Dictionary<int, string> { [1] = "Orders API", [2] = "Billing" },
    };
}
