using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Offers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// An out-of-scope request becomes an accepted offer in a real browser: the engineer sends the proposed service from the
/// desk ticket page, the customer opens it from their ticket, reads the terms and accepts with their typed name, and the
/// acceptance record shows who, from where and the hash of the terms. Then, out of incidents, the customer buys a
/// pack the same way, and the ticket that found none left is judged Entitled.
/// </summary>
public sealed class OfferBrowserTests(BrowserAppFactory app, ChromiumFixture chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AnOutOfScopeTicket_GetsAnOffer_WhichTheCustomerAccepts()
    {
        var baseUrl = app.BaseUrl;
        await EntitlementSeed.WriteAsync(app);
        await app.PublishServiceAsync();
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await api.PostAsJsonAsync("/api/auth/login", new { email = EntitlementSeed.Northwind, password = HelpDeskAppFactory.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var (_, number) = await app.FileOrbitTicketAsync("Journey: export the scan log", over: api);

        var engineer = await chromium.SignedInPageAsync(app.BaseUrl, EntitlementSeed.Engineer);
        await engineer.GotoAsync($"/desk/tickets/{number}");
        var proposal = engineer.Locator($"details.offer-proposal[data-offering='{OffersAppFactory.ServiceCode}']");
        await Expect(proposal).ToContainTextAsync("Answers");
        if (await proposal.GetAttributeAsync("open") is null)
        {
            await proposal.Locator("summary").ClickAsync();
        }

        await proposal.GetByLabel("description").FillAsync("an export of the scan log as CSV");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(engineer.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent offer O-");
        await Expect(engineer.Locator("table.offers")).ToContainTextAsync("waiting for an answer");

        var customer = await chromium.SignedInPageAsync(app.BaseUrl, EntitlementSeed.Northwind);
        await customer.GotoAsync($"/portal/tickets/{number}");
        await customer.Locator("section.ticket-offers").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(customer).ToHaveURLAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/portal/offers/\\d+$"));
        await Expect(customer.Locator(".offer-terms")).ToContainTextAsync("an export of the scan log as CSV");
        await Expect(customer.Locator(".offer-price")).ToHaveTextAsync("2,400.00 USD");
        await customer.GetByLabel("Your full name").FillAsync("Nora Northwind");
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept offer") }).ClickAsync();

        var record = customer.Locator("section.acceptance-record");
        await Expect(record).ToContainTextAsync("Nora Northwind");
        await Expect(record).ToContainTextAsync("127.0.0.1");
        await using var connection = await app.Connections.OpenAsync();
        var saved = await connection.QuerySingleAsync<(string TypedName, string TermsSha256, string TermsHtml, string UserAgent)>(
            """
            SELECT a.TypedName, a.TermsSha256, a.TermsHtml, a.UserAgent
            FROM OfferAcceptances a JOIN Offers o ON o.Id = a.OfferId JOIN Tickets t ON t.Id = o.TicketId
            WHERE t.Subject = @Subject
            """,
            new { Subject = "Journey: export the scan log" });
        saved.TypedName.Should().Be("Nora Northwind");
        saved.TermsSha256.Should().Be(OfferTerms.Sha256(saved.TermsHtml));
        saved.UserAgent.Should().Contain("Chrome");
        await Expect(record.Locator("code.terms-sha256")).ToHaveTextAsync(saved.TermsSha256);

        // Out of incidents: the customer buys a pack on the same portal, and the ticket that found none left is Entitled.
        var contracts = app.Services.GetRequiredService<IContractStore>();
        var plan = (await contracts.ListPlansAsync()).Single(p => p.Name == EntitlementSeed.PlanName);
        (await contracts.SavePlanAsync(plan with { IncidentAllowance = 0 })).Should().NotBeNull();
        await app.PublishOfferingAsync(new SaveOfferingDraftRequest
        {
            Code = "orbit-pack",
            Kind = OfferingKind.IncidentPack,
            Name = "Five more incidents",
            Price = "500",
            Incidents = 5,
            Terms = "{{incidents}} incidents added to {{contract}} for {{price}}.",
        });
        var (_, outOfIncidents) = await app.FileOrbitTicketAsync("Journey: the scanner stops", RequestCategories.Problem, over: api);

        await engineer.GotoAsync($"/desk/tickets/{outOfIncidents}");
        var pack = engineer.Locator("details.offer-proposal[data-offering='orbit-pack']");
        if (await pack.GetAttributeAsync("open") is null)
        {
            await pack.Locator("summary").ClickAsync();
        }

        await pack.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(engineer.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent offer O-");

        await customer.GotoAsync($"/portal/tickets/{outOfIncidents}");
        await customer.Locator("section.ticket-offers").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(customer.Locator(".offer-price")).ToHaveTextAsync("500.00 USD");
        await customer.GetByLabel("Your full name").FillAsync("Nora Northwind");
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept offer") }).ClickAsync();
        await Expect(customer.Locator("section.acceptance-record")).ToContainTextAsync("Nora Northwind");
        await customer.GotoAsync($"/portal/tickets/{outOfIncidents}");
        await Expect(customer.Locator("main")).ToContainTextAsync("(5 of them bought in packs)");
    }
}
