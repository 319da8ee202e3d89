using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Tickets;
using static HelpDesk.Web.Tests.Entitlement.EntitlementSeed;

namespace HelpDesk.Web.Tests.Entitlement;

/// <summary>The verdict in the ticket API: filed, read back, overridden and checked before filing.</summary>
public sealed class EntitlementApiTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    [Fact]
    public async Task SameRequest_OnSupportedAndEndedRelease_IsEntitledAndOutOfScope_WithReasonsCitingSupportedReleases()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);

        var supported = await customer.FileOrbitAsync("API: imager stops on 7.0", CurrentRelease);
        var ended = await customer.FileOrbitAsync("API: imager stops on 6.1", EndedRelease);

        supported.GetProperty("entitlement").GetProperty("verdict").GetString().Should().Be("Entitled");
        supported.GetProperty("sla").GetProperty("firstResponseDue").ValueKind.Should().Be(JsonValueKind.String);
        ended.GetProperty("entitlement").GetProperty("verdict").GetString().Should().Be("OutOfScope");

        var read = await customer.GetJsonAsync($"/api/tickets/{ended.Text("number")}");
        var entitlement = read.GetProperty("entitlement");
        entitlement.Text("verdict").Should().Be("OutOfScope");
        entitlement.Clauses().Should().Contain(ScopeClauses.SupportedReleases);
        entitlement.ClauseUrls().Should().Contain(ReleasesClauseUrl);
        entitlement.GetProperty("reasons").EnumerateArray().Should().Contain(r => r.GetProperty("text").GetString()!.Contains("6.1", StringComparison.Ordinal));
        entitlement.Number("scopeVersion").Should().Be(1);
        entitlement.Text("product").Should().Be(ProductCode);
        entitlement.Text("contract").Should().Be(app.Seed.ContractNumber);
        entitlement.Text("plan").Should().Be(PlanName);
        entitlement.GetProperty("outOfScopeCategories").EnumerateArray().Select(c => c.GetString()).Should().Contain(RequestCategories.Backport);
        entitlement.GetProperty("needsReview").GetBoolean().Should().BeFalse();
        entitlement.GetProperty("override").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("sla").GetProperty("firstResponseDue").ValueKind.Should().Be(JsonValueKind.String, "an out-of-scope request still gets the first-response promise");
        read.GetProperty("sla").GetProperty("resolveDue").ValueKind.Should().Be(JsonValueKind.Null, "resolution is promised only for entitled requests");

        var readSupported = await customer.GetJsonAsync($"/api/tickets/{supported.Text("number")}");
        readSupported.GetProperty("entitlement").Text("contract").Should().Be(app.Seed.ContractNumber);
        readSupported.GetProperty("sla").GetProperty("resolveDue").ValueKind.Should().Be(JsonValueKind.String);
        var due = readSupported.GetProperty("sla").GetProperty("firstResponseDue").GetDateTime();
        due.Should().BeCloseTo(readSupported.GetProperty("ticket").GetProperty("createdUtc").GetDateTime().AddHours(4), TimeSpan.FromSeconds(5));

        (await app.VerdictRowAsync(supported.Number("id"))).Verdict.Should().Be("Entitled");
        (await app.VerdictRowAsync(ended.Number("id"))).Verdict.Should().Be("OutOfScope");
    }

    [Fact]
    public async Task ModifiedSource_IsStored_AndJudgedByTheModifiedSourceClause()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);

        var filed = await customer.FileOrbitAsync("API: patched build crashes", CurrentRelease, modifiedSource: true);

        filed.GetProperty("modifiedSource").GetBoolean().Should().BeTrue();
        filed.GetProperty("entitlement").Text("verdict").Should().Be("OutOfScope");
        filed.GetProperty("entitlement").Clauses().Should().Contain(ScopeClauses.ModifiedSource);
        (await app.VerdictRowAsync(filed.Number("id"))).ModifiedSource.Should().BeTrue();
    }

    [Fact]
    public async Task Override_ByEngineer_KeepsBothVerdicts_CountsGoodwill_AndIsAudited()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);
        var filed = await customer.FileOrbitAsync("API: please look at 6.1 anyway", EndedRelease);
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var (status, body) = await engineer.PostJsonAsync(
            $"/api/tickets/{filed.Text("number")}/entitlement/override",
            new { verdict = "Entitled", reason = "Long-standing customer; we help on 6.1 this once.", version = filed.Number("version") });

        status.Should().Be(HttpStatusCode.OK, body.ToString());
        var entitlement = body.GetProperty("entitlement");
        entitlement.Text("verdict").Should().Be("Entitled");
        entitlement.Text("intakeVerdict").Should().Be("OutOfScope");
        var overridden = entitlement.GetProperty("override");
        overridden.Text("verdict").Should().Be("Entitled");
        overridden.Text("reason").Should().Be("Long-standing customer; we help on 6.1 this once.");
        overridden.Text("by").Should().Be("Erin Engineer");
        overridden.GetProperty("goodwill").GetBoolean().Should().BeTrue();
        overridden.GetProperty("at").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));

        var read = await customer.GetJsonAsync($"/api/tickets/{filed.Text("number")}");
        var seen = read.GetProperty("entitlement").GetProperty("override");
        seen.Text("verdict").Should().Be("Entitled");
        seen.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null, "the reason is for staff");
        seen.GetProperty("goodwill").GetBoolean().Should().BeFalse("goodwill is the vendor's bookkeeping");
        (await app.AuditAsync(filed.Number("id"))).Should().Contain(a => a.Field == "entitlement" && a.OldValue == "OutOfScope" && a.NewValue!.StartsWith("Entitled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Override_WithoutReason_Is422_AndWithStaleVersion_Is409_AndNothingChanges()
    {
        var customer = await app.SignInWithTokenAsync(Northwind);
        var filed = await customer.FileOrbitAsync("API: override needs a reason", EndedRelease);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var url = $"/api/tickets/{filed.Text("number")}/entitlement/override";

        var (missing, problem) = await engineer.PostJsonAsync(url, new { verdict = "Entitled", reason = " ", version = filed.Number("version") });
        var (stale, conflict) = await engineer.PostJsonAsync(url, new { verdict = "Entitled", reason = "Goodwill.", version = filed.Number("version") + 5 });

        missing.Should().Be(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.Errors().Should().ContainKey("reason");
        stale.Should().Be(HttpStatusCode.Conflict, conflict.ToString());
        var row = await app.VerdictRowAsync(filed.Number("id"));
        row.Verdict.Should().Be("OutOfScope");
        row.Version.Should().Be(filed.Number("version"));
    }

    [Theory]
    [InlineData(Northwind)]
    [InlineData(Contoso)]
    public async Task Override_ByACustomer_AnswersAsAMissingTicket(string email)
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync($"API: customer override by {email}", EndedRelease);
        var customer = await app.SignInWithTokenAsync(email);

        var (status, _) = await customer.PostJsonAsync(
            $"/api/tickets/{filed.Text("number")}/entitlement/override",
            new { verdict = "Entitled", reason = "I say so.", version = filed.Number("version") });

        status.Should().Be(HttpStatusCode.NotFound);
        (await app.VerdictRowAsync(filed.Number("id"))).Verdict.Should().Be("OutOfScope");
    }

    [Fact]
    public async Task AnotherOrganisationsCustomer_GetsNotFound_ForTheTicketAndItsVerdict()
    {
        var filed = await (await app.SignInWithTokenAsync(Northwind)).FileOrbitAsync("API: Northwind only", CurrentRelease);
        var contoso = await app.SignInWithTokenAsync(Contoso);

        var response = await contoso.GetAsync($"/api/tickets/{filed.Text("number")}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain(app.Seed.ContractNumber);
    }

    [Fact]
    public async Task Check_JudgesForTheCallersOrganisation_WithoutFiling()
    {
        var before = await app.CountAsync("Tickets");
        var northwind = await app.SignInWithTokenAsync(Northwind);
        var contoso = await app.SignInWithTokenAsync(Contoso);
        var northwindId = await app.OrganisationIdAsync("Northwind Traders");
        object Body(string release) => new
        {
            product = ProductCode,
            release,
            environment = EnvironmentCode,
            category = RequestCategories.Problem,
            modifiedSource = false,
            severity = 2,
            organisationId = northwindId,
        };

        var (covered, coveredBody) = await northwind.PostJsonAsync("/api/entitlement/check", Body(CurrentRelease));
        var (ended, endedBody) = await northwind.PostJsonAsync("/api/entitlement/check", Body(EndedRelease));
        var (other, otherBody) = await contoso.PostJsonAsync("/api/entitlement/check", Body(CurrentRelease));

        covered.Should().Be(HttpStatusCode.OK, coveredBody.ToString());
        coveredBody.GetProperty("entitlement").Text("verdict").Should().Be("Entitled");
        coveredBody.GetProperty("entitlement").Text("contract").Should().Be(app.Seed.ContractNumber);
        coveredBody.GetProperty("sla").GetProperty("firstResponseDue").GetDateTime().Should().BeCloseTo(DateTime.UtcNow.AddHours(2), TimeSpan.FromMinutes(1));
        ended.Should().Be(HttpStatusCode.OK);
        endedBody.GetProperty("entitlement").Text("verdict").Should().Be("OutOfScope");
        endedBody.GetProperty("entitlement").ClauseUrls().Should().Contain(ReleasesClauseUrl);
        other.Should().Be(HttpStatusCode.OK);
        otherBody.GetProperty("entitlement").Text("verdict").Should().Be("NoContract", "Contoso has no contract for the product, whatever organisation the body names");
        (await app.CountAsync("Tickets")).Should().Be(before);
    }

    [Fact]
    public async Task Check_RefusesStaff_AndAnUnknownSeverity()
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var customer = await app.SignInWithTokenAsync(Northwind);

        var (staff, _) = await engineer.PostJsonAsync("/api/entitlement/check", new { product = ProductCode });
        var (bad, problem) = await customer.PostJsonAsync("/api/entitlement/check", new { product = ProductCode, severity = 9 });

        staff.Should().Be(HttpStatusCode.Forbidden);
        bad.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("severity");
    }

    [Fact]
    public async Task OpenApi_DescribesTheOverrideAndCheckRoutes()
    {
        var json = await (await app.SignInWithTokenAsync(Northwind)).GetStringAsync("/api/openapi/v1.json");

        json.Should().Contain("/api/tickets/{number}/entitlement/override").And.Contain("/api/entitlement/check").And.Contain("EntitlementDto");
    }
}
