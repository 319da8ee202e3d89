using System.Net;
using System.Net.Http.Json;
using Dapper;
using HelpDesk.Core.Offers;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Offers;

public sealed class OfferApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Offerings_ListThePublishedActiveCatalogue_WithPricesInTheCurrency()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var offerings = (await customer.GetJsonAsync("/api/services/offerings")).EnumerateArray().ToList();

        offerings.Select(o => o.Text("code")).Should().Contain(["backport-fix", "customization", "incident-pack-5", "plan-standard"]);
        var backport = offerings.Single(o => o.Text("code") == "backport-fix");
        backport.Text("price").Should().Be("2,400.00 USD");
        backport.Text("kind").Should().Be("Service");
        backport.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Equal("backport");
        backport.GetProperty("blanks").EnumerateArray().Select(b => b.GetString()).Should().Contain(["fromRelease", "toRelease"]);
        var customization = offerings.Single(o => o.Text("code") == "customization");
        customization.GetProperty("sizes").EnumerateArray().Select(s => s.Text("price")).Should().Equal("3,500.00 USD", "9,000.00 USD", "24,000.00 USD");
        (await app.CreateAnonymousClient().GetAsync("/api/services/offerings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MakeOffer_SendsTheOfferFromThePublishedVersion_WithTheTicketsBlanksFilled()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var ticket = await customer.FileBackportAsync();

        var response = await engineer.PostAsJsonAsync($"/api/tickets/{ticket}/offers", new { offeringVersionId = await engineer.VersionOfAsync("backport-fix") });

        var detail = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, detail.ToString());
        var offer = detail.GetProperty("offer");
        response.Headers.Location!.OriginalString.Should().Be($"/api/offers/{offer.Number("id")}");
        offer.Text("status").Should().Be("Sent");
        offer.Text("ticket").Should().Be(ticket);
        offer.Text("price").Should().Be("2,400.00 USD");
        offer.Text("currency").Should().Be("USD");
        detail.GetProperty("blanks").Text("fromRelease").Should().Be("5.2");
        detail.Text("termsHtml").Should().Contain("Keel RTOS 5.2");
        detail.Text("termsSha256").Should().Be(OfferTerms.Sha256(detail.Text("termsHtml")));
    }

    [Fact]
    public async Task MakeOffer_WithBadInput_Answers422WithFieldErrors_AndSavesNothing()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var ticket = await customer.FileBackportAsync("Customization asked as a backport");
        var customization = await engineer.VersionOfAsync("customization");
        var before = await app.CountAsync("Offers");

        var (noOffering, noOfferingBody) = await engineer.PostJsonAsync($"/api/tickets/{ticket}/offers", new { });
        var (bad, badBody) = await engineer.PostJsonAsync($"/api/tickets/{ticket}/offers", new { offeringVersionId = customization, expiresOn = "2020-01-01" });
        var (unknown, unknownBody) = await engineer.PostJsonAsync($"/api/tickets/{ticket}/offers", new { offeringVersionId = customization, size = "small", blanks = new { description = "A trace hook.", colour = "blue" } });
        var (byCustomer, _) = await customer.PostJsonAsync($"/api/tickets/{ticket}/offers", new { offeringVersionId = customization, size = "small" });

        noOffering.Should().Be(HttpStatusCode.UnprocessableEntity);
        noOfferingBody.Errors().Should().ContainKey("offeringVersionId");
        bad.Should().Be(HttpStatusCode.UnprocessableEntity);
        badBody.Errors().Should().ContainKeys("expiresOn", "size", "blanks.description");
        badBody.Errors()["expiresOn"].Single().Should().Contain("in the past");
        unknown.Should().Be(HttpStatusCode.UnprocessableEntity);
        unknownBody.Errors().Should().ContainKey("blanks.colour");
        byCustomer.Should().Be(HttpStatusCode.NotFound, "making offers is for staff, and a customer learns nothing of it");
        (await app.CountAsync("Offers")).Should().Be(before);
    }

    [Fact]
    public async Task Offers_AreScopedLikeTickets_AnotherOrganisationsOfferIsNotFound()
    {
        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var contoso = await app.SignInWithTokenAsync(ContosoCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var offerId = (await engineer.OfferBackportAsync(await northwind.FileBackportAsync())).OfferId();

        (await northwind.GetJsonAsync($"/api/offers/O-{offerId:D4}")).GetProperty("offer").Number("id").Should().Be(offerId);
        (await contoso.GetAsync($"/api/offers/{offerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.PostAsJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Carla Contoso" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await contoso.PostAsJsonAsync($"/api/offers/{offerId}/decline", new { reason = "Not ours." })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await northwind.GetAsync("/api/offers/not-an-offer")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var theirs = await contoso.GetJsonAsync("/api/offers?limit=100");
        theirs.GetProperty("items").EnumerateArray().Should().NotContain(o => o.Number("id") == offerId);
        var contosoId = (await contoso.GetJsonAsync("/api/me")).GetProperty("organisation").Number("id");
        theirs.GetProperty("items").EnumerateArray().Should().OnlyContain(o => o.Number("organisationId") == contosoId);
        var all = await engineer.GetJsonAsync("/api/offers?limit=100");
        all.GetProperty("items").EnumerateArray().Select(o => o.Number("organisationId")).Distinct().Should().HaveCountGreaterThan(1, "staff see every organisation's offers");
    }

    [Fact]
    public async Task ListOffers_PagesNewestFirst_WithoutRepeats_AndFiltersByStatusAndTicket()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var first = await engineer.GetJsonAsync("/api/offers?limit=3");
        var second = await engineer.GetJsonAsync($"/api/offers?limit=3&after={first.Text("next")}");
        var declined = await engineer.GetJsonAsync("/api/offers?status=declined&limit=100");

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(o => o.Number("id")).ToList();
        ids.Should().HaveCount(6).And.OnlyHaveUniqueItems().And.BeInDescendingOrder();
        declined.GetProperty("items").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(o => o.Text("status") == "Declined");
        (await engineer.GetAsync("/api/offers?status=maybe")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await engineer.GetAsync("/api/offers?after=garbage")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var northwind = await app.SignInWithTokenAsync(NorthwindCustomer);
        var ticket = await northwind.FileBackportAsync("Backport for the ticket filter");
        var offerId = (await engineer.OfferBackportAsync(ticket)).OfferId();
        var onTicket = await northwind.GetJsonAsync($"/api/offers?ticket={ticket}");
        onTicket.GetProperty("items").EnumerateArray().Select(o => o.Number("id")).Should().Equal(offerId);
    }

    [Fact]
    public async Task Accept_RecordsWhoAndFromWhere_StartsTheEngagement_AndASecondAcceptanceIsRefused()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        customer.DefaultRequestHeaders.UserAgent.ParseAdd("OfferScript/1.0");
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var detail = await engineer.OfferBackportAsync(await customer.FileBackportAsync());
        var offerId = detail.OfferId();

        var (noName, noNameBody) = await customer.PostJsonAsync($"/api/offers/{offerId}/accept", new { typedName = " " });
        var (staleTerms, _) = await customer.PostJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Nora Northwind", termsSha256 = new string('0', 64) });
        var (accepted, acceptedBody) = await customer.PostJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Nora Northwind", termsSha256 = detail.Text("termsSha256") });
        var (again, againBody) = await customer.PostJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Nora Northwind" });

        noName.Should().Be(HttpStatusCode.UnprocessableEntity);
        noNameBody.Errors().Should().ContainKey("typedName");
        staleTerms.Should().Be(HttpStatusCode.Conflict);
        accepted.Should().Be(HttpStatusCode.OK, acceptedBody.ToString());
        acceptedBody.GetProperty("offer").GetProperty("offer").Text("status").Should().Be("Accepted");
        acceptedBody.GetProperty("engagementId").GetInt32().Should().BePositive();
        var acceptance = acceptedBody.GetProperty("offer").GetProperty("acceptance");
        acceptance.Text("typedName").Should().Be("Nora Northwind");
        acceptance.Text("termsSha256").Should().Be(detail.Text("termsSha256"));
        acceptance.TryGetProperty("userAgent", out _).Should().BeFalse("the client address and user agent are for staff");
        again.Should().Be(HttpStatusCode.UnprocessableEntity);
        againBody.Text("detail").Should().Contain("was already accepted").And.Contain("can no longer be accepted");

        var seenByStaff = (await engineer.GetJsonAsync($"/api/offers/{offerId}")).GetProperty("acceptance");
        seenByStaff.Text("userAgent").Should().Be("OfferScript/1.0");
        seenByStaff.TryGetProperty("clientAddress", out _).Should().BeTrue();
        await using var connection = await app.Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT AmountCents FROM ServicesRevenue WHERE OfferId = @offerId", new { offerId })).Should().Be(2_400_00);
        (await connection.ExecuteScalarAsync<string>("SELECT UserAgent FROM OfferAcceptances WHERE OfferId = @offerId", new { offerId })).Should().Be("OfferScript/1.0");
    }

    [Fact]
    public async Task Decline_TakesAnOptionalReason_AndIsFinal()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var withReason = (await engineer.OfferBackportAsync(await customer.FileBackportAsync())).OfferId();
        var without = (await engineer.OfferBackportAsync(await customer.FileBackportAsync())).OfferId();

        var (declined, declinedBody) = await customer.PostJsonAsync($"/api/offers/{withReason}/decline", new { reason = "We will upgrade instead." });
        var bare = await customer.PostAsync($"/api/offers/{without}/decline", null);
        var (accept, acceptBody) = await customer.PostJsonAsync($"/api/offers/{withReason}/accept", new { typedName = "Nora Northwind" });

        declined.Should().Be(HttpStatusCode.OK, declinedBody.ToString());
        declinedBody.Text("status").Should().Be("Declined");
        declinedBody.Text("declineReason").Should().Be("We will upgrade instead.");
        bare.StatusCode.Should().Be(HttpStatusCode.OK, await bare.Content.ReadAsStringAsync());
        (await bare.JsonAsync()).GetProperty("declineReason").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        accept.Should().Be(HttpStatusCode.UnprocessableEntity);
        acceptBody.Text("detail").Should().Contain("was declined");
    }

    [Fact]
    public async Task Withdraw_IsForStaff_WithAReason_AndTheCustomerCanNoLongerAccept()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var offerId = (await engineer.OfferBackportAsync(await customer.FileBackportAsync())).OfferId();

        var (byCustomer, _) = await customer.PostJsonAsync($"/api/offers/{offerId}/withdraw", new { reason = "Changed my mind." });
        var (noReason, noReasonBody) = await engineer.PostJsonAsync($"/api/offers/{offerId}/withdraw", new { });
        var (withdrawn, withdrawnBody) = await engineer.PostJsonAsync($"/api/offers/{offerId}/withdraw", new { reason = "The fix is in 5.2.4 already." });
        var (accept, acceptBody) = await customer.PostJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Nora Northwind" });

        byCustomer.Should().Be(HttpStatusCode.NotFound);
        noReason.Should().Be(HttpStatusCode.UnprocessableEntity);
        noReasonBody.Errors().Should().ContainKey("reason");
        withdrawn.Should().Be(HttpStatusCode.OK, withdrawnBody.ToString());
        withdrawnBody.Text("withdrawReason").Should().Be("The fix is in 5.2.4 already.");
        accept.Should().Be(HttpStatusCode.UnprocessableEntity);
        acceptBody.Text("detail").Should().Contain("was withdrawn");
    }

    [Fact]
    public async Task AcceptAndDeclineAtTheSameMoment_ExactlyOneWins()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var secondSession = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);

        for (var round = 0; round < 3; round++)
        {
            var offerId = (await engineer.OfferBackportAsync(await customer.FileBackportAsync($"Race {round}"))).OfferId();

            var responses = await Task.WhenAll(
                customer.PostAsJsonAsync($"/api/offers/{offerId}/accept", new { typedName = "Nora Northwind" }),
                secondSession.PostAsJsonAsync($"/api/offers/{offerId}/decline", new { reason = "Too late." }));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            statuses.Count(s => s == HttpStatusCode.OK).Should().Be(1, $"round {round}: exactly one decision is stored ({string.Join(", ", statuses)})");
            statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict || s == HttpStatusCode.UnprocessableEntity);
            var winner = responses[0].StatusCode == HttpStatusCode.OK ? "Accepted" : "Declined";
            await using var connection = await app.Connections.OpenAsync();
            (await connection.ExecuteScalarAsync<string>("SELECT Status FROM Offers WHERE Id = @offerId", new { offerId })).Should().Be(winner);
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OfferAcceptances WHERE OfferId = @offerId", new { offerId })).Should().Be(winner == "Accepted" ? 1 : 0);
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ServicesRevenue WHERE OfferId = @offerId", new { offerId })).Should().Be(winner == "Accepted" ? 1 : 0);
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheOfferRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        var paths = document.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).Should().Contain([
            "/api/services/offerings", "/api/tickets/{number}/offers", "/api/offers", "/api/offers/{id}",
            "/api/offers/{id}/accept", "/api/offers/{id}/decline", "/api/offers/{id}/withdraw",
        ]);
        var accept = paths.GetProperty("/api/offers/{id}/accept").GetProperty("post");
        accept.GetProperty("summary").GetString().Should().Contain("typed name");
        accept.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "404", "409", "422"]);
    }
}
