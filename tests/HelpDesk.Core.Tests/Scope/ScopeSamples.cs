using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>A small product with four releases and three environments, and a published scope of it.</summary>
internal static class ScopeSamples
{
    public static readonly Product Product = new() { Id = 1, Code = "data-bridge", Name = "DataBridge" };

    public static readonly IReadOnlyList<ProductRelease> Releases =
    [
        new() { Id = 1, ProductId = 1, Name = "3.0", ReleasedOn = new(2023, 3, 1), EndOfSupportOn = new(2025, 3, 1) },
        new() { Id = 2, ProductId = 1, Name = "3.1", ReleasedOn = new(2024, 2, 1) },
        new() { Id = 3, ProductId = 1, Name = "4.0", ReleasedOn = new(2025, 1, 15), EndOfSupportOn = new(2027, 1, 31) },
        new() { Id = 4, ProductId = 1, Name = "4.1", ReleasedOn = new(2026, 2, 1) },
    ];

    public static readonly IReadOnlyList<TargetEnvironment> Environments =
    [
        new() { Id = 1, Code = "windows-2022", Name = "Windows Server 2022", Kind = EnvironmentKind.OperatingSystem },
        new() { Id = 2, Code = "ubuntu-24.04", Name = "Ubuntu 24.04 LTS", Kind = EnvironmentKind.OperatingSystem },
        new() { Id = 3, Code = "dotnet-8", Name = ".NET 8", Kind = EnvironmentKind.Toolchain },
    ];

    public static ScopeOfSupport Scope(int? releasesBack = 2) => new()
    {
        Id = 10,
        ProductId = 1,
        Number = 1,
        Status = ScopeStatus.Published,
        EffectiveOn = new(2026, 1, 1),
        PublishedUtc = new DateTime(2025, 12, 20, 9, 0, 0, DateTimeKind.Utc),
        Summary = "DataBridge support answers defects and how-to questions on supported releases.",
        ReleasesBack = releasesBack,
        EnvironmentCodes = ["windows-2022", "ubuntu-24.04", "dotnet-8"],
        ModifiedSourceCovered = false,
        ThirdPartyIntegrationCovered = true,
        OutOfScope =
        [
            new(RequestCategories.Customization, "We do not change the product for one customer.\n\nOur services team can quote the work."),
            new(RequestCategories.Backport, "Fixes go into the current release."),
        ],
    };
}
