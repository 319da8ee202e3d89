using System.Net;
using System.Text.Json;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>Calls of the management API as a manager's script makes them, and what the database holds afterwards.</summary>
public static class ManageApi
{
    public static async Task<JsonElement> CreatedAsync(this HttpClient client, string url, object body)
    {
        var (status, json) = await client.PostJsonAsync(url, body);
        status.Should().Be(HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static async Task<JsonElement> OkAsync(this HttpClient client, string url, object body)
    {
        var (status, json) = await client.PostJsonAsync(url, body);
        status.Should().Be(HttpStatusCode.OK, json.ToString());
        return json;
    }

    /// <summary>A copy of <paramref name="element"/> with some properties replaced, as a script edits what it read.</summary>
    public static Dictionary<string, object?> With(this JsonElement element, params (string Name, object? Value)[] changes)
    {
        var copy = element.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        foreach (var (name, value) in changes)
        {
            copy[name] = value;
        }

        return copy;
    }

    public static async Task<int> ProductIdAsync(this HelpDeskAppFactory app, string code)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<int>("SELECT Id FROM Products WHERE Code = @Code", new { Code = code });
    }

    /// <summary>The manage audit lines about one subject, oldest first: "action: detail" each.</summary>
    public static async Task<IReadOnlyList<string>> ManageAuditAsync(this HelpDeskAppFactory app, string subject, int subjectId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT Action || ': ' || Detail FROM ManageAudit WHERE Subject = @Subject AND SubjectId = @SubjectId ORDER BY Id",
            new { Subject = subject, SubjectId = subjectId })).AsList();
    }

    /// <summary>The given routes each answer 403 to a customer and to an engineer.</summary>
    public static async Task ForbiddenToCustomersAndEngineersAsync(this HelpDeskAppFactory app, params (HttpMethod Method, string Url)[] routes)
    {
        foreach (var email in new[] { TicketApi.NorthwindCustomer, TicketApi.Engineer })
        {
            using var client = await app.SignInWithTokenAsync(email);
            foreach (var (method, url) in routes)
            {
                using var request = new HttpRequestMessage(method, url);
                if (method == HttpMethod.Post)
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{email} on {method} {url}");
            }
        }
    }
}
