using System.Net;
using System.Text;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Every body a broken or hostile client can send to every API route that reads one: the answer is a 400 or 422
/// problem, never a 500, and nothing is saved.
/// </summary>
public sealed class MalformedInputTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    public static TheoryData<string> BadBodies() =>
    [
        "",
        "null",
        "{",
        "{\"severity\": 1e400}",
        "{\"severity\": 99999999999999999999}",
        "{\"version\": \"seven\"}",
        "{\"kind\": 7, \"status\": 99, \"body\": \"x\"}",
        "{\"verdict\": \"Maybe\"}",
        "{\"workDate\": \"31/02/2026\", \"minutes\": 30}",
        "{\"minutes\": -5, \"workDate\": \"2026-01-01\"}",
        "{\"score\": 1.5}",
        "{\"subject\": [1, 2]}",
        "{\"subject\": \"\\ud800\"}",
        "[" + new string('[', 5000) + new string(']', 5000) + "]",
        "\"just a string\"",
        "{\"a\":1,\"a\":2}",
    ];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task EveryApiRouteThatReadsABody_AnswersAProblemNotA500(string json)
    {
        var manager = await app.SignInWithTokenAsync(Manager);
        var routes = RouteInventory.Read(app.Services)
            .Where(r => (r.StartsWith("POST /api/", StringComparison.Ordinal) || r.StartsWith("PUT /api/", StringComparison.Ordinal))
                && !r.Contains("/auth/", StringComparison.Ordinal) && !r.Contains("/inbound/", StringComparison.Ordinal))
            .ToList();
        routes.Should().NotBeEmpty();

        var failures = new List<string>();
        foreach (var route in routes)
        {
            var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
            var url = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", "1");
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            var response = await manager.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{route}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }
            else if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{route}: {(int)response.StatusCode} without a problem body: {text[..Math.Min(text.Length, 300)]}");
            }
        }

        failures.Should().BeEmpty();
    }
}

/// <summary>Values the JSON can carry but the field does not allow: 422 naming the field, and nothing stored.</summary>
public sealed class UndefinedValueTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Theory]
    [InlineData("{\"body\": \"Hello\", \"kind\": 7}", "kind", "Reply")]
    [InlineData("{\"body\": \"Hello\", \"kind\": -1}", "kind", "Reply")]
    [InlineData("{\"body\": \"Hello\", \"status\": 42, \"version\": 1}", "status", "Resolved")]
    public async Task AMessageWithAnUndefinedEnum_Answers422NamingTheField_AndAddsNothing(string json, string field, string allowed)
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var messages = await app.CountAsync("TicketMessages");

        var response = await engineer.PostAsync("/api/tickets/1/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem.Errors().Should().ContainKey(field).WhoseValue.Single().Should().Contain(allowed);
        (await app.CountAsync("TicketMessages")).Should().Be(messages);
    }

    [Fact]
    public async Task AKnownEnumInAnyCase_IsStillAccepted()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var ticket = await customer.FileAsync("Enums by name");
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var byName = await engineer.PostAsync($"/api/tickets/{ticket.Text("number")}/messages", new StringContent("{\"body\": \"A note.\", \"kind\": \"note\"}", Encoding.UTF8, "application/json"));

        byName.StatusCode.Should().Be(HttpStatusCode.OK, await byName.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"subject\": \"S\", \"body\": \"B\", \"severity\": \"very\"}", "severity")]
    [InlineData("{\"subject\": [1], \"body\": \"B\"}", "subject")]
    [InlineData("{\"subject\": \"S\", \"body\": \"B\", \"modifiedSource\": \"maybe\"}", "modifiedSource")]
    [InlineData("{\"subject\": \"S\", \"body\": \"B\", \"severity\": 1e400}", "severity")]
    [InlineData("{\"subject\": \"S\"", "body")]
    public async Task AValueOfTheWrongType_Answers400NamingTheField(string json, string field)
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var response = await customer.PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.Errors().Should().ContainKey(field);
    }

    [Theory]
    [InlineData("{\"body\": \"Hello\", \"kind\": \"Whisper\"}", "kind")]
    [InlineData("{\"body\": \"Hello\", \"kind\": true}", "kind")]
    [InlineData("{\"body\": \"Hello\", \"version\": \"seven\"}", "version")]
    public async Task AMessageFieldThatCannotBeRead_Answers400NamingTheField(string json, string field)
    {
        var engineer = await app.SignInWithTokenAsync(Engineer);

        var response = await engineer.PostAsync("/api/tickets/1/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).Errors().Should().ContainKey(field);
    }
}
