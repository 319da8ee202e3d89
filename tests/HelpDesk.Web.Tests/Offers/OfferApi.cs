using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.Offers;

/// <summary>Offers made and answered through the API the way a script does.</summary>
public static class OfferApi
{
    /// <summary>An out-of-scope request (a backport on Keel RTOS) filed by the client's customer; its number.</summary>
    public static async Task<string> FileBackportAsync(this HttpClient customer, string subject = "Backport the SPI DMA fix to 5.2")
    {
        var ticket = await customer.FileAsync(subject, extra: new
        {
            subject,
            body = "Our product is frozen on 5.2; we need the fix there.",
            severity = 3,
            product = "Keel RTOS",
            productRelease = "5.2",
            environment = "Arm Cortex-M7",
            category = "backport",
        });
        ticket.GetProperty("entitlement").Text("verdict").Should().Be("OutOfScope");
        return ticket.Text("number");
    }

    /// <summary>The published version new offers of <paramref name="code"/> are made from.</summary>
    public static async Task<int> VersionOfAsync(this HttpClient client, string code)
    {
        var offerings = await client.GetJsonAsync("/api/services/offerings");
        return offerings.EnumerateArray().Single(o => o.Text("code") == code).Number("versionId");
    }

    /// <summary>The engineer sends the backport offer on the ticket; the offer's detail.</summary>
    public static async Task<JsonElement> OfferBackportAsync(this HttpClient engineer, string ticket, object? extra = null)
    {
        var version = await engineer.VersionOfAsync("backport-fix");
        var response = await engineer.PostAsJsonAsync($"/api/tickets/{ticket}/offers", extra ?? new { offeringVersionId = version });
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static int OfferId(this JsonElement detail) => detail.GetProperty("offer").Number("id");
}
