using System.Globalization;
using System.Net;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Offers;

public sealed class BuyersPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task AManager_NamesTheAdminContact_AndGivesTheRightToBuy()
    {
        var manager = await app.SignInAsync("manager@helpdesk.test");
        var rights = app.Services.GetRequiredService<IBuyingRights>();
        var organisation = (await app.Services.GetRequiredService<Core.Organisations.IOrganisationStore>().ListAsync())
            .First(o => rights.ListAsync(o.Id).GetAwaiter().GetResult().Count >= 1);
        var customer = (await rights.ListAsync(organisation.Id))[0];
        var url = string.Create(CultureInfo.InvariantCulture, $"/manage/organisations/buyers/{organisation.Id}");

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(url));
        page.Should().Contain($"Who may buy services for {organisation.Name}").And.Contain(customer.Email);

        var named = await manager.PostFormAsync(url, new Dictionary<string, string> { ["adminContactId"] = customer.Id.ToString(CultureInfo.InvariantCulture) }, handler: "AdminContact");
        var given = await manager.PostFormAsync(url, new Dictionary<string, string> { ["userId"] = customer.Id.ToString(CultureInfo.InvariantCulture), ["canBuy"] = "true" }, handler: "Right");

        named.StatusCode.Should().Be(HttpStatusCode.Redirect);
        given.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await rights.GetAdminContactAsync(organisation.Id)).Should().Be(customer.Id);
        (await rights.FindAsync(customer.Id))!.CanBuyServices.Should().BeTrue();
        (await manager.GetStringAsync(url)).Should().Contain("Take the right away");
    }
}
