using System.Globalization;
using System.Net;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Manage;

public sealed class OrganisationEditTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    private IOrganisationStore Organisations => app.Services.GetRequiredService<IOrganisationStore>();

    private async Task<Organisation> NewOrganisationAsync()
    {
        var name = ManageSeed.Unique("Fabrikam");
        var result = await Organisations.CreateAsync(new Organisation { Name = name, Region = Region.Emea, Segment = CustomerSegment.Standard, EmailDomains = [$"{name.ToLowerInvariant()}.example"], CreatedUtc = DateTime.UtcNow });
        return (await Organisations.GetAsync(result.Id))!;
    }

    private static Dictionary<string, string> Form(Organisation organisation, string segment, string domains, int? version = null) => new()
    {
        ["Input.Name"] = organisation.Name,
        ["Input.Region"] = "Apac",
        ["Input.Segment"] = segment,
        ["Input.Domains"] = domains,
        ["Input.Version"] = (version ?? organisation.Version).ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Edit_SavesSegmentRegionAndDomains()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();

        var domain = organisation.Name.ToLowerInvariant();
        var response = await manager.PostFormAsync($"/manage/organisations/edit/{organisation.Id}", Form(organisation, "Strategic", $"{domain.ToUpperInvariant()}.Example, @{domain}.co.uk"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var saved = (await Organisations.GetAsync(organisation.Id))!;
        saved.Segment.Should().Be(CustomerSegment.Strategic);
        saved.Region.Should().Be(Region.Apac);
        saved.EmailDomains.Should().BeEquivalentTo($"{domain}.example", $"{domain}.co.uk");
        saved.Version.Should().Be(organisation.Version + 1);
    }

    [Fact]
    public async Task Edit_ShowsTheChangeInTheHistory()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();

        var saved = await manager.PostFormAsync($"/manage/organisations/edit/{organisation.Id}", Form(organisation, "Key", string.Join(", ", organisation.EmailDomains)));
        var html = await manager.GetStringAsync($"/manage/organisations/edit/{organisation.Id}");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        html.Should().Contain("<h2>History</h2>")
            .And.Contain("<strong>changed</strong>: Changed the region from Europe, Middle East and Africa to Asia-Pacific; changed the segment from standard to key.");
        html.Should().NotContain("Nothing recorded yet.");
    }

    [Fact]
    public async Task Edit_SaysWhatTheSegmentDoesToRouting()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();

        var html = await manager.GetStringAsync($"/manage/organisations/edit/{organisation.Id}");

        html.Should().Contain("Routing gives strategic customers&#x27; tickets, and any of severity 2 high or worse, to the most proficient engineer");
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_SaysSomeoneElseChangedIt_AndKeepsWhatWasTyped()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();
        await Organisations.UpdateAsync(organisation with { Segment = CustomerSegment.Key });

        var response = await manager.PostFormAsync($"/manage/organisations/edit/{organisation.Id}", Form(organisation, "SelfService", "typed-by-me.example", organisation.Version));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"Someone else changed {organisation.Name} since you opened it; reload").And.Contain("value=\"typed-by-me.example\"");
        (await Organisations.GetAsync(organisation.Id))!.Segment.Should().Be(CustomerSegment.Key);
    }

    [Fact]
    public async Task Edit_ShowsAFieldError_WhenADomainBelongsToAnotherOrganisation()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();

        var response = await manager.PostFormAsync($"/manage/organisations/edit/{organisation.Id}", Form(organisation, "Key", "contoso.example"));

        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("Already owned by another organisation: contoso.example.");
    }

    [Fact]
    public async Task Page_ShowsTheOrganisationsContracts_AndIsLinkedFromTheManageIndex()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await NewOrganisationAsync();
        var product = await app.ProductAsync("Gauge");
        var plan = await app.PlanAsync();
        var contract = await app.ContractAsync(organisation.Id, plan, product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var page = await manager.GetStringAsync($"/manage/organisations/edit/{organisation.Id}");

        page.Should().Contain(contract.Number).And.Contain(plan.Name).And.Contain("12,000.00");
        (await manager.GetStringAsync("/manage")).Should().Contain($"href=\"/manage/organisations/edit/{organisation.Id}\"")
            .And.Contain("href=\"/manage/plans\"").And.Contain("href=\"/manage/contracts\"").And.Contain("href=\"/manage/calendars\"");
    }

    [Fact]
    public async Task Page_IsNotFound_ForAnOrganisationThatDoesNotExist()
    {
        var manager = await app.SignInAsync(Manager);

        (await manager.GetAsync("/manage/organisations/edit/99999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
