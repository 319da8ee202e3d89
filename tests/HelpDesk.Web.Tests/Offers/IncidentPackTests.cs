using System.Globalization;
using System.Net;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>A customer out of incidents buys a pack on the portal, and the ticket that found the allowance used is judged Entitled.</summary>
public sealed class IncidentPackTests(OffersAppFactory app) : IClassFixture<OffersAppFactory>
{
    [Fact]
    public async Task BuyingAPack_RaisesTheAllowance_AndTheSameTicketIsJudgedEntitled()
    {
        var contracts = app.Services.GetRequiredService<IContractStore>();
        var plan = (await contracts.GetPlanAsync(app.Seed.PlanId))!;
        (await contracts.SavePlanAsync(plan with { IncidentAllowance = 1 })).Should().NotBeNull();
        var (first, _) = await app.FileAsync("Pack: the last incident", RequestCategories.Problem);
        var (second, number) = await app.FileAsync("Pack: one too many", RequestCategories.Problem);
        var tickets = app.Services.GetRequiredService<ITicketStore>();
        (await tickets.GetAsync(first, TicketScope.Staff))!.Verdict.Should().Be(Verdict.Entitled);
        (await tickets.GetAsync(second, TicketScope.Staff))!.Verdict.Should().Be(Verdict.AllowanceUsed);

        var pack = await app.PublishAsync(new SaveOfferingDraftRequest
        {
            Code = "orbit-pack",
            Kind = OfferingKind.IncidentPack,
            Name = "Five more incidents",
            Price = "500",
            Incidents = 5,
            Terms = "{{incidents}} incidents added to {{contract}} for {{price}}.",
        });
        using var scope = app.Services.CreateScope();
        var engineerId = (await app.UserIdAsync(Engineer))!.Value;
        var made = await scope.ServiceProvider.GetRequiredService<MakeOffer>().HandleAsync(new MakeOfferRequest(TicketActor.Staff(engineerId), second, pack.Published!.Id));
        made.Succeeded.Should().BeTrue(string.Join("; ", made.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var offer = made.Value!;

        var customer = await app.SignInAsync(Northwind);
        var accepted = await customer.PostFormAsync(
            string.Create(CultureInfo.InvariantCulture, $"/portal/offers/{offer.Id}"),
            new Dictionary<string, string> { ["Accept.TypedName"] = "Nora Northwind", ["Accept.TermsSha256"] = OfferTerms.Sha256(offer.TermsHtml) },
            handler: "Accept");

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await accepted.Content.ReadAsStringAsync()));
        (await contracts.GetContractAsync(app.Seed.ContractId))!.IncidentsBought.Should().Be(5);
        var judged = (await tickets.GetAsync(second, TicketScope.Staff))!;
        judged.Verdict.Should().Be(Verdict.Entitled);
        judged.IncidentContractId.Should().Be(app.Seed.ContractId, "the ticket now uses one of the bought incidents");
        (await tickets.ListAuditAsync(second)).Should().Contain(a => a.Field == "judged again" && a.NewValue!.Contains(offer.Number, StringComparison.Ordinal));
        WebUtility.HtmlDecode(await customer.GetStringAsync($"/portal/tickets/{number}")).Should().Contain("of its 6 incidents (5 of them bought in packs) are used");
    }
}
