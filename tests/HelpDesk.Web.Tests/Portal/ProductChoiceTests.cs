using System.Net;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Portal.PortalApp;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>
/// The portal asks which product a request is about when the organisation's contracts name products, with "I don't
/// know" as an answer; and shows the customer why when staff classify the ticket and it is judged again.
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
    public async Task Filing_WithIDontKnow_FilesATicketThatNeedsClassification_AndSaysSoOnItsPage()
    {
        var customer = await app.SignInAsync(Nora);

        var response = await customer.PostMultipartAsync(NewTicket, Fields("Not sure which product", product: "-"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await app.TicketBySubjectAsync("Not sure which product");
        saved!.Product.Should().BeNull();
        (await NeedsClassificationAsync(saved.Id)).Should().BeTrue();
        var page = await customer.GetStringAsync(response.Headers.Location);
        page.Should().Contain("class=\"badge needs-classification\"").And.Contain("We have not yet confirmed which product this is about");
    }

    [Fact]
    public async Task AReclassifiedTicket_ShowsTheCustomerTheNewVerdictAndWhy_AndTheyGetAMail()
    {
        var filed = await app.FileTicketAsync(Nora, "Backport the timer fix");
        var engineerId = (await app.UserIdAsync(Engineer))!.Value;
        using (var scope = app.Services.CreateScope())
        {
            var classified = await scope.ServiceProvider.GetRequiredService<ClassifyTicket>().HandleAsync(new ClassifyTicketRequest
            {
                Actor = TicketActor.Staff(engineerId),
                TicketId = filed.Id,
                ExpectedVersion = filed.Version,
                Product = "keel",
                Release = "4.0",
            });
            classified.Succeeded.Should().BeTrue(string.Join(" ", classified.Errors.Select(e => e.Message)));
        }

        var customer = await app.SignInAsync(Nora);
        var page = await customer.GetStringAsync($"/portal/tickets/{filed.Number}");

        page.Should().Contain("data-verdict=\"OutOfScope\"").And.Contain("Release 4.0 is not supported");
        page.Should().Contain("When it was filed it was <span data-filed-verdict=\"Entitled\">Entitled</span>, pending classification");
        page.Should().NotContain("class=\"badge needs-classification\"");
        (await app.OutboxForAsync(Nora)).Should().Contain(m => m.Kind == TicketMail.ReclassifiedNotice && m.Subject == $"[{filed.Number}] Backport the timer fix: now out of scope" && m.TextBody.Contains("Release 4.0 is not supported"));
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
