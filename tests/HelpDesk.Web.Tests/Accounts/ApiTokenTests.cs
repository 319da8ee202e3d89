using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>API tokens as a script and their owner meet them: what a token reaches, when it stops, and the token pages.</summary>
public sealed partial class ApiTokenTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task ReadOnlyToken_ListsTickets_ButReplyingIsRefusedNamingTheScope()
    {
        var number = (await (await app.SignInWithTokenAsync(NorthwindCustomer)).FileAsync("Read by a script")).Text("number");
        var script = await app.CreateTokenClientAsync(NorthwindCustomer, ApiScopes.ReadTickets);
        var messages = await app.CountAsync("TicketMessages");

        var list = await script.GetAsync("/api/tickets?limit=100");
        var reply = await script.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Changed by a script." });

        list.StatusCode.Should().Be(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).Should().Contain(number);
        reply.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reply.JsonAsync()).Text("detail").Should().Contain(ApiScopes.WriteTickets);
        (await app.CountAsync("TicketMessages")).Should().Be(messages, "nothing was added");
    }

    [Fact]
    public async Task TokenWithTheWriteScope_Replies_AsItsOwner()
    {
        var number = (await (await app.SignInWithTokenAsync(NorthwindCustomer)).FileAsync("Answered by a script")).Text("number");
        var script = await app.CreateTokenClientAsync(NorthwindCustomer, ApiScopes.ReadTickets, ApiScopes.WriteTickets);

        var reply = await script.PostAsJsonAsync($"/api/tickets/{number}/messages", new { body = "Sent by our CRM." });

        reply.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await script.GetJsonAsync("/api/me");
        me.Text("email").Should().Be(NorthwindCustomer);
    }

    [Fact]
    public async Task ExpiredToken_IsRefused401_SayingItExpired()
    {
        var issued = await app.IssueTokenAsync(NorthwindCustomer, [ApiScopes.ReadTickets]);
        await using (var connection = await app.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE ApiTokens SET ExpiresUtc = @Past WHERE Id = @Id", new { Past = DateTime.UtcNow.AddMinutes(-1), issued.Token.Id });
        }

        var response = await app.CreateTokenClient(issued.Text).GetAsync("/api/tickets");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.JsonAsync()).Text("detail").Should().Contain("expired");
    }

    [Fact]
    public async Task RevokedToken_IsRefused401_FromItsNextRequest()
    {
        var owner = await app.SignInWithTokenAsync(NorthwindCustomer);
        var created = await owner.PostAsJsonAsync("/api/tokens", new { name = "Nightly export", scopes = new[] { ApiScopes.ReadTickets }, expiresInDays = 30 });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var script = app.CreateTokenClient(body.Text("token"));
        (await script.GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoked = await owner.DeleteAsync($"/api/tokens/{body.GetProperty("details").Number("id")}");
        var after = await script.GetAsync("/api/tickets");

        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await after.JsonAsync()).Text("detail").Should().Contain("revoked");
        (await owner.GetStringAsync("/api/tokens")).Should().Contain("\"state\":\"Revoked\"").And.NotContain(body.Text("token"));
    }

    [Fact]
    public async Task UnknownOrMangledToken_IsRefused401()
    {
        var issued = await app.IssueTokenAsync(NorthwindCustomer, [ApiScopes.ReadTickets]);
        var wrongSecret = $"{ApiTokenText.Prefix}{issued.Token.LookupKey}_{ApiTokenText.New().Secret}";

        (await app.CreateTokenClient(wrongSecret).GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateTokenClient("hd_nonsense").GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateTokenClient("hd_nonsense").GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refused token is refused on open pages too");
    }

    [Fact]
    public async Task CustomersToken_CannotReadAnotherOrganisationsTicket_NorUseManagerRoutes_EvenWithTheScope()
    {
        var number = (await (await app.SignInWithTokenAsync(NorthwindCustomer)).FileAsync("Northwind's own")).Text("number");
        var stranger = await app.CreateTokenClientAsync(ContosoCustomer, [.. ApiScopes.All]);

        (await stranger.GetAsync($"/api/tickets/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync("/api/economics/pnl")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_CannotReachPages_TheLiveDesk_OrTokenManagement()
    {
        var script = await app.CreateTokenClientAsync(Engineer, [.. ApiScopes.All]);

        foreach (var path in new[] { "/desk", "/", "/account/tokens", "/api/tokens", "/api/auth/manage/info", "/hubs/desk/negotiate" })
        {
            var response = await script.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            (await response.Content.ReadAsStringAsync()).Should().Contain("cannot be used here", path);
        }

        var minted = await script.PostAsJsonAsync("/api/tokens", new { name = "Another", scopes = new[] { ApiScopes.ReadTickets }, expiresInDays = 30 });
        minted.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a token cannot mint tokens");
    }

    [Fact]
    public async Task DeactivatedOwner_StopsTheToken_WithItsReason()
    {
        var admin = await app.SignInAsync(Admin);
        var made = await admin.PostFormAsync("/admin/service-accounts", new Dictionary<string, string> { ["Input.Name"] = "Chat tool", ["Input.Role"] = Roles.Engineer });
        made.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = made.Headers.Location!.OriginalString;
        var created = await admin.PostFormAsync(page, [new("Input.Name", "Chat"), new("Input.Scopes", ApiScopes.ReadTickets), new("Input.ExpiresInDays", "30")], "Create");
        var text = NewToken(await created.Content.ReadAsStringAsync());
        var script = app.CreateTokenClient(text);
        (await script.GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.OK);

        var html = await admin.GetStringAsync(page);
        var stamp = Regex.Match(html, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["stamp"] = stamp }, "Disable")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await script.GetAsync("/api/tickets");

        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await after.JsonAsync()).Text("detail").Should().Contain("deactivated");
    }

    [Fact]
    public async Task ServiceAccount_HasNoPassword_IsListed_AndItsCreationIsAudited()
    {
        var admin = await app.SignInAsync(Admin);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");

        var missing = await admin.PostFormAsync("/admin/service-accounts", new Dictionary<string, string> { ["Input.Name"] = "CRM", ["Input.Role"] = Roles.Customer });
        var made = await admin.PostFormAsync("/admin/service-accounts", new Dictionary<string, string>
        {
            ["Input.Name"] = "Northwind CRM",
            ["Input.Role"] = Roles.Customer,
            ["Input.OrganisationId"] = northwind.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        missing.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PageText.ErrorsOf(await missing.Content.ReadAsStringAsync()).Should().Contain("Choose the organisation");
        made.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var connection = await app.Connections.OpenAsync();
        var account = await connection.QuerySingleAsync<(int Id, string Email, string? PasswordHash)>(
            "SELECT u.Id, u.Email, u.PasswordHash FROM Users u INNER JOIN ServiceAccounts s ON s.UserId = u.Id WHERE u.DisplayName = 'Northwind CRM'");
        account.PasswordHash.Should().BeNull();
        account.Email.Should().EndWith("@service.invalid");
        (await app.OrganisationOfAsync(account.Email)).Should().Be("Northwind Traders");
        (await admin.GetStringAsync("/admin/service-accounts")).Should().Contain("Northwind CRM");
        (await admin.GetStringAsync($"/admin/users/{account.Id}")).Should().Contain("service account created");
    }

    [Fact]
    public async Task TokenPage_ShowsTheSecretOnce_AndTheLastUse()
    {
        var owner = await app.SignInAsync(Engineer);

        var created = await owner.PostFormAsync("/account/tokens",
            [new("Input.Name", "Desk report"), new("Input.Scopes", ApiScopes.ReadTickets), new("Input.ExpiresInDays", "90")], "Create");
        var text = NewToken(await created.Content.ReadAsStringAsync());
        var before = await owner.GetStringAsync("/account/tokens");
        (await app.CreateTokenClient(text).GetAsync("/api/tickets")).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await owner.GetStringAsync("/account/tokens");

        created.Headers.CacheControl!.NoStore.Should().BeTrue();
        before.Should().Contain("Desk report").And.NotContain(text);
        after.Should().NotContain(text);
        LastUsed(before, "Desk report").Should().Be("never");
        LastUsed(after, "Desk report").Should().EndWith("UTC");
        (await app.CountAsync("ManageAudit")).Should().BePositive();
    }

    [Fact]
    public async Task TokenPage_NamesEachFieldThatIsWrong()
    {
        var owner = await app.SignInAsync(Engineer);

        var response = await owner.PostFormAsync("/account/tokens", [new("Input.Name", ""), new("Input.ExpiresInDays", "0")], "Create");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = PageText.ErrorsOf(await response.Content.ReadAsStringAsync());
        errors.Should().Contain("Name the token").And.Contain("at least one scope").And.Contain("every token has an end");
    }

    [Fact]
    public async Task TokenApi_RefusesAnExpiryBeyondAYear_With422()
    {
        var owner = await app.SignInWithTokenAsync(Engineer);

        var response = await owner.PostAsJsonAsync("/api/tokens", new { name = "Forever", scopes = new[] { ApiScopes.ReadTickets }, expiresInDays = 400 });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).Errors().Should().ContainKey("expires");
    }

    private static string NewToken(string html) => NewTokenPattern().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The page shows no new token.");

    private static string LastUsed(string html, string name) =>
        Regex.Match(html, $"<td>{Regex.Escape(name)}</td>.*?<td class=\"last-used\">([^<]*)</td>", RegexOptions.Singleline).Groups[1].Value;

    [GeneratedRegex("<code id=\"new-token\" class=\"token-text\">(hd_[^<]+)</code>")]
    private static partial Regex NewTokenPattern();
}
