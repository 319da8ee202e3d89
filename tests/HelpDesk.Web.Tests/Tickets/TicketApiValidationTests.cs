using System.Net;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Tickets;

public sealed class TicketApiValidationTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    public static TheoryData<string, string?, string?, int> BadTickets() => new()
    {
        { "subject", "", "Body.", 3 },
        { "subject", null, "Body.", 3 },
        { "subject", new string('s', 201), "Body.", 3 },
        { "body", "Subject", "   ", 3 },
        { "body", "Subject", new string('b', 20_001), 3 },
        { "severity", "Subject", "Body.", 9 },
        { "severity", "Subject", "Body.", 0 },
    };

    [Theory]
    [MemberData(nameof(BadTickets))]
    public async Task File_Answers422NamingTheField_AndSavesNothing(string field, string? subject, string? body, int severity)
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var tickets = await app.CountAsync("Tickets");
        var outbox = await app.CountAsync("OutboxMessages");

        var response = await customer.PostAsJsonAsync("/api/tickets", new { subject, body, severity });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem.Number("status").Should().Be(422);
        problem.Errors().Should().ContainKey(field).WhoseValue.Should().NotBeEmpty();
        (await app.CountAsync("Tickets")).Should().Be(tickets);
        (await app.CountAsync("OutboxMessages")).Should().Be(outbox);
    }

    public static TheoryData<string> MalformedBodies() =>
    [
        "{\"subject\": \"Broken",
        "{\"subject\": \"S\", \"body\": \"B\", \"severity\": \"very\"}",
        "[1, 2, 3]",
    ];

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task File_Answers400Problem_WhenTheJsonCannotBeRead(string json)
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var tickets = await app.CountAsync("Tickets");

        var response = await customer.PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.CountAsync("Tickets")).Should().Be(tickets);
    }

    [Theory]
    [InlineData("GET", "/api/tickets/abc")]
    [InlineData("GET", "/api/tickets/HD-")]
    [InlineData("GET", "/api/tickets/-4")]
    [InlineData("GET", "/api/tickets/HD-99999999999")]
    [InlineData("POST", "/api/tickets/XX-1/messages")]
    [InlineData("POST", "/api/tickets/1.5/status")]
    [InlineData("GET", "/api/tickets/ticket7/attachments/1")]
    public async Task AMalformedNumber_Answers400NamingTheNumber(string method, string url)
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var response = method == "GET"
            ? await engineer.GetAsync(url)
            : await engineer.PostAsJsonAsync(url, new { body = "Hi", status = "Open", version = 1 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.Errors().Should().ContainKey("number").WhoseValue.Single().Should().Contain("not a ticket number");
    }

    [Theory]
    [InlineData("hd-{0}")]
    [InlineData("HD-{0}")]
    [InlineData("{0}")]
    public async Task TheNumber_IsAcceptedInEveryWrittenForm(string form)
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var id = (await customer.FileAsync("Number forms")).Number("id");

        var detail = await customer.GetJsonAsync("/api/tickets/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, form, id));

        detail.GetProperty("ticket").Number("id").Should().Be(id);
    }

    [Theory]
    [InlineData("after=not-a-token", "after")]
    [InlineData("after=MS4xLjE", "after")]
    [InlineData("sort=colour", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("status=Sleeping", "status")]
    [InlineData("severity=9", "severity")]
    [InlineData("assignee=someone", "assignee")]
    [InlineData("organisationId=x", "organisationId")]
    public async Task List_Answers400NamingTheParameter_WhenItCannotBeRead(string query, string field)
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var response = await engineer.GetAsync("/api/tickets?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync()).Errors().Should().ContainKey(field);
    }

    [Fact]
    public async Task List_RefusesATokenOfAnotherSortOrder()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        await customer.FileAsync("Token one");
        await customer.FileAsync("Token two");
        var next = (await customer.GetJsonAsync("/api/tickets?limit=1")).GetProperty("next").GetString();

        var response = await customer.GetAsync($"/api/tickets?limit=1&sort=created&after={next}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).Errors().Should().ContainKey("after");
    }

    [Fact]
    public async Task Customer_CannotPostANote_422NamingKind_AndNothingSaved()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var number = (await customer.FileAsync("Note attempt")).Text("number");
        var messages = await app.CountAsync("TicketMessages");

        var (status, problem) = await customer.PostJsonAsync($"/api/tickets/{number}/messages", new { body = "Psst", kind = "note" });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("kind");
        (await app.CountAsync("TicketMessages")).Should().Be(messages);
    }

    [Fact]
    public async Task StatusChange_WithoutVersion_Or_Forbidden_Answers422NamingTheField()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var filed = await customer.FileAsync("Transitions");
        var number = filed.Text("number");

        var (noVersion, missing) = await engineer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "Open" });
        var (same, forbidden) = await engineer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "New", version = filed.Number("version") });
        var (byCustomer, customerProblem) = await customer.PostJsonAsync($"/api/tickets/{number}/status", new { status = "OnHold", version = filed.Number("version") });

        noVersion.Should().Be(HttpStatusCode.UnprocessableEntity);
        missing.Errors().Should().ContainKey("version");
        same.Should().Be(HttpStatusCode.UnprocessableEntity);
        forbidden.Errors().Should().ContainKey("status");
        byCustomer.Should().Be(HttpStatusCode.UnprocessableEntity);
        customerProblem.Errors().Should().ContainKey("status");
        (await engineer.GetJsonAsync($"/api/tickets/{number}")).GetProperty("ticket").Text("status").Should().Be("New");
    }

    [Fact]
    public async Task Time_AndRating_OutOfRange_Answer422NamingTheField()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var number = (await customer.FileAsync("Ranges")).Text("number");
        var time = await app.CountAsync("TimeEntries");

        var (minutes, minutesProblem) = await engineer.PostJsonAsync($"/api/tickets/{number}/time", new { minutes = 0, workDate = "2026-01-05" });
        var (future, futureProblem) = await engineer.PostJsonAsync($"/api/tickets/{number}/time", new { minutes = 10, workDate = "2999-01-01" });
        var (score, scoreProblem) = await customer.PostJsonAsync($"/api/tickets/{number}/rating", new { score = 6 });
        var (unresolved, unresolvedProblem) = await customer.PostJsonAsync($"/api/tickets/{number}/rating", new { score = 4 });

        minutes.Should().Be(HttpStatusCode.UnprocessableEntity);
        minutesProblem.Errors().Should().ContainKey("minutes");
        future.Should().Be(HttpStatusCode.UnprocessableEntity);
        futureProblem.Errors().Should().ContainKey("workDate");
        score.Should().Be(HttpStatusCode.UnprocessableEntity);
        scoreProblem.Errors().Should().ContainKey("score");
        unresolved.Should().Be(HttpStatusCode.UnprocessableEntity);
        unresolvedProblem.Errors()["score"].Single().Should().Contain("not resolved yet");
        (await app.CountAsync("TimeEntries")).Should().Be(time);
    }

    [Fact]
    public async Task EveryTicketRoute_Answers401ToAnAnonymousCaller()
    {
        var anonymous = app.CreateAnonymousClient();

        var responses = new[]
        {
            await anonymous.GetAsync("/api/tickets"),
            await anonymous.GetAsync("/api/tickets/HD-1"),
            await anonymous.PostAsJsonAsync("/api/tickets", new { subject = "S", body = "B" }),
            await anonymous.PostAsJsonAsync("/api/tickets/1/messages", new { body = "B" }),
            await anonymous.GetAsync("/api/tickets/1/attachments/1"),
        };

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheTicketRoutes()
    {
        var document = await app.CreateAnonymousClient().GetJsonAsync("/api/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain([
            "/api/tickets", "/api/tickets/{number}", "/api/tickets/{number}/messages", "/api/tickets/{number}/status",
            "/api/tickets/{number}/assignee", "/api/tickets/{number}/time", "/api/tickets/{number}/rating",
            "/api/tickets/{number}/attachments", "/api/tickets/{number}/attachments/{attachmentId}",
        ]);
        var file = document.GetProperty("paths").GetProperty("/api/tickets").GetProperty("post");
        file.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace();
        file.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "422"]);
    }
}
