using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Scope;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

public enum Visitor
{
    Anonymous,
    OtherOrganisationCustomer,
    Customer,
    Engineer,
}

/// <summary>
/// One app with a Northwind ticket carrying an attachment, and a browser-like client (cookie and anti-forgery
/// token) and a script-like client (bearer token) for each kind of visitor.
/// </summary>
public sealed partial class AccessMatrixFixture : HelpDeskAppFactory, IAsyncLifetime
{
    private readonly Dictionary<Visitor, (HttpClient Browser, HttpClient Script, string FormToken)> _clients = [];

    /// <summary>For the customer and the engineer, per scope: a token holding every scope but it, and one holding only it.</summary>
    private readonly Dictionary<(Visitor, string, bool), HttpClient> _tokenClients = [];

    /// <summary>A product with one published scope version, for the public scope pages.</summary>
    public const string ScopeProductCode = "matrix-product";

    public int TicketId { get; private set; }

    public int AttachmentId { get; private set; }

    /// <summary>An offer on the ticket, accepted by its requester, so that its accepted terms can be read.</summary>
    public int OfferId { get; private set; }

    public (HttpClient Browser, HttpClient Script, string FormToken) For(Visitor visitor) => _clients[visitor];

    private static readonly Dictionary<Visitor, string?> Emails = new()
    {
        [Visitor.Anonymous] = null,
        [Visitor.OtherOrganisationCustomer] = "customer@contoso.example",
        [Visitor.Customer] = "customer@northwind.example",
        [Visitor.Engineer] = "engineer@helpdesk.test",
    };

    /// <summary>New clients for one request that would spoil the shared ones (signing out).</summary>
    public async Task<(HttpClient Browser, HttpClient Script, string FormToken)> FreshClientsAsync(Visitor visitor)
    {
        var email = Emails[visitor];
        var browser = email is null ? CreateAnonymousClient() : await SignInAsync(email);
        var script = email is null ? CreateAnonymousClient() : await SignInWithTokenAsync(email);
        return (browser, script, await FormTokenAsync(browser));
    }

    /// <summary>Signs the visitor in again, after something ended their account's sessions.</summary>
    public async Task RenewClientsAsync(Visitor visitor) => _clients[visitor] = await FreshClientsAsync(visitor);

    public async Task InitializeAsync()
    {
        foreach (var visitor in Emails.Keys)
        {
            _clients[visitor] = await FreshClientsAsync(visitor);
        }

        await this.PublishAsync(ScopeProductCode, "Matrix Product", ("Checking who may read the scope.", 1, null));

        var customer = _clients[Visitor.Customer].Script;
        var filed = await customer.PostAsJsonAsync("/api/tickets", new { subject = "Matrix ticket", body = "Checking who may see this.", severity = 3 });
        filed.EnsureSuccessStatusCode();
        TicketId = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        using var upload = new MultipartFormDataContent
        {
            { new StringContent("Log attached"), "body" },
            { new ByteArrayContent("line 1"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "files", "matrix.log" },
        };
        var uploaded = await customer.PostAsync($"/api/tickets/{TicketId}/attachments", upload);
        uploaded.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement;
        AttachmentId = (json.ValueKind == JsonValueKind.Array ? json[0] : json.GetProperty("attachments")[0]).GetProperty("id").GetInt32();
        OfferId = await AcceptedOfferAsync();

        foreach (var visitor in new[] { Visitor.Customer, Visitor.Engineer })
        {
            foreach (var scope in HelpDesk.Core.Accounts.ApiScopes.All)
            {
                _tokenClients[(visitor, scope, false)] = await CreateTokenClientAsync(Emails[visitor]!, [.. AllScopesExcept(scope)]);
                _tokenClients[(visitor, scope, true)] = await CreateTokenClientAsync(Emails[visitor]!, scope);
            }
        }
    }

    /// <summary>A client with a token of the visitor that holds <paramref name="scope"/> only, or every scope but it.</summary>
    public HttpClient TokenClient(Visitor visitor, string scope, bool holdsIt) => _tokenClients[(visitor, scope, holdsIt)];

    private async Task<int> AcceptedOfferAsync()
    {
        using var scope = Services.CreateScope();
        var services = scope.ServiceProvider;
        var engineerId = (await UserIdAsync(Emails[Visitor.Engineer]!))!.Value;
        var customerId = (await UserIdAsync(Emails[Visitor.Customer]!))!.Value;
        var draft = await services.GetRequiredService<SaveOfferingDraft>().HandleAsync(new SaveOfferingDraftRequest
        {
            Code = "matrix-service",
            Kind = OfferingKind.Service,
            Name = "Matrix service",
            Price = "100",
            DeliveryDays = 1,
            Categories = [RequestCategories.ConsultingTraining],
            Terms = "Matrix work on {{ticket}} for {{customer}}, {{price}}.",
        });
        await services.GetRequiredService<PublishOffering>().HandleAsync(new PublishOfferingRequest(draft.Value!.OfferingId, draft.Value.Version, engineerId));
        var version = (await services.GetRequiredService<IOfferingStore>().GetAsync(draft.Value.OfferingId))!.Published!;
        var offer = await services.GetRequiredService<MakeOffer>().HandleAsync(new MakeOfferRequest(TicketActor.Staff(engineerId), TicketId, version.Id) { Reason = "Checking access." });
        var organisationId = (await services.GetRequiredService<IOfferStore>().GetAsync(offer.Value!.Id))!.OrganisationId;
        var accepted = await services.GetRequiredService<AcceptOffer>().HandleAsync(new AcceptOfferRequest(TicketActor.Customer(customerId, organisationId), offer.Value.Id, "Matrix Customer", "192.0.2.1", "matrix"));
        return accepted.Value!.Offer.Id;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static async Task<string> FormTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/forgotpassword");
        return System.Net.WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
    }

    public IReadOnlyList<string> Routes() => RouteInventory.Read(Services);

    public IReadOnlyDictionary<string, string?> RouteScopes() => RouteInventory.Scopes(Services);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
