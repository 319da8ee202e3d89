using System.Net;
using System.Text.Json;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary>
/// Putting a wrongly filed ticket right through the API: correcting its facts (it is judged again), closing it as a
/// duplicate, saying it is not an incident. Staff only; a customer gets what a missing ticket gets.
/// </summary>
public sealed class ClassificationApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task TheReadmeExample_FilesAnEntitledTicketOnTheDemoProduct()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var ticket = await customer.FileAsync("Export fails", extra: new { subject = "Export fails", body = "Since this morning the nightly export stops at 40%.", product = "keel", severity = 2 });

        var entitlement = ticket.GetProperty("entitlement");
        entitlement.Text("verdict").Should().Be("Entitled");
        entitlement.Text("product").Should().Be("keel");
        entitlement.GetProperty("needsClassification").GetBoolean().Should().BeFalse();
        ticket.GetProperty("needsClassification").GetBoolean().Should().BeFalse();
        ticket.GetProperty("incident").Text("contract").Should().StartWith("C-");
    }

    [Fact]
    public async Task AnApiTicketWithoutAProduct_NeedsClassification_UntilStaffClassifyIt()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var filed = await customer.FileAsync("Scheduler stalls", extra: new { subject = "Scheduler stalls", body = "Tasks stop after an hour.", severity = 3 });
        filed.GetProperty("needsClassification").GetBoolean().Should().BeTrue();
        filed.GetProperty("entitlement").GetProperty("needsClassification").GetBoolean().Should().BeTrue();
        filed.GetProperty("sla").GetProperty("resolveDue").ValueKind.Should().Be(JsonValueKind.Null, "only the first response is due while the product is unknown");
        filed.GetProperty("incident").GetProperty("contract").ValueKind.Should().Be(JsonValueKind.Null);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var number = filed.Text("number");

        var (status, ticket) = await engineer.PostJsonAsync($"/api/tickets/{number}/classification", new { product = "keel", release = "6.0", severity = 2, version = filed.Number("version") });

        status.Should().Be(HttpStatusCode.OK, ticket.ToString());
        ticket.GetProperty("needsClassification").GetBoolean().Should().BeFalse();
        ticket.Text("product").Should().Be("Keel RTOS");
        ticket.Text("productRelease").Should().Be("6.0");
        ticket.Number("severity").Should().Be(2);
        var entitlement = ticket.GetProperty("entitlement");
        entitlement.Text("verdict").Should().Be("Entitled");
        entitlement.Text("judgedVerdict").Should().Be("Entitled");
        entitlement.Text("intakeVerdict").Should().Be("Entitled");
        entitlement.GetProperty("reclassified").ValueKind.Should().Be(JsonValueKind.String);
        ticket.GetProperty("sla").GetProperty("resolveDue").ValueKind.Should().Be(JsonValueKind.String);
        ticket.GetProperty("incident").Text("contract").Should().StartWith("C-");
        var detail = await engineer.GetJsonAsync($"/api/tickets/{number}");
        detail.GetProperty("audit").EnumerateArray().Should().Contain(a => a.GetProperty("field").GetString() == "product" && a.GetProperty("newValue").GetString() == "Keel RTOS");
    }

    [Fact]
    public async Task Classification_AnswersProblems_ThatNameTheFields_AConflictForAStaleVersion_AndNotFoundToCustomers()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var filed = await customer.FileAsync("Wrong product", extra: new { subject = "Wrong product", body = "Which one?" });
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var url = $"/api/tickets/{filed.Text("number")}/classification";
        var version = filed.Number("version");

        var (invalid, problem) = await engineer.PostJsonAsync(url, new { product = "keal", environment = "Plan 9", severity = 9, version });
        var (stale, conflict) = await engineer.PostJsonAsync(url, new { product = "keel", version = version - 1 });
        var (unversioned, missing) = await engineer.PostJsonAsync(url, new { product = "keel" });
        var (theirs, notFound) = await customer.PostJsonAsync(url, new { product = "keel", version });

        invalid.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().BeEquivalentTo(["product", "environment", "severity"]);
        problem.Errors()["product"].Should().ContainSingle().Which.Should().StartWith("'keal' is not a product in the catalogue");
        stale.Should().Be(HttpStatusCode.Conflict);
        conflict.Text("detail").Should().Contain("Someone else changed this ticket");
        unversioned.Should().Be(HttpStatusCode.UnprocessableEntity);
        missing.Errors().Should().ContainKey("version");
        theirs.Should().Be(HttpStatusCode.NotFound);
        notFound.Text("detail").Should().Be($"There is no ticket {filed.Text("number")}.");
        var after = await engineer.GetJsonAsync($"/api/tickets/{filed.Text("number")}");
        after.GetProperty("ticket").GetProperty("needsClassification").GetBoolean().Should().BeTrue("nothing was saved");
    }

    [Fact]
    public async Task Duplicate_ClosesTheTicket_LinksItToItsOriginal_AndGivesItsIncidentBack()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var original = await customer.FileAsync("Kernel panic on boot", extra: new { subject = "Kernel panic on boot", body = "Board resets.", product = "keel" });
        var duplicate = await customer.FileAsync("Board resets on boot", extra: new { subject = "Board resets on boot", body = "Same again.", product = "keel" });
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var (status, closed) = await engineer.PostJsonAsync($"/api/tickets/{duplicate.Text("number")}/duplicate", new { original = original.Text("number"), version = duplicate.Number("version") });
        var (refused, problem) = await engineer.PostJsonAsync($"/api/tickets/{original.Text("number")}/duplicate", new { original = "HD-999999", version = original.Number("version") });
        var (theirs, _) = await customer.PostJsonAsync($"/api/tickets/{original.Text("number")}/duplicate", new { original = duplicate.Text("number"), version = original.Number("version") });

        status.Should().Be(HttpStatusCode.OK, closed.ToString());
        closed.Text("status").Should().Be("Closed");
        closed.Text("duplicateOf").Should().Be(original.Text("number"));
        closed.GetProperty("incident").GetProperty("contract").ValueKind.Should().Be(JsonValueKind.Null);
        refused.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors()["original"].Should().Equal("There is no ticket HD-999999.");
        theirs.Should().Be(HttpStatusCode.NotFound);
        var audit = (await engineer.GetJsonAsync($"/api/tickets/{original.Text("number")}")).GetProperty("audit").EnumerateArray();
        audit.Should().Contain(a => a.GetProperty("field").GetString() == "duplicate");
        (await app.OutboxForAsync(NorthwindCustomer)).Should().Contain(m => m.Kind == TicketMail.DuplicateNotice && m.Subject.Contains(duplicate.Text("number"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotAnIncident_GivesTheIncidentBack_AndNeedsAReason()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var filed = await customer.FileAsync("How do I read the docs", extra: new { subject = "How do I read the docs", body = "Where are they?", product = "keel" });
        filed.GetProperty("incident").Text("contract").Should().StartWith("C-");
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var url = $"/api/tickets/{filed.Text("number")}/not-an-incident";

        var (noReason, problem) = await engineer.PostJsonAsync(url, new { version = filed.Number("version") });
        var (status, marked) = await engineer.PostJsonAsync(url, new { reason = "A pointer to the manual.", version = filed.Number("version") });
        var (theirs, _) = await customer.PostJsonAsync(url, new { reason = "Mine.", version = marked.Number("version") });

        noReason.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("reason");
        status.Should().Be(HttpStatusCode.OK, marked.ToString());
        marked.GetProperty("incident").GetProperty("contract").ValueKind.Should().Be(JsonValueKind.Null);
        marked.GetProperty("incident").Text("notAnIncident").Should().Be("A pointer to the manual.");
        theirs.Should().Be(HttpStatusCode.NotFound);
        var seen = await customer.GetJsonAsync($"/api/tickets/{filed.Text("number")}");
        seen.GetProperty("ticket").GetProperty("incident").TryGetProperty("notAnIncident", out _).Should().BeFalse("customers do not read staff's reason");
    }
}
