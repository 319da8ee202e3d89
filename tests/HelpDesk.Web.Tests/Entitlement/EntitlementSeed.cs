using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Entitlement;

/// <summary>
/// A product of our own for the entitlement tests, written through the stores as the manage pages would: three
/// releases (7.0 current, 6.2 the one before, 6.1 past its end of support), one environment, a published scope
/// supporting the current release and two before it, a Premium plan around the clock, and a Northwind contract
/// in term covering the product. Contoso has no contract for it.
/// </summary>
public sealed record EntitlementSeed(int ProductId, int ContractId, int PlanId)
{
    public const string ProductCode = "orbitx";
    public const string ProductName = "Orbit Test Imager";
    public const string CurrentRelease = "7.0";
    public const string PreviousRelease = "6.2";
    public const string EndedRelease = "6.1";
    public const string EnvironmentCode = "orbit-linux";
    public const string EnvironmentName = "Orbit Linux x64";
    public const string PlanName = "Orbit Premium";
    public const string Northwind = "customer@northwind.example";
    public const string Contoso = "customer@contoso.example";
    public const string Engineer = "engineer@helpdesk.test";
    public const string Manager = "manager@helpdesk.test";

    /// <summary>Where a reason citing the supported-releases clause links.</summary>
    public const string ReleasesClauseUrl = "/scope/orbitx/v/1#supported-releases";

    public string ContractNumber => Contract.FormatNumber(ContractId);

    /// <summary>The normal-severity first-response target, as the preview words it.</summary>
    public const string NormalFirstResponse = "4 hours";

    public static async Task<EntitlementSeed> WriteAsync(HelpDeskAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<IScopeStore>();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractStore>();
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);

        var product = await catalogue.CreateProductAsync(new Product { Code = ProductCode, Name = ProductName, Description = "Imaging server used by the entitlement tests." })
            ?? throw new InvalidOperationException("The test product could not be created.");
        foreach (var release in new[]
        {
            new ProductRelease { ProductId = product.Id, Name = EndedRelease, ReleasedOn = today.AddDays(-800), EndOfSupportOn = today.AddDays(-30) },
            new ProductRelease { ProductId = product.Id, Name = PreviousRelease, ReleasedOn = today.AddDays(-400) },
            new ProductRelease { ProductId = product.Id, Name = CurrentRelease, ReleasedOn = today.AddDays(-60) },
        })
        {
            _ = await catalogue.SaveReleaseAsync(release) ?? throw new InvalidOperationException($"Release {release.Name} could not be saved.");
        }

        _ = await catalogue.SaveEnvironmentAsync(new TargetEnvironment { Code = EnvironmentCode, Name = EnvironmentName, Kind = EnvironmentKind.OperatingSystem })
            ?? throw new InvalidOperationException("The test environment could not be saved.");

        var draft = await catalogue.SaveDraftAsync(new ScopeOfSupport
        {
            ProductId = product.Id,
            EffectiveOn = today.AddDays(-10),
            Summary = "Support for the Orbit Test Imager.",
            ReleasesBack = 2,
            EnvironmentCodes = [EnvironmentCode],
            ModifiedSourceCovered = false,
            ThirdPartyIntegrationCovered = false,
            OutOfScope = [new OutOfScopeClause(RequestCategories.Customization, "Changes to the product are a paid service.")],
        }) ?? throw new InvalidOperationException("The scope draft could not be saved.");
        var managerId = (await app.UserIdAsync(Manager))!.Value;
        _ = await catalogue.PublishAsync(draft.Id, draft.Version, managerId, now.AddDays(-1))
            ?? throw new InvalidOperationException("The scope could not be published.");

        var plan = await contracts.SavePlanAsync(new Plan
        {
            Code = "orbit-premium",
            Name = PlanName,
            ListPriceCents = 1_200_000,
            Channels = SupportChannels.Web | SupportChannels.Email | SupportChannels.Api,
            Hours = SupportHours.TwentyFourSeven,
            Targets =
            [
                new SlaTarget(Severity.Critical, 60, 240),
                new SlaTarget(Severity.High, 120, 480),
                new SlaTarget(Severity.Normal, 240, 960),
                new SlaTarget(Severity.Low, 480, 2400),
            ],
        }) ?? throw new InvalidOperationException("The plan could not be saved.");

        var contract = await contracts.SaveContractAsync(new Contract
        {
            OrganisationId = await app.OrganisationIdAsync("Northwind Traders"),
            PlanId = plan.Id,
            ProductIds = [product.Id],
            StartsOn = today.AddDays(-30),
            EndsOn = today.AddDays(300),
            TimeZone = "UTC",
            ValueCents = 1_000_000,
            Status = ContractStatus.Active,
        }) ?? throw new InvalidOperationException("The contract could not be saved.");

        return new EntitlementSeed(product.Id, contract.Id, plan.Id);
    }
}

/// <summary>The app with <see cref="EntitlementSeed"/> written, for one test class.</summary>
public sealed class EntitlementAppFactory : HelpDeskAppFactory, IAsyncLifetime
{
    public EntitlementSeed Seed { get; private set; } = null!;

    public async Task InitializeAsync() => Seed = await EntitlementSeed.WriteAsync(this);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Filing on our product through the API, and what the database holds about a ticket's verdict.</summary>
public static class EntitlementCalls
{
    public static async Task<JsonElement> FileOrbitAsync(this HttpClient client, string subject, string release, bool modifiedSource = false, string category = RequestCategories.Problem)
    {
        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject,
            body = "The imager stops after the first page.",
            severity = 3,
            product = EntitlementSeed.ProductName,
            productRelease = release,
            environment = EntitlementSeed.EnvironmentName,
            category,
            modifiedSource,
        });
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static async Task<VerdictRow> VerdictRowAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<VerdictRow>(
            "SELECT Verdict, ContractId, ScopeVersionId, FirstResponseDueUtc, ResolveDueUtc, ModifiedSource, Version FROM Tickets WHERE Id = @Id",
            new { Id = ticketId });
    }

    public static IReadOnlyList<string> Clauses(this JsonElement entitlement) =>
        [.. entitlement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("clause").GetString() ?? "")];

    public static IReadOnlyList<string> ClauseUrls(this JsonElement entitlement) =>
        [.. entitlement.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("clauseUrl").GetString() ?? "")];
}

public sealed record VerdictRow
{
    public string? Verdict { get; init; }
    public long? ContractId { get; init; }
    public long? ScopeVersionId { get; init; }
    public string? FirstResponseDueUtc { get; init; }
    public string? ResolveDueUtc { get; init; }
    public bool ModifiedSource { get; init; }
    public long Version { get; init; }
}
