using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Tickets;

/// <summary>Calls of the ticket API the way a script makes them, and what the database holds afterwards.</summary>
public static class TicketApi
{
    public const string NorthwindCustomer = "customer@northwind.example";
    public const string ContosoCustomer = "customer@contoso.example";
    public const string Engineer = "engineer@helpdesk.test";
    public const string Manager = "manager@helpdesk.test";

    public static async Task<JsonElement> FileAsync(this HttpClient client, string subject, string body = "It stopped working this morning.", object? extra = null)
    {
        var response = await client.PostAsJsonAsync("/api/tickets", extra ?? new { subject, body, severity = 3, product = "Ledger" });
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToString());
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        return (response.StatusCode, await response.JsonAsync());
    }

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static int Number(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    /// <summary>The field errors of a validation problem, by field.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());

    public static async Task<long> CountAsync(this HelpDeskAppFactory app, string table)
    {
        // Table names come from the tests themselves, never from input.
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public static async Task<IReadOnlyList<string>> OutboxTextsAsync(this HelpDeskAppFactory app)
    {
        await using var connection = await app.Connections.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT Subject || ' ' || TextBody || ' ' || COALESCE(HtmlBody, '') FROM OutboxMessages")).AsList();
    }
}
