using System.Net;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// <c>/api/organisations</c>: managers add, read, list and change organisations through the same use cases as the
/// manage pages, place accounts, and an administrator invites a customer contact; customers and engineers are refused.
/// </summary>
public sealed class OrganisationApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task Create_Read_Update_List_RoundTrip()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var name = ManageSeed.Unique("Fabrikam");
        var domain = $"{name.ToLowerInvariant()}.example";

        var (status, created) = await manager.PostJsonAsync("/api/organisations", new { name, region = "Apac", segment = "Key", emailDomains = new[] { domain } });
        status.Should().Be(HttpStatusCode.Created, created.ToString());
        var id = created.Number("id");
        var read = await manager.GetJsonAsync($"/api/organisations/{id}");
        var (changed, updated) = await manager.PostJsonAsync($"/api/organisations/{id}", new { name = name + " Ltd", region = "Emea", segment = "Strategic", emailDomains = new[] { domain, "sub." + domain }, version = read.Number("version") });
        var listed = await manager.GetJsonAsync($"/api/organisations?name={Uri.EscapeDataString(name)}&region=emea");

        read.Text("name").Should().Be(name);
        read.Text("region").Should().Be("Apac");
        changed.Should().Be(HttpStatusCode.OK, updated.ToString());
        updated.Number("version").Should().Be(read.Number("version") + 1);
        updated.GetProperty("emailDomains").EnumerateArray().Select(d => d.GetString()).Should().BeEquivalentTo(domain, "sub." + domain);
        listed.GetProperty("items").EnumerateArray().Select(o => o.Number("id")).Should().Equal(id);
        (await app.OrganisationIdAsync(name + " Ltd")).Should().Be(id);
    }

    [Fact]
    public async Task List_PagesWithTheNextToken()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        for (var i = 0; i < 3; i++)
        {
            (await manager.PostJsonAsync("/api/organisations", new { name = ManageSeed.Unique("Paged"), region = "Americas", segment = "Standard" })).Status.Should().Be(HttpStatusCode.Created);
        }

        var first = await manager.GetJsonAsync("/api/organisations?name=Paged-&limit=2");
        var second = await manager.GetJsonAsync($"/api/organisations?name=Paged-&limit=2&after={first.Text("next")}");
        var bad = await manager.GetAsync("/api/organisations?limit=0&after=nonsense");

        first.GetProperty("items").GetArrayLength().Should().Be(2);
        second.GetProperty("items").GetArrayLength().Should().BeGreaterThan(0);
        second.GetProperty("items")[0].Number("id").Should().BeGreaterThan(first.GetProperty("items")[1].Number("id"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).Errors().Keys.Should().Contain(["limit", "after"]);
    }

    [Fact]
    public async Task Create_WithoutNameOrRegion_OrWithAPublicDomain_Answers422_NamingTheFields()
    {
        var manager = await app.SignInWithTokenAsync(Manager);

        var (status, problem) = await manager.PostJsonAsync("/api/organisations", new { segment = "Key", emailDomains = new[] { "gmail.com" } });
        var (taken, takenProblem) = await manager.PostJsonAsync("/api/organisations", new { name = "Northwind Traders", region = "Emea", segment = "Key" });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain(["name", "region", "domains"]);
        taken.Should().Be(HttpStatusCode.UnprocessableEntity);
        takenProblem.Errors()["name"].Single().Should().Contain("Another organisation already has this name");
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Answers409_AndWithoutOne_422()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var (_, created) = await manager.PostJsonAsync("/api/organisations", new { name = ManageSeed.Unique("Stale"), region = "Emea", segment = "Standard" });
        var id = created.Number("id");
        var version = created.Number("version");

        var (first, _) = await manager.PostJsonAsync($"/api/organisations/{id}", new { name = ManageSeed.Unique("First"), region = "Emea", segment = "Standard", version });
        var (second, problem) = await manager.PostJsonAsync($"/api/organisations/{id}", new { name = ManageSeed.Unique("Second"), region = "Emea", segment = "Standard", version });
        var (unversioned, missing) = await manager.PostJsonAsync($"/api/organisations/{id}", new { name = "x", region = "Emea", segment = "Standard" });
        var (absent, _) = await manager.PostJsonAsync("/api/organisations/999999", new { name = "x", region = "Emea", segment = "Standard", version = 1 });

        first.Should().Be(HttpStatusCode.OK);
        second.Should().Be(HttpStatusCode.Conflict);
        problem.Text("detail").Should().Contain("Someone else changed");
        (await manager.GetJsonAsync($"/api/organisations/{id}")).Text("name").Should().StartWith("First");
        unversioned.Should().Be(HttpStatusCode.UnprocessableEntity);
        missing.Errors().Keys.Should().Contain("version");
        absent.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(NorthwindCustomer)]
    [InlineData(Engineer)]
    public async Task CustomersAndEngineers_AreRefused(string email)
    {
        var client = await app.SignInWithTokenAsync(email);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");

        (await client.GetAsync("/api/organisations")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/api/organisations/{northwind}/people")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/organisations", new { name = "Sneaky", region = "Emea", segment = "Key" })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync($"/api/organisations/{northwind}/people", new { email = "sneaky@northwind.example", name = "Sneaky" })).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnOrganisationAndAPersonMadeThroughTheApi_CanFileATicket()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var admin = await app.SignInWithTokenAsync(Admin);
        var name = ManageSeed.Unique("Integrator");
        var email = $"first.contact@{name.ToLowerInvariant()}.example";
        var (_, organisation) = await manager.PostJsonAsync("/api/organisations", new { name, region = "Emea", segment = "Standard" });
        var id = organisation.Number("id");

        var (managerInvite, _) = await manager.PostJsonAsync($"/api/organisations/{id}/people", new { email, name = "First Contact" });
        var (invited, person) = await admin.PostJsonAsync($"/api/organisations/{id}/people", new { email, name = "First Contact" });
        var (again, repeat) = await admin.PostJsonAsync($"/api/organisations/{id}/people", new { email, name = "First Contact" });
        await app.SetPasswordThroughLinkAsync(email, "account-invitation", "Contact-pass-1");
        var customer = await app.SignInWithTokenAsync(email, "Contact-pass-1");
        var ticket = await customer.FileAsync("Our first question");
        var people = await manager.GetJsonAsync($"/api/organisations/{id}/people");

        managerInvite.Should().Be(HttpStatusCode.Forbidden);
        invited.Should().Be(HttpStatusCode.Created, person.ToString());
        person.Number("organisationId").Should().Be(id);
        again.Should().Be(HttpStatusCode.UnprocessableEntity);
        repeat.Errors().Keys.Should().Contain("email");
        ticket.Text("number").Should().NotBeNullOrEmpty();
        people.GetProperty("items").EnumerateArray().Select(p => p.Text("email")).Should().Equal(email);
        (await manager.GetJsonAsync($"/api/organisations/{id}/people/{person.Number("id")}")).Text("name").Should().Be("First Contact");
        (await AuditAsync("account", person.Number("id"))).Should().Contain("invited");
    }

    [Fact]
    public async Task PlacingAnAccount_MovesItIntoTheOrganisation_Once()
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var email = $"{ManageSeed.Unique("waiting")}@unlisted.example";
        var accountId = await AwaitingCustomerAsync(email);
        var (_, organisation) = await manager.PostJsonAsync("/api/organisations", new { name = ManageSeed.Unique("Placer"), region = "Emea", segment = "Standard" });
        var id = organisation.Number("id");

        var awaiting = await manager.GetJsonAsync("/api/organisations/placements");
        var (placed, person) = await manager.PostJsonAsync($"/api/organisations/{id}/placements", new { accountId });
        var (again, _) = await manager.PostJsonAsync($"/api/organisations/{id}/placements", new { accountId });
        var (missing, problem) = await manager.PostJsonAsync($"/api/organisations/{id}/placements", new { });

        awaiting.EnumerateArray().Select(p => p.Text("email")).Should().Contain(email);
        placed.Should().Be(HttpStatusCode.OK, person.ToString());
        person.Number("organisationId").Should().Be(id);
        again.Should().Be(HttpStatusCode.Conflict);
        missing.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("accountId");
        (await app.OrganisationOfAsync(email)).Should().Be(organisation.Text("name"));
        (await AuditAsync(AuditSubjects.Account, accountId)).Should().ContainSingle(action => action == "placed", "the placement is audited once, and the refused second one not at all");
    }

    /// <summary>A customer who registered and confirmed their address at a domain no organisation owns.</summary>
    private async Task<int> AwaitingCustomerAsync(string email)
    {
        var anonymous = app.CreateAnonymousClient();
        (await anonymous.PostJsonAsync("/api/auth/register", new { email, password = "Waiting-pass-1" })).Status.Should().Be(HttpStatusCode.OK);
        await using var connection = await app.Connections.OpenAsync();
        await connection.ExecuteAsync("UPDATE Users SET EmailConfirmed = 1 WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
        return (await app.UserIdAsync(email))!.Value;
    }

    private async Task<IReadOnlyList<string>> AuditAsync(string subject, int id)
    {
        await using var connection = await app.Connections.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT Action FROM ManageAudit WHERE Subject = @Subject AND SubjectId = @Id", new { Subject = subject, Id = id })).AsList();
    }
}
