using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>
/// The app with <see cref="EntitlementSeed"/> (Orbit, whose scope leaves customization out, and a Northwind contract
/// covering it) and a published service answering customization, for one test class. Requests reach the app from
/// <see cref="ClientAddress"/>, as they would through a real connection.
/// </summary>
public sealed class OffersAppFactory : HelpDeskAppFactory, IAsyncLifetime
{
    public const string ClientAddress = "203.0.113.7";
    public const string ServiceCode = "orbit-customize";
    public const string ServiceName = "Customize the Orbit imager";
    public const string PatBuyer = "pat.buyer@northwind.example";

    public EntitlementSeed Seed { get; private set; } = null!;

    public CatalogueEntry Service { get; private set; } = null!;

    public IOfferStore Offers => Services.GetRequiredService<IOfferStore>();

    public async Task InitializeAsync()
    {
        Seed = await EntitlementSeed.WriteAsync(this);
        Service = await this.PublishServiceAsync();
    }

    public Task<CatalogueEntry> PublishAsync(SaveOfferingDraftRequest request) => this.PublishOfferingAsync(request);

    public Task<(int Id, string Number)> FileAsync(string subject, string category = RequestCategories.Customization, string email = EntitlementSeed.Northwind) =>
        this.FileOrbitTicketAsync(subject, category, email);

    public Task<Offer> OfferAsync(int ticketId, DateOnly? expiresOn = null) => this.OfferServiceAsync(ticketId, Service, expiresOn);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ArriveFrom(ClientAddress);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The steps the offer tests share: a published service, an out-of-scope Orbit ticket, an offer on it.</summary>
public static class OfferSteps
{
    /// <summary>The service answering customization on Orbit: 2,400.00, ten working days, terms with blanks from the ticket and one to type.</summary>
    public static Task<CatalogueEntry> PublishServiceAsync(this HelpDeskAppFactory app) => app.PublishOfferingAsync(new SaveOfferingDraftRequest
    {
        Code = OffersAppFactory.ServiceCode,
        Kind = OfferingKind.Service,
        Name = OffersAppFactory.ServiceName,
        Price = "2400",
        DeliveryDays = 10,
        Categories = [RequestCategories.Customization],
        Terms = "## Customization\n\nWe change {{product}} {{fromRelease}} on {{platform}} for {{customer}}: {{description}}.\n\nPrice {{price}}, delivered in {{deliveryDays}} working days. Ticket {{ticket}}.",
    });

    /// <summary>Saves and publishes an offering as the demo manager.</summary>
    public static async Task<CatalogueEntry> PublishOfferingAsync(this HelpDeskAppFactory app, SaveOfferingDraftRequest request)
    {
        using var scope = app.Services.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<SaveOfferingDraft>().HandleAsync(request);
        draft.Succeeded.Should().BeTrue(string.Join("; ", draft.Errors.Select(e => e.Message)));
        var managerId = (await app.UserIdAsync(EntitlementSeed.Manager))!.Value;
        var published = await scope.ServiceProvider.GetRequiredService<PublishOffering>().HandleAsync(new PublishOfferingRequest(draft.Value!.OfferingId, draft.Value.Version, managerId));
        published.Succeeded.Should().BeTrue(string.Join("; ", published.Errors.Select(e => e.Message)));
        return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().GetAsync(draft.Value.OfferingId))!;
    }

    /// <summary>
    /// Files a ticket on Orbit 7.0 through the API as <paramref name="email"/> (or with <paramref name="over"/>, a client
    /// already signed in); customization makes it out of scope, a problem entitled.
    /// </summary>
    public static async Task<(int Id, string Number)> FileOrbitTicketAsync(this HelpDeskAppFactory app, string subject, string category = RequestCategories.Customization, string email = EntitlementSeed.Northwind, HttpClient? over = null)
    {
        var client = over ?? await app.SignInWithTokenAsync(email);
        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject,
            body = "Please add an export of the scan log.",
            severity = 3,
            product = EntitlementSeed.ProductCode,
            productRelease = EntitlementSeed.CurrentRelease,
            environment = EntitlementSeed.EnvironmentCode,
            category,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = json.GetProperty("id").GetInt32();
        return (id, TicketNumber.Format(id));
    }

    /// <summary>An offer of the service on the ticket, sent by the demo engineer.</summary>
    public static async Task<Offer> OfferServiceAsync(this HelpDeskAppFactory app, int ticketId, CatalogueEntry service, DateOnly? expiresOn = null)
    {
        using var scope = app.Services.CreateScope();
        var engineerId = (await app.UserIdAsync(EntitlementSeed.Engineer))!.Value;
        var made = await scope.ServiceProvider.GetRequiredService<MakeOffer>().HandleAsync(new MakeOfferRequest(TicketActor.Staff(engineerId), ticketId, service.Published!.Id)
        {
            Blanks = new Dictionary<string, string?> { ["description"] = "an export of the scan log" },
            ExpiresOn = expiresOn,
        });
        made.Succeeded.Should().BeTrue(string.Join("; ", made.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return made.Value!;
    }
}
