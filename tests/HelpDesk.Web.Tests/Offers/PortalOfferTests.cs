using System.Globalization;
using System.Net;
using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>The customer's side of an offer: reading it from the ticket, accepting with the typed name, declining, refusals, isolation.</summary>
public sealed class PortalOfferTests(OffersAppFactory app) : IClassFixture<OffersAppFactory>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) OfferTests/1.0";

    private static string Page(Offer offer) => string.Create(CultureInfo.InvariantCulture, $"/portal/offers/{offer.Id}");

    private static async Task<HttpResponseMessage> AcceptAsync(HttpClient customer, Offer offer, string typedName)
    {
        customer.DefaultRequestHeaders.UserAgent.Clear();
        customer.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return await customer.PostFormAsync(Page(offer), new Dictionary<string, string> { ["Accept.TypedName"] = typedName, ["Accept.TermsSha256"] = OfferTerms.Sha256(offer.TermsHtml) }, handler: "Accept");
    }

    [Fact]
    public async Task TheTicketListsTheOffer_AndItsPageShowsTheTermsPriceAndExpiry()
    {
        var (id, number) = await app.FileAsync("Portal: read an offer");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);

        var ticket = WebUtility.HtmlDecode(await customer.GetStringAsync($"/portal/tickets/{number}"));
        ticket.Should().Contain($"<a href=\"/portal/offers/{offer.Id}\">{offer.Number} {OffersAppFactory.ServiceName}</a>").And.Contain("waiting for an answer");
        ticket.Should().NotContain("Request a quote", "an offer waits for the customer's answer");

        var html = await customer.GetStringAsync(Page(offer));
        html.Should().Contain(offer.TermsHtml, "the terms are shown exactly as rendered when the offer was sent");
        var text = WebUtility.HtmlDecode(html);
        text.Should().Contain("2,400.00 USD").And.Contain(OfferLifecycle.Describe(offer.ExpiresUtc)).And.Contain($"Accept offer {offer.Number}").And.Contain($"Decline offer {offer.Number}");
        text.Should().Contain($"value=\"{OfferTerms.Sha256(offer.TermsHtml)}\"");
    }

    [Fact]
    public async Task Accepting_RecordsTheTypedNameAddressAgentAndHash_AndAcceptingTwiceIsRefused()
    {
        var (id, _) = await app.FileAsync("Portal: accept");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);

        var unnamed = await AcceptAsync(customer, offer, "  ");
        PageText.ErrorsOf(await unnamed.Content.ReadAsStringAsync()).Should().Contain("Type your full name to accept");
        (await app.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Sent);

        var accepted = await AcceptAsync(customer, offer, "Nora Northwind");

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await accepted.Content.ReadAsStringAsync()));
        var record = (await app.Offers.GetAcceptanceAsync(offer.Id))!;
        record.TypedName.Should().Be("Nora Northwind");
        record.ClientAddress.Should().Be(OffersAppFactory.ClientAddress);
        record.UserAgent.Should().Be(Browser);
        record.TermsSha256.Should().Be(OfferTerms.Sha256(offer.TermsHtml));
        record.TermsHtml.Should().Be(offer.TermsHtml);
        var page = WebUtility.HtmlDecode(await customer.GetStringAsync(Page(offer)));
        page.Should().Contain("What you accepted").And.Contain("Nora Northwind").And.Contain(record.TermsSha256).And.Contain(OffersAppFactory.ClientAddress).And.NotContain("Accept offer");

        var twice = await AcceptAsync(customer, offer, "Nora Northwind");
        twice.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()).Should().Contain($"Offer {offer.Number} was already accepted");
        (await app.Offers.GetAcceptanceAsync(offer.Id))!.AcceptedUtc.Should().Be(record.AcceptedUtc);
    }

    [Fact]
    public async Task TheAcceptedTerms_PrintAndDownload_FromTheAcceptanceCopy()
    {
        var (id, _) = await app.FileAsync("Portal: print");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);
        (await customer.GetAsync($"{Page(offer)}/accepted")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is accepted yet");
        await AcceptAsync(customer, offer, "Nora Northwind");

        var print = await customer.GetAsync($"{Page(offer)}/accepted");
        var download = await customer.GetAsync($"{Page(offer)}/accepted?handler=Download");

        print.StatusCode.Should().Be(HttpStatusCode.OK);
        var printed = await print.Content.ReadAsStringAsync();
        printed.Should().Contain("/css/print.css").And.Contain(offer.TermsHtml).And.Contain(OfferTerms.Sha256(offer.TermsHtml)).And.Contain("Nora Northwind");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileName.Should().Contain($"{offer.Number}-accepted-terms.html");
        var file = await download.Content.ReadAsStringAsync();
        file.Should().Contain("<style>").And.Contain("@media print").And.Contain(offer.TermsHtml).And.Contain(OffersAppFactory.ClientAddress);
    }

    [Fact]
    public async Task Declining_KeepsTheReason_AndTheOfferCanNoLongerBeAccepted()
    {
        var (id, _) = await app.FileAsync("Portal: decline");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);

        var declined = await customer.PostFormAsync(Page(offer), new Dictionary<string, string> { ["Decline.Reason"] = "We will do it ourselves." }, handler: "Decline");

        declined.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Offers.GetAsync(offer.Id))!.DeclineReason.Should().Be("We will do it ourselves.");
        var late = await AcceptAsync(customer, offer, "Nora Northwind");
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).Should().Contain($"Offer {offer.Number} was declined");
    }

    [Fact]
    public async Task AWithdrawnOrExpiredOffer_IsRefusedWithAClearMessage()
    {
        var (id, _) = await app.FileAsync("Portal: withdrawn");
        var withdrawn = await app.OfferAsync(id);
        using (var scope = app.Services.CreateScope())
        {
            var engineerId = (await app.UserIdAsync(Engineer))!.Value;
            (await scope.ServiceProvider.GetRequiredService<WithdrawOffer>().HandleAsync(new WithdrawOfferRequest(Core.Tickets.TicketActor.Staff(engineerId), withdrawn.Id, "Wrong price."))).Succeeded.Should().BeTrue();
        }

        var (other, _) = await app.FileAsync("Portal: expired");
        var expired = await app.OfferAsync(other);
        await using (var connection = await app.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Offers SET ExpiresUtc = @Past WHERE Id = @Id", new { Past = DateTime.UtcNow.AddDays(-1), expired.Id });
        }

        var customer = await app.SignInAsync(Northwind);
        var refusedWithdrawn = await AcceptAsync(customer, withdrawn, "Nora Northwind");
        var refusedExpired = await AcceptAsync(customer, expired, "Nora Northwind");

        WebUtility.HtmlDecode(await refusedWithdrawn.Content.ReadAsStringAsync()).Should().Contain($"Offer {withdrawn.Number} was withdrawn");
        var expiredPage = WebUtility.HtmlDecode(await refusedExpired.Content.ReadAsStringAsync());
        expiredPage.Should().Contain($"Offer {expired.Number} expired on").And.Contain("can no longer be accepted");
        (await app.Offers.GetAcceptanceAsync(expired.Id)).Should().BeNull();
    }

    [Fact]
    public async Task AColleagueWithoutTheRightToBuy_IsToldWhoMay()
    {
        var (id, _) = await app.FileAsync("Portal: no right");
        var offer = await app.OfferAsync(id);
        var rights = app.Services.GetRequiredService<IBuyingRights>();
        await rights.SetCanBuyAsync((await app.UserIdAsync(OffersAppFactory.PatBuyer))!.Value, false);
        var pat = await app.SignInAsync(OffersAppFactory.PatBuyer);

        var page = WebUtility.HtmlDecode(await pat.GetStringAsync(Page(offer)));
        page.Should().Contain("Only the person who raised").And.NotContain("Accept offer");
        var refused = await AcceptAsync(pat, offer, "Pat Buyer");

        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("Ask your organisation's admin contact to give you the right to buy.");
        (await app.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Sent);
    }

    [Fact]
    public async Task AnotherOrganisationsOffer_IsNotFound_OnEveryPageAndHandler()
    {
        var (id, number) = await app.FileAsync("Portal: isolation");
        var offer = await app.OfferAsync(id);
        var northwind = await app.SignInAsync(Northwind);
        await AcceptAsync(northwind, offer, "Nora Northwind");
        var contoso = await app.SignInAsync(Contoso);
        var token = await FormTokenAsync(contoso);
        FormUrlEncodedContent Form(params (string, string)[] fields) => new([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]);

        (await contoso.GetAsync(Page(offer))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.PostAsync($"{Page(offer)}?handler=Accept", Form(("Accept.TypedName", "Carl Contoso")))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.PostAsync($"{Page(offer)}?handler=Decline", Form(("Decline.Reason", "No.")))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.GetAsync($"{Page(offer)}/accepted")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.GetAsync($"{Page(offer)}/accepted?handler=Download")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.PostAsync($"/portal/tickets/{number}?handler=Quote", Form(("Quote.Note", "Quote this.")))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.Offers.GetAcceptanceAsync(offer.Id))!.TypedName.Should().Be("Nora Northwind");
    }

    [Fact]
    public async Task TheCustomer_AsksForAQuote_OnAnUncoveredTicketWithNoOffer()
    {
        var (id, number) = await app.FileAsync("Portal: quote please");
        var customer = await app.SignInAsync(Northwind);
        var (_, covered) = await app.FileAsync("Portal: covered", RequestCategories.Problem);
        WebUtility.HtmlDecode(await customer.GetStringAsync($"/portal/tickets/{covered}")).Should().NotContain("Request a quote");

        var asked = await customer.PostFormAsync($"/portal/tickets/{number}", new Dictionary<string, string> { ["Quote.Note"] = "The export, in CSV please." }, handler: "Quote");

        asked.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await asked.Content.ReadAsStringAsync()));
        var request = (await app.Offers.ListQuoteRequestsAsync(id, QuoteRequestStatus.Open)).Single();
        request.FromCustomer.Should().BeTrue();
        request.Note.Should().Be("The export, in CSV please.");
        WebUtility.HtmlDecode(await customer.GetStringAsync($"/portal/tickets/{number}")).Should().Contain("A quote was asked for on").And.NotContain("<h2>Request a quote</h2>");
    }

    [Fact]
    public async Task DecisionPosts_WithoutTheAntiforgeryToken_AreRefused()
    {
        var (id, _) = await app.FileAsync("Portal: forged accept");
        var offer = await app.OfferAsync(id);
        var customer = await app.SignInAsync(Northwind);

        var response = await customer.PostAsync($"{Page(offer)}?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string> { ["Accept.TypedName"] = "Nora Northwind" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Offers.GetAsync(offer.Id))!.Status.Should().Be(OfferStatus.Sent);
    }

    private static async Task<string> FormTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/portal/tickets/new");
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
