using System.Net;
using Dapper;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Portal.PortalApp;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>
/// The portal asks which product a request is about when the organisation's contracts name products, with "I don't
/// know" as an answer.
/// </summary>
public sealed class ProductChoiceTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string NewTicket = "/portal/tickets/new";

    [Fact]
    public async Task TheForm_AsksForTheProduct_WithAnIDontKnowChoice()
    {
        var customer = await app.SignInAsync(Nora);

        var html = await customer.GetStringAsync(NewTicket);

        html.Should().Contain("<option value=\"-\">I don't know which product</option>");
        html.Should().NotContain("Product (optional)");
    }

    [Fact]
    public async Task Filing_WithoutChoosingAProduct_IsRefusedBesideTheField_AndSavesNothing()
    {
        var customer = await app.SignInAsync(Nora);
        var before = await app.CountAsync("Tickets");

        var response = await customer.PostMultipartAsync(NewTicket, Fields("No product chosen", product: ""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var label = html[html.IndexOf("id=\"Input_Product\"", StringComparison.Ordinal)..];
        PageText.ErrorsOf(label[..label.IndexOf("</label>", StringComparison.Ordinal)]).Should().Contain("Choose the product the request is about, or \u201cI don't know\u201d");
        (await app.CountAsync("Tickets")).Should().Be(before);
    }

    [Fact]
    public async Task Filing_WithIDontKnow_FilesATicketThatNeedsClassification()
    {
        var customer = await app.SignInAsync(Nora);

        var response = await customer.PostMultipartAsync(NewTicket, Fields("Not sure which product", product: "-"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await app.TicketBySubjectAsync("Not sure which product");
        saved!.Product.Should().BeNull();
        (await NeedsClassificationAsync(saved.Id)).Should().BeTrue();
    }

    private static Dictionary<string, string> Fields(string subject, string product) => new()
    {
        ["Input.Subject"] = subject,
        ["Input.Body"] = "It does not work.",
        ["Input.Severity"] = "3",
        ["Input.Product"] = product,
        ["Input.Category"] = "problem",
        ["Input.Language"] = "en",
    };

    private async Task<bool> NeedsClassificationAsync(long ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT NeedsClassification FROM Tickets WHERE Id = @Id", new { Id = ticketId });
    }
}
