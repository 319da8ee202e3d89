using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Scope;

public sealed class ScopeWhatIfPageTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    [Fact]
    public async Task Preview_ReplaysTheYearsTickets_WithADraftSupportingOneReleaseFewer_AndDrillsDownToTheTickets()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);
        var previous = (await customer.FileOrbitAsync("What-if: imager stops on 6.2", PreviousRelease)).Text("number");
        var current = (await customer.FileOrbitAsync("What-if: imager stops on 7.0", CurrentRelease)).Text("number");
        var ended = (await customer.FileOrbitAsync("What-if: imager stops on 6.1", EndedRelease)).Text("number");

        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IScopeStore>();
            var published = (await store.ListScopesAsync(app.Seed.ProductId)).Single(v => v.Number == 1);
            (await store.SaveDraftAsync(published with { Id = 0, Number = 0, Status = ScopeStatus.Draft, PublishedUtc = null, PublishedById = null, ReleasesBack = 0, Version = 0 }))
                .Should().NotBeNull();
        }

        var manager = await app.SignInAsync(Manager);
        var page = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/scope/preview/{ProductCode}"));

        page.Should().Contain("Had this draft been in force over the last 12 months")
            .And.Contain("data-what-if=\"now-out\">1</a>")
            .And.Contain("data-what-if=\"now-in\">0</a>")
            .And.Contain("data-what-if=\"renewal-out\">1</a>", "the contract started within the period, after the draft's publication")
            .And.Contain("Supported releases")
            .And.Contain("Northwind Traders")
            .And.Contain("1 of their tickets would have been out of scope (1 under “Supported releases”)");

        var drill = await manager.GetStringAsync($"/manage/scope/preview/{ProductCode}?tickets=now-out-clause%3Asupported-releases");
        var list = drill[drill.IndexOf("id=\"what-if-tickets\"", StringComparison.Ordinal)..];
        list.Should().Contain($"/desk/tickets/{previous}").And.NotContain($"/desk/tickets/{current}\"").And.NotContain($"/desk/tickets/{ended}\"");
    }

    [Fact]
    public async Task Preview_IsForManagersOnly()
    {
        var customer = await app.SignInAsync(Northwind);
        var response = await customer.GetAsync($"/manage/scope/preview/{ProductCode}?tickets=now-out");
        ((int)response.StatusCode).Should().BeOneOf(302, 403, 404);
    }
}
