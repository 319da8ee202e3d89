using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.ManageApi;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Scope;

/// <summary><c>/api/scope/{productId}/draft/preview</c>: the draft's what-if, as the preview page shows it.</summary>
public sealed class ScopeApiPreviewTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    [Fact]
    public async Task Preview_ListsTheTicketWhoseVerdictADraftSupportingOneReleaseFewerWouldChange()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);
        var previous = (await customer.FileOrbitAsync("Api what-if: imager stops on 6.2", PreviousRelease)).Text("number");
        var current = (await customer.FileOrbitAsync("Api what-if: imager stops on 7.0", CurrentRelease)).Text("number");
        var manager = await app.SignInWithTokenAsync(Manager);
        var opened = await manager.GetJsonAsync($"/api/scope/{app.Seed.ProductId}/draft");

        await manager.OkAsync($"/api/scope/{app.Seed.ProductId}/draft", opened.GetProperty("settings").With(("releasesBack", 0), ("version", 0)));
        var preview = await manager.GetJsonAsync($"/api/scope/{app.Seed.ProductId}/draft/preview");

        var now = preview.GetProperty("applyNow");
        now.GetProperty("toOut").EnumerateArray().Select(n => n.GetString()).Should().Equal(previous);
        now.GetProperty("toIn").GetArrayLength().Should().Be(0);
        var shift = now.GetProperty("shifts")[0];
        shift.Text("after").Should().Be("OutOfScope");
        shift.GetProperty("clauses").EnumerateArray().Select(c => c.GetString()).Should().Equal("supported-releases");
        preview.GetProperty("applyNow").GetProperty("toOut").EnumerateArray().Select(n => n.GetString()).Should().NotContain(current);
        preview.GetProperty("document").GetProperty("isDraft").GetBoolean().Should().BeTrue();
    }
}
