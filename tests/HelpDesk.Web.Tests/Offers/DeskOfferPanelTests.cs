using System.Globalization;
using System.Net;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>The desk ticket page's offer panel: proposals with their reasons, sending, field errors, withdrawing, quote requests.</summary>
public sealed class DeskOfferPanelTests(OffersAppFactory app) : IClassFixture<OffersAppFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, string> OfferForm(params (string Key, string Value)[] changes)
    {
        var form = new Dictionary<string, string>
        {
            ["Offer.OfferingVersionId"] = Id(app.Service.Published!.Id),
            ["Offer.Blanks[description]"] = "an export of the scan log",
            ["Offer.Blanks[fromRelease]"] = CurrentRelease,
        };
        foreach (var (key, value) in changes)
        {
            form[key] = value;
        }

        return form;
    }

    [Fact]
    public async Task OutOfScopeTicket_ProposesTheService_WithWhy_AndBlanksFilledFromTheTicket()
    {
        var (_, number) = await app.FileAsync("Panel: add a scan log export");
        var engineer = await app.SignInAsync(Engineer);

        var html = WebUtility.HtmlDecode(await engineer.GetStringAsync($"/desk/tickets/{number}"));

        html.Should().Contain("Offer services")
            .And.Contain($"data-offering=\"{OffersAppFactory.ServiceCode}\"")
            .And.Contain(OffersAppFactory.ServiceName).And.Contain("2,400.00 USD")
            .And.Contain("Answers Customization")
            .And.Contain("name=\"Offer.Blanks[fromRelease]\" value=\"7.0\"")
            .And.Contain($"name=\"Offer.Blanks[platform]\" value=\"{EnvironmentCode}\"")
            .And.Contain("Filled in by the offer itself: price, deliveryDays")
            .And.Contain($"value=\"{DateOnly.FromDateTime(DateTime.UtcNow).AddDays(OfferSettings.DefaultExpiryDays):yyyy-MM-dd}\"");
    }

    [Fact]
    public async Task SendingAnOffer_SavesIt_MailsTheOfferPage_AndListsItOnThePanel()
    {
        var (id, number) = await app.FileAsync("Panel: send an offer");
        var engineer = await app.SignInAsync(Engineer);

        var sent = await engineer.PostFormAsync($"/desk/tickets/{number}", OfferForm(), handler: "Offer");

        sent.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await sent.Content.ReadAsStringAsync()));
        var offer = (await app.Offers.ListForTicketAsync(id)).Single();
        offer.Status.Should().Be(OfferStatus.Sent);
        offer.PriceCents.Should().Be(2_400_00);
        offer.TermsHtml.Should().Contain("an export of the scan log").And.Contain(ProductName);
        var mail = (await app.OutboxForAsync(Northwind)).Last(m => m.Kind == OfferMail.Sent);
        mail.TextBody.Should().Contain($"/portal/offers/{offer.Id}");
        var panel = WebUtility.HtmlDecode(await engineer.GetStringAsync($"/desk/tickets/{number}"));
        panel.Should().Contain($"data-offer=\"{offer.Number}\"").And.Contain("waiting for an answer").And.Contain($"Withdraw {offer.Number}");
    }

    [Fact]
    public async Task BadInput_ShowsFieldErrorsBesideTheFields_AndSavesNothing()
    {
        var (id, number) = await app.FileAsync("Panel: bad offer");
        var engineer = await app.SignInAsync(Engineer);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var response = await engineer.PostFormAsync($"/desk/tickets/{number}", OfferForm(
            ("Offer.ExpiresOn", yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Offer.Blanks[discount]", "10%"),
            ("Offer.Blanks[description]", "")), handler: "Offer");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var errors = PageText.ErrorsOf(html);
        errors.Should().Contain("is in the past").And.Contain("{{discount}} is not a blank of these terms").And.Contain("{{description}}");
        WebUtility.HtmlDecode(html).Should().Contain("<details class=\"offer-proposal\" data-offering=\"orbit-customize\" open=\"open\"");
        (await app.Offers.ListForTicketAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task AnEntitledTicket_ProposesNothing_AndAnOfferFromTheCatalogueNeedsAReason()
    {
        var (id, number) = await app.FileAsync("Panel: goodwill", RequestCategories.Problem);
        var engineer = await app.SignInAsync(Engineer);

        var panel = WebUtility.HtmlDecode(await engineer.GetStringAsync($"/desk/tickets/{number}"));
        panel.Should().Contain("entitled to support, so nothing is proposed").And.NotContain("data-offering=");
        var chosen = WebUtility.HtmlDecode(await engineer.GetStringAsync($"/desk/tickets/{number}?offering={app.Service.Published!.Id}"));
        chosen.Should().Contain($"data-offering=\"{OffersAppFactory.ServiceCode}\"").And.Contain("(required: the ticket is entitled");

        var refused = await engineer.PostFormAsync($"/desk/tickets/{number}", OfferForm(), handler: "Offer");
        PageText.ErrorsOf(await refused.Content.ReadAsStringAsync()).Should().Contain("say why you are making an offer anyway");
        (await app.Offers.ListForTicketAsync(id)).Should().BeEmpty();

        var sent = await engineer.PostFormAsync($"/desk/tickets/{number}", OfferForm(("Offer.Reason", "They asked what the export would cost.")), handler: "Offer");
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Offers.ListForTicketAsync(id)).Single().Reason.Should().Be("They asked what the export would cost.");
    }

    [Fact]
    public async Task Withdrawing_NeedsAReason_ThenTellsTheCustomer()
    {
        var (id, number) = await app.FileAsync("Panel: withdraw");
        var offer = await app.OfferAsync(id);
        var engineer = await app.SignInAsync(Engineer);

        var refused = await engineer.PostFormAsync($"/desk/tickets/{number}", new Dictionary<string, string> { ["Withdrawal.OfferId"] = Id(offer.Id), ["Withdrawal.Reason"] = " " }, handler: "Withdraw");
        PageText.ErrorsOf(await refused.Content.ReadAsStringAsync()).Should().Contain("Say why you withdraw the offer");
        (await app.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Sent);

        var withdrawn = await engineer.PostFormAsync($"/desk/tickets/{number}", new Dictionary<string, string> { ["Withdrawal.OfferId"] = Id(offer.Id), ["Withdrawal.Reason"] = "Priced on the wrong release." }, handler: "Withdraw");
        withdrawn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Offers.GetAsync(offer.Id))!.WithdrawReason.Should().Be("Priced on the wrong release.");
        (await app.OutboxForAsync(Northwind)).Should().Contain(m => m.Kind == OfferMail.Withdrawn && m.TextBody.Contains("Priced on the wrong release.", StringComparison.Ordinal));
        var again = await engineer.PostFormAsync($"/desk/tickets/{number}", new Dictionary<string, string> { ["Withdrawal.OfferId"] = Id(offer.Id), ["Withdrawal.Reason"] = "Twice." }, handler: "Withdraw");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AQuoteRequest_NeedsANote_ThenWaitsForTheManagers()
    {
        var (id, number) = await app.FileAsync("Panel: quote");
        var engineer = await app.SignInAsync(Engineer);

        var refused = await engineer.PostFormAsync($"/desk/tickets/{number}", new Dictionary<string, string> { ["Quote.Note"] = "" }, handler: "Quote");
        PageText.ErrorsOf(await refused.Content.ReadAsStringAsync()).Should().Contain("Say what the managers should quote");

        var asked = await engineer.PostFormAsync($"/desk/tickets/{number}", new Dictionary<string, string> { ["Quote.Note"] = "A log export in CSV, about three days." }, handler: "Quote");
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Offers.ListQuoteRequestsAsync(id, QuoteRequestStatus.Open)).Single().Note.Should().Be("A log export in CSV, about three days.");
        WebUtility.HtmlDecode(await engineer.GetStringAsync($"/desk/tickets/{number}")).Should().Contain("it waits in the managers' pipeline");
    }

    [Fact]
    public async Task OfferPosts_WithoutTheAntiforgeryToken_AreRefused()
    {
        var (id, number) = await app.FileAsync("Panel: forged");
        var engineer = await app.SignInAsync(Engineer);

        var response = await engineer.PostAsync($"/desk/tickets/{number}?handler=Offer", new FormUrlEncodedContent(OfferForm()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Offers.ListForTicketAsync(id)).Should().BeEmpty();
    }
}
