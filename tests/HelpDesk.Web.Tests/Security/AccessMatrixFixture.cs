using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
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

    /// <summary>A product with one published scope version, for the public scope pages.</summary>
    public const string ScopeProductCode = "matrix-product";

    public int TicketId { get; private set; }

    public int AttachmentId { get; private set; }

    /// <summary>A withdrawn offer on the visitors' ticket.</summary>
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

        var engineer = _clients[Visitor.Engineer].Script;
        var offerings = JsonDocument.Parse(await engineer.GetStringAsync("/api/services/offerings")).RootElement;
        var version = offerings.EnumerateArray().First(o => o.GetProperty("code").GetString() == "unsupported-environment").GetProperty("versionId").GetInt32();
        var offered = await engineer.PostAsJsonAsync($"/api/tickets/{TicketId}/offers", new
        {
            offeringVersionId = version,
            reason = "Checking who may see offers.",
            blanks = new Dictionary<string, string> { ["product"] = "Matrix Product", ["environment"] = "Plan 9", ["release"] = "1.0" },
        });
        offered.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await offered.Content.ReadAsStringAsync());
        OfferId = JsonDocument.Parse(await offered.Content.ReadAsStringAsync()).RootElement.GetProperty("offer").GetProperty("id").GetInt32();
        (await engineer.PostAsJsonAsync($"/api/offers/{OfferId}/withdraw", new { reason = "Checking access." })).EnsureSuccessStatusCode();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static async Task<string> FormTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/forgotpassword");
        return System.Net.WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
    }

    public IReadOnlyList<string> Routes() => RouteInventory.Read(Services);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
