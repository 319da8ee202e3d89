using System.Globalization;
using System.Net;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>"Our support" on the portal: the organisation's contracts and offers, and the admin contact's right to grant buying.</summary>
public sealed class OurSupportPageTests(OffersAppFactory app) : IClassFixture<OffersAppFactory>
{
    private IBuyingRights Rights => app.Services.GetRequiredService<IBuyingRights>();

    [Fact]
    public async Task ShowsTheContracts_AndTheOffersByState()
    {
        var (id, _) = await app.FileAsync("Support: an offer");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);

        var html = WebUtility.HtmlDecode(await customer.GetStringAsync("/portal/support"));

        html.Should().Contain("<h1>Our support</h1>")
            .And.Contain($"data-contract=\"{app.Seed.ContractNumber}\"").And.Contain(PlanName).And.Contain(ProductName)
            .And.Contain("web, email, API").And.Contain("unlimited").And.Contain("Due for renewal on")
            .And.Contain($"data-offer=\"{offer.Number}\"").And.Contain("waiting for an answer")
            .And.Contain("<a href=\"/portal/support\">Our support</a>", "the portal's navigation leads here");
        WebUtility.HtmlDecode(await (await app.SignInAsync(Contoso)).GetStringAsync("/portal/support")).Should().NotContain($"data-offer=\"{offer.Number}\"");
    }

    [Fact]
    public async Task TheAdminContact_GivesAndTakesTheRightToBuy_AndNoOneElseMay()
    {
        var northwind = await app.OrganisationIdAsync("Northwind Traders");
        var nora = (await app.UserIdAsync(Northwind))!.Value;
        var pat = (await app.UserIdAsync(OffersAppFactory.PatBuyer))!.Value;
        var carl = (await app.UserIdAsync(Contoso))!.Value;
        await Rights.SetAdminContactAsync(northwind, nora);
        await Rights.SetCanBuyAsync(pat, false);
        var admin = await app.SignInAsync(Northwind);
        Dictionary<string, string> Right(int userId, bool canBuy) => new() { ["userId"] = userId.ToString(CultureInfo.InvariantCulture), ["canBuy"] = canBuy ? "true" : "false" };

        WebUtility.HtmlDecode(await admin.GetStringAsync("/portal/support")).Should().Contain($"data-buyer=\"{OffersAppFactory.PatBuyer}\"").And.Contain("Give the right to buy");
        var given = await admin.PostFormAsync("/portal/support", Right(pat, true), handler: "Right");
        given.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Rights.FindAsync(pat))!.CanBuyServices.Should().BeTrue();

        var stranger = await admin.PostFormAsync("/portal/support", Right(carl, true), handler: "Right");
        stranger.StatusCode.Should().Be(HttpStatusCode.NotFound, "another organisation's account is not found");
        (await Rights.FindAsync(carl))!.CanBuyServices.Should().BeFalse();

        var patClient = await app.SignInAsync(OffersAppFactory.PatBuyer);
        var page = WebUtility.HtmlDecode(await patClient.GetStringAsync("/portal/support"));
        page.Should().Contain("You have the right to buy services").And.NotContain("Take the right away");
        var refused = await patClient.PostFormAsync("/portal/support", Right(nora, true), handler: "Right");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await patClient.GetStringAsync("/portal/support")).Should().Contain("Only your organisation's admin contact or a manager can give or take the right to buy services.");
        (await Rights.FindAsync(nora))!.CanBuyServices.Should().BeFalse();

        var taken = await admin.PostFormAsync("/portal/support", Right(pat, false), handler: "Right");
        taken.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Rights.FindAsync(pat))!.CanBuyServices.Should().BeFalse();
    }
}
