using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

public abstract class BuyingRightsTests : ProviderTestBase
{
    [SkippableFact]
    public async Task TheRightToBuy_IsGivenByAManager_OrTheAdminContact_AndReadByTheUserStore()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var set = new SetBuyingRight(world.Rights);
        var admin = new SetAdminContact(world.Rights);

        var notYet = await set.HandleAsync(new SetBuyingRightRequest(world.Requester, false, world.Colleague, true));
        var wrongAdmin = await admin.HandleAsync(world.Organisation, world.Stranger);
        (await admin.HandleAsync(world.Organisation, world.Requester)).Succeeded.Should().BeTrue();
        var byAdmin = await set.HandleAsync(new SetBuyingRightRequest(world.Requester, false, world.Colleague, true));
        var acrossOrganisations = await set.HandleAsync(new SetBuyingRightRequest(world.Requester, false, world.Stranger, true));
        var byManager = await set.HandleAsync(new SetBuyingRightRequest(world.Engineer, true, world.Buyer, false));

        notYet.Errors.Should().ContainSingle().Which.Message.Should().Be("Only your organisation's admin contact or a manager can give or take the right to buy services.");
        wrongAdmin.Errors.Should().ContainSingle().Which.Field.Should().Be("adminContactId");
        byAdmin.Value!.CanBuyServices.Should().BeTrue();
        acrossOrganisations.Failure.Should().Be(Failure.NotFound);
        byManager.Value!.CanBuyServices.Should().BeFalse();
        (await world.Rights.GetAdminContactAsync(world.Organisation)).Should().Be(world.Requester);
        (await world.Rights.ListAsync(world.Organisation)).Select(b => (b.Id, b.CanBuyServices))
            .Should().BeEquivalentTo([(world.Requester, false), (world.Buyer, false), (world.Colleague, true)]);

        using var users = new DapperUserStore(Connections, new Microsoft.AspNetCore.Identity.IdentityErrorDescriber(), new AccountCache());
        var colleague = await users.FindByIdAsync(world.Colleague.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        colleague!.CanBuyServices.Should().BeTrue();
        colleague.DisplayName = "Carl C.";
        (await users.UpdateAsync(colleague, CancellationToken.None)).Succeeded.Should().BeTrue();
        (await world.Rights.FindAsync(world.Colleague))!.CanBuyServices.Should().BeTrue("saving the account keeps the flag");
    }
}

public sealed class SqliteBuyingRightsTests : BuyingRightsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerBuyingRightsTests : BuyingRightsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
