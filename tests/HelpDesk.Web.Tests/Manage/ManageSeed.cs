using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>What a manage test needs in the database, saved through the stores with names no other test uses.</summary>
public static class ManageSeed
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static IContractStore Contracts(this HelpDeskAppFactory app) => app.Services.GetRequiredService<IContractStore>();

    public static async Task<Product> ProductAsync(this HelpDeskAppFactory app, string name)
    {
        var code = Unique(name.ToLowerInvariant().Replace(' ', '-'));
        var product = await app.Services.GetRequiredService<IScopeStore>().CreateProductAsync(new Product { Code = code, Name = $"{name} {code[^8..]}" });
        return product ?? throw new InvalidOperationException($"Could not create the product {name}.");
    }

    /// <summary>A new organisation with a unique name starting with <paramref name="prefix"/>; its name.</summary>
    public static async Task<string> OrganisationAsync(this HelpDeskAppFactory app, string prefix)
    {
        var name = Unique(prefix);
        var saved = await app.Services.GetRequiredService<IOrganisationStore>().CreateAsync(new Organisation { Name = name, Region = Region.Emea, Segment = CustomerSegment.Standard });
        return saved.Succeeded ? name : throw new InvalidOperationException($"Could not create the organisation {name}.");
    }

    public static async Task<Plan> PlanAsync(this HelpDeskAppFactory app, int? allowance = 10)
    {
        var code = Unique("plan");
        var plan = await app.Contracts().SavePlanAsync(new Plan
        {
            Code = code,
            Name = $"Plan {code}",
            ListPriceCents = 1000000,
            IncidentAllowance = allowance,
            Channels = SupportChannels.Web | SupportChannels.Email,
            Hours = SupportHours.TwentyFourSeven,
            Targets = [.. Enum.GetValues<Severity>().Select(s => new SlaTarget(s, 60 * (int)s, 240 * (int)s))],
        });
        return plan ?? throw new InvalidOperationException("Could not create a plan.");
    }

    public static async Task<Contract> ContractAsync(this HelpDeskAppFactory app, int organisationId, Plan plan, Product product, DateOnly startsOn, DateOnly endsOn)
    {
        var contract = await app.Contracts().SaveContractAsync(new Contract
        {
            OrganisationId = organisationId,
            PlanId = plan.Id,
            ProductIds = [product.Id],
            StartsOn = startsOn,
            EndsOn = endsOn,
            TimeZone = "Europe/Berlin",
            ValueCents = 1200000,
            Status = ContractStatus.Active,
            CreatedUtc = DateTime.UtcNow,
        });
        return contract ?? throw new InvalidOperationException("Could not create a contract.");
    }
}
