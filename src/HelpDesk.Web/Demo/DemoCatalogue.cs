using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo vendor, Halyard Systems, and what it sells: a real-time operating system, a device-connectivity
/// gateway and an analytics suite, their releases over several years, the environments they run in, and for each
/// product two published versions of its Scope of Support (an earlier one and the one in force), so that the
/// compare page has something to show. Dates are counted back from the day the demo is seeded, so the demo stays
/// current: the newest releases are always recent and the earlier scope always took effect months ago.
/// </summary>
internal static class DemoCatalogue
{
    public const string Vendor = "Halyard Systems";

    /// <summary>How long before seeding the earlier scope versions took effect (before the year of ticket history).</summary>
    public const int EarlierScopeDaysAgo = 400;

    /// <summary>How long before seeding the current scope versions took effect (about two months).</summary>
    public const int CurrentScopeDaysAgo = 60;

    /// <summary>Policies are announced two weeks before they take effect.</summary>
    public const int AnnouncedDaysAhead = 14;

    public sealed record DemoRelease(string Name, int ReleasedDaysAgo, int? SupportEndsInDays = null);

    public sealed record DemoScope(
        int? ReleasesBack,
        IReadOnlyList<string> Environments,
        bool ModifiedSource,
        bool ThirdPartyIntegration,
        string Summary,
        string ChangeNote,
        IReadOnlyList<OutOfScopeClause> OutOfScope);

    /// <param name="CustomerEnvironments">
    /// The environment codes demo customers report, repeated by how common each is; a few are outside the scope.
    /// </param>
    public sealed record DemoProduct(
        string Code,
        string Name,
        string Description,
        IReadOnlyList<DemoRelease> Releases,
        DemoScope Earlier,
        DemoScope Current,
        IReadOnlyList<string> CustomerEnvironments);

    public static IReadOnlyList<TargetEnvironment> Environments { get; } =
    [
        new() { Code = "ubuntu-22.04", Name = "Ubuntu 22.04 LTS", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "ubuntu-24.04", Name = "Ubuntu 24.04 LTS", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "debian-12", Name = "Debian 12", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "rhel-9", Name = "Red Hat Enterprise Linux 9", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "windows-iot-2019", Name = "Windows 10 IoT Enterprise LTSC 2019", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "windows-iot-2021", Name = "Windows 10 IoT Enterprise LTSC 2021", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "windows-server-2022", Name = "Windows Server 2022", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "yocto-5.0", Name = "Yocto Project 5.0 (Scarthgap)", Kind = EnvironmentKind.OperatingSystem },
        new() { Code = "cortex-m0plus", Name = "Arm Cortex-M0+", Kind = EnvironmentKind.Platform },
        new() { Code = "cortex-m7", Name = "Arm Cortex-M7", Kind = EnvironmentKind.Platform },
        new() { Code = "cortex-r52", Name = "Arm Cortex-R52", Kind = EnvironmentKind.Platform },
        new() { Code = "cortex-a53", Name = "Arm Cortex-A53 (AArch64)", Kind = EnvironmentKind.Platform },
        new() { Code = "x86-64", Name = "x86-64", Kind = EnvironmentKind.Platform },
        new() { Code = "rv32imac", Name = "RISC-V RV32IMAC", Kind = EnvironmentKind.Platform },
        new() { Code = "rv64gc", Name = "RISC-V RV64GC", Kind = EnvironmentKind.Platform },
        new() { Code = "arm-gnu-13", Name = "Arm GNU Toolchain 13", Kind = EnvironmentKind.Toolchain },
        new() { Code = "llvm-18", Name = "LLVM/Clang 18", Kind = EnvironmentKind.Toolchain },
        new() { Code = "iar-arm-9", Name = "IAR Embedded Workbench for Arm 9", Kind = EnvironmentKind.Toolchain },
        new() { Code = "riscv-gnu-13", Name = "RISC-V GNU Toolchain 13", Kind = EnvironmentKind.Toolchain },
    ];

    public static IReadOnlyList<ThirdPartyProduct> ThirdParty { get; } =
    [
        new() { Name = "AVEVA PI Server", Vendor = "AVEVA" },
        new() { Name = "SIMATIC S7-1500", Vendor = "Siemens" },
        new() { Name = "Azure IoT Hub", Vendor = "Microsoft" },
        new() { Name = "AWS IoT Core", Vendor = "Amazon Web Services" },
        new() { Name = "Eclipse Mosquitto", Vendor = "Eclipse Foundation" },
        new() { Name = "lwIP", Vendor = "lwIP project" },
    ];

    public static IReadOnlyList<DemoProduct> Products { get; } = [Keel(), Mooring(), Sextant()];

    public static int ReleaseCount => Products.Sum(p => p.Releases.Count);

    /// <summary>The one product of that code or name.</summary>
    public static DemoProduct Find(string codeOrName) =>
        Products.Single(p => p.Code == codeOrName || p.Name == codeOrName);

    public static string EnvironmentName(string code) => Environments.Single(e => e.Code == code).Name;

    /// <summary>
    /// Saves the catalogue and publishes both scope versions of every product through the store, as a manager
    /// would: each version is a draft first and is published two weeks before it takes effect.
    /// </summary>
    public static async Task<DemoCatalogueIds> SeedAsync(IScopeStore store, int managerId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(nowUtc);
        foreach (var environment in Environments)
        {
            Saved(await store.SaveEnvironmentAsync(environment, cancellationToken), environment.Code);
        }

        foreach (var product in ThirdParty)
        {
            Saved(await store.SaveThirdPartyAsync(product, cancellationToken), product.Name);
        }

        var products = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var demo in Products)
        {
            var product = Saved(
                await store.CreateProductAsync(new Product { Code = demo.Code, Name = demo.Name, Description = demo.Description }, cancellationToken),
                demo.Name);
            products[demo.Code] = product.Id;
            foreach (var release in demo.Releases)
            {
                Saved(
                    await store.SaveReleaseAsync(
                        new ProductRelease
                        {
                            ProductId = product.Id,
                            Name = release.Name,
                            ReleasedOn = today.AddDays(-release.ReleasedDaysAgo),
                            EndOfSupportOn = release.SupportEndsInDays is { } days ? today.AddDays(days) : null,
                        },
                        cancellationToken),
                    $"{demo.Name} {release.Name}");
            }

            await PublishAsync(store, product.Id, demo.Earlier, today.AddDays(-EarlierScopeDaysAgo), managerId, cancellationToken);
            await PublishAsync(store, product.Id, demo.Current, today.AddDays(-CurrentScopeDaysAgo), managerId, cancellationToken);
        }

        return new DemoCatalogueIds(products);
    }

    private static async Task PublishAsync(IScopeStore store, int productId, DemoScope scope, DateOnly effectiveOn, int managerId, CancellationToken cancellationToken)
    {
        var publishedUtc = effectiveOn.AddDays(-AnnouncedDaysAhead).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var draftedUtc = publishedUtc.AddDays(-3);
        var draft = Saved(
            await store.SaveDraftAsync(
                new ScopeOfSupport
                {
                    ProductId = productId,
                    Status = ScopeStatus.Draft,
                    EffectiveOn = effectiveOn,
                    Summary = scope.Summary,
                    ChangeNote = scope.ChangeNote,
                    ReleasesBack = scope.ReleasesBack,
                    EnvironmentCodes = scope.Environments,
                    ModifiedSourceCovered = scope.ModifiedSource,
                    ThirdPartyIntegrationCovered = scope.ThirdPartyIntegration,
                    OutOfScope = scope.OutOfScope,
                    CreatedUtc = draftedUtc,
                    UpdatedUtc = draftedUtc,
                },
                cancellationToken),
            "a scope draft");
        Saved(await store.PublishAsync(draft.Id, draft.Version, managerId, publishedUtc, cancellationToken: cancellationToken), "a scope version");
    }

    private static T Saved<T>(T? saved, string what)
        where T : class =>
        saved ?? throw new InvalidOperationException($"The demo catalogue could not save {what}.");

    private static DemoProduct Keel()
    {
        string[] environments = ["cortex-m7", "cortex-r52", "cortex-a53", "x86-64", "rv32imac", "rv64gc", "arm-gnu-13", "llvm-18", "iar-arm-9", "riscv-gnu-13"];
        const string Summary =
            "Halyard Systems supports Keel RTOS for customers with a current support contract. Support covers the Keel kernel, "
            + "the board support packages we ship and the Keel SDK, on the releases and environments named below. Our engineers "
            + "diagnose defects, answer questions about the documented APIs and configuration options, and deliver fixes as "
            + "patches or in the next maintenance release. Requests outside this scope are not turned away: we name what falls "
            + "outside it and can quote the work as a fixed-price engineering service.";
        OutOfScopeClause[] common =
        [
            new(RequestCategories.Backport,
                "Fixes are made on the current release line and ship in its next maintenance release. Carrying a fix back to an older "
                + "release line, for example from 6.0 to 5.0, means re-testing it against that line's kernel and drivers; we quote it as a "
                + "separate fixed-price project."),
            new(RequestCategories.Customization,
                "Changing the kernel, the scheduler or a shipped board support package to behave differently from the documentation is "
                + "custom engineering. Tell us what you need: we will quote it, or record it as a feature request for a future release."),
            new(RequestCategories.Port,
                "Bringing Keel to a processor, board or toolchain that is not listed under supported environments is a porting "
                + "engagement, scoped and priced individually. Several of today's supported boards started out as customer ports."),
            new(RequestCategories.ThirdPartyIntegration,
                "We support Keel's own interfaces. Making another vendor's network stack, file system or middleware run on Keel is "
                + "outside support unless the release notes list that component as shipped with Keel."),
            new(RequestCategories.UnsupportedEnvironment,
                "On a processor, board or toolchain that is not listed we cannot reproduce a problem on our reference hardware or "
                + "certify a fix. We will tell you so and can offer a port or a consulting session instead."),
        ];
        return new DemoProduct(
            "keel",
            "Keel RTOS",
            "A deterministic, pre-emptive real-time operating system for microcontrollers and application processors, with a safety manual for IEC 61508.",
            [
                new("4.0", 1900, -540),
                new("4.1", 1560, -180),
                new("4.2", 1200, 180),
                new("5.0", 850, 550),
                new("5.1", 520),
                new("5.2", 230),
                new("6.0", 75),
            ],
            new DemoScope(
                3,
                environments,
                false,
                false,
                Summary,
                "First published edition of the Keel RTOS support policy.",
                [
                    .. common,
                    new(RequestCategories.ConsultingTraining,
                        "Architecture reviews, advice on designing your application and training for your team are consulting "
                        + "services, booked separately by the day."),
                ]),
            new DemoScope(
                2,
                environments,
                false,
                false,
                Summary,
                "Keel now moves to a new release every seven to nine months, so support covers the current release and the two "
                + "releases before it (previously three). The consulting and training clause now names the onboarding workshops.",
                [
                    .. common,
                    new(RequestCategories.ConsultingTraining,
                        "Help with designing your application, reviewing its task and interrupt structure, or bringing new engineers up "
                        + "to speed is consulting, not support: we offer one-day onboarding workshops and architecture reviews, booked "
                        + "separately."),
                ]),
            ["cortex-m7", "cortex-m7", "cortex-m7", "cortex-a53", "cortex-a53", "cortex-r52", "rv32imac", "rv64gc", "arm-gnu-13", "arm-gnu-13", "iar-arm-9", "llvm-18", "cortex-m0plus"]);
    }

    private static DemoProduct Mooring()
    {
        string[] current = ["ubuntu-22.04", "ubuntu-24.04", "debian-12", "rhel-9", "windows-iot-2021", "windows-server-2022", "yocto-5.0", "x86-64", "cortex-a53"];
        const string Summary =
            "Halyard Systems supports Mooring Gateway for customers with a current support contract. Support covers the gateway "
            + "runtime, the protocol connectors listed in the release notes (among them OPC UA, MQTT, Modbus TCP and EtherNet/IP) "
            + "and the management console, on the releases and operating systems named below. We investigate lost or delayed "
            + "data, connector faults and upgrade problems, and answer questions about configuring and sizing the gateway.";
        OutOfScopeClause[] clauses =
        [
            new(RequestCategories.Backport,
                "Fixes ship in maintenance releases of the current line. If you cannot upgrade, we can rebuild a fix for an older "
                + "supported line as a fixed-price service."),
            new(RequestCategories.Customization,
                "New connectors, protocol drivers for proprietary devices and changes to the console are development work. We quote "
                + "them separately; the connector SDK lets your own team build them too."),
            new(RequestCategories.Port,
                "Running the gateway on an operating system or hardware platform that is not listed under supported environments needs a port, which we "
                + "quote as a project."),
            new(RequestCategories.ThirdPartyIntegration,
                "Support ends at the gateway's connectors. Configuring a historian, cloud platform or broker on the other side, or "
                + "diagnosing that product, belongs to its vendor or to our integration services."),
            new(RequestCategories.UnsupportedEnvironment,
                "On an operating system that is not listed we answer on a best-effort basis only: we cannot reproduce the problem in "
                + "our test lab, and a fix may need an upgrade to a supported system first."),
            new(RequestCategories.ConsultingTraining,
                "Planning a plant-wide rollout, designing your tag namespace or training operators are consulting services, booked "
                + "separately."),
        ];
        return new DemoProduct(
            "mooring",
            "Mooring Gateway",
            "An industrial connectivity gateway that collects data from PLCs and field devices over OPC UA, Modbus and MQTT and forwards it to historians and cloud platforms.",
            [
                new("3.0", 1100, -370),
                new("3.1", 950, -200),
                new("3.2", 800, -20),
                new("3.3", 620, 110),
                new("3.4", 430, 300),
                new("3.5", 250, 480),
                new("3.6", 100, 630),
            ],
            new DemoScope(
                3,
                [.. current, "windows-iot-2019"],
                false,
                false,
                Summary,
                "First published edition of the Mooring Gateway support policy.",
                clauses),
            new DemoScope(
                3,
                current,
                false,
                false,
                Summary,
                "Windows 10 IoT Enterprise LTSC 2019 is no longer a supported environment, as its mainstream support from Microsoft "
                + "has ended. Gateways running on it keep working, but new problems there are handled as requests on an "
                + "unsupported environment; please plan a move to LTSC 2021.",
                clauses),
            ["ubuntu-22.04", "ubuntu-22.04", "ubuntu-22.04", "ubuntu-24.04", "ubuntu-24.04", "debian-12", "rhel-9", "windows-iot-2021", "windows-iot-2019", "windows-server-2022", "yocto-5.0", "yocto-5.0"]);
    }

    private static DemoProduct Sextant()
    {
        string[] earlier = ["ubuntu-22.04", "rhel-9", "windows-server-2022", "x86-64"];
        const string Summary =
            "Halyard Systems supports Sextant Analytics for customers with a current support contract. Support covers the "
            + "analytics server, the dashboard designer, alarms and reports, and the bundled data connectors. Each release is "
            + "supported until the end-of-support date published for it in the release table; after that date we ask you to "
            + "upgrade before we investigate a problem.";
        OutOfScopeClause[] clauses =
        [
            new(RequestCategories.Backport,
                "Fixes are delivered in the next release or hotfix of a supported release. Making a fix available on a release past "
                + "its end-of-support date is a paid service."),
            new(RequestCategories.Customization,
                "Building dashboards, reports or calculations for you, or changing how the product behaves, is project work that we "
                + "quote separately."),
            new(RequestCategories.Port,
                "Installing the analytics server on a platform that is not listed under supported environments is not supported; we can assess a port as a "
                + "project."),
            new(RequestCategories.UnsupportedEnvironment,
                "On an operating system or database that is not listed we help on a best-effort basis only and may ask you to "
                + "reproduce the problem on a supported system."),
        ];
        return new DemoProduct(
            "sextant",
            "Sextant Analytics",
            "An analytics suite for industrial time-series data: trends, anomaly detection, alarms and scheduled reports across plants.",
            [
                new("6.0", 1300, -600),
                new("6.5", 1000, -250),
                new("7.0", 700, -30),
                new("7.1", 480, 250),
                new("7.2", 300, 430),
                new("7.3", 130, 600),
                new("8.0", 20, 900),
            ],
            new DemoScope(
                null,
                earlier,
                false,
                false,
                Summary,
                "First published edition of the Sextant Analytics support policy.",
                [
                    .. clauses,
                    new(RequestCategories.ThirdPartyIntegration,
                        "Connecting Sextant to another vendor's historian, MES or cloud platform is integration work, outside support."),
                    new(RequestCategories.ConsultingTraining,
                        "Training courses and help with designing your KPIs or analytics models are consulting services."),
                ]),
            new DemoScope(
                null,
                [.. earlier, "ubuntu-24.04"],
                false,
                true,
                Summary,
                "Questions about connecting Sextant to the historians and cloud platforms named in the integration guide are now "
                + "covered by support. Ubuntu 24.04 LTS joins the supported operating systems. The consulting clause is reworded "
                + "to name the courses on offer.",
                [
                    .. clauses,
                    new(RequestCategories.ConsultingTraining,
                        "Designing your KPIs, reviewing your analytics models and training your engineers are consulting services: "
                        + "we run a two-day dashboard and alarm course and a one-day analytics modelling course, booked separately."),
                ]),
            ["ubuntu-22.04", "ubuntu-22.04", "ubuntu-24.04", "rhel-9", "rhel-9", "windows-server-2022", "windows-server-2022", "debian-12"]);
    }
}

/// <summary>The ids the catalogue was saved under, by product code.</summary>
internal sealed record DemoCatalogueIds(IReadOnlyDictionary<string, int> Products);
