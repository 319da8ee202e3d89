using System.Net;
using System.Text;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Portal.PortalApp;

namespace HelpDesk.Web.Tests.Portal;

public sealed class FileTicketPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string NewTicket = "/portal/tickets/new";

    [Fact]
    public async Task File_SavesTicketMessageAttachmentAndAcknowledgement_AndRedirectsToTheTicketWithANotice()
    {
        var customer = await app.SignInAsync(Nora);
        var log = Encoding.UTF8.GetBytes("2024-05-01 12:00:00 ERROR export failed\n");

        var response = await customer.PostMultipartAsync(
            NewTicket,
            Fields("Export to CSV fails", "Every export stops at 50%.", severity: "2"),
            [new FormFile("Input.Attachments", "export.log", log)]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await app.TicketBySubjectAsync("Export to CSV fails");
        saved.Should().NotBeNull();
        var number = TicketNumber.Format((int)saved!.Id);
        response.Headers.Location!.OriginalString.Should().Be($"/portal/tickets/{number}");
        saved.Status.Should().Be("New");
        saved.Severity.Should().Be(2);
        saved.Product.Should().Be("Northwind ERP");
        saved.ProductRelease.Should().Be("4.2");
        saved.Environment.Should().Be("production");
        saved.Category.Should().Be("problem");
        saved.RequesterId.Should().Be((await app.UserIdAsync(Nora))!.Value);
        saved.OrganisationId.Should().Be(await app.OrganisationIdAsync("Northwind Traders"));
        (await app.CountAsync("TicketMessages", (int)saved.Id)).Should().Be(1);
        (await app.AttachmentsOfAsync((int)saved.Id)).Should().ContainSingle()
            .Which.Should().Be(new AttachmentRow("export.log", "text/plain", log.Length));
        (await app.OutboxOfTicketAsync((int)saved.Id)).Should().ContainSingle()
            .Which.Should().Match<OutboxRow>(m => m.Kind == "ticket-acknowledgement" && m.ToAddress == Nora);

        var page = await customer.GetStringAsync(response.Headers.Location);
        page.Should().Contain($"Ticket {number} filed").And.Contain("Every export stops at 50%.").And.Contain("export.log");
    }

    [Fact]
    public async Task File_ShowsErrorsBesideFieldsKeepsWhatWasTypedAndSavesNothing_WhenInputIsBad()
    {
        var customer = await app.SignInAsync(Nora);
        var before = await CountAllAsync();

        var response = await customer.PostMultipartAsync(
            NewTicket,
            Fields("", new string('x', TicketRules.BodyMaxLength + 1)),
            [new FormFile("Input.Attachments", "setup.exe", [0x4d, 0x5a, 0x90])]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var errors = PageText.ErrorsOf(html);
        errors.Split(" | ").Should().HaveCount(3, "the three bad fields each have one error: {0}", errors);
        errors.Should().Contain("Enter a subject")
            .And.Contain("The message is 20,001 characters; the limit is 20,000.")
            .And.Contain("setup.exe: files of type .exe are not accepted");
        FieldError(html, "Input_Subject").Should().Contain("Enter a subject");
        FieldError(html, "Input_Body").Should().Contain("20,001 characters");
        FieldError(html, "Input_Attachments").Should().Contain(".exe are not accepted");
        html.Should().Contain("Your files were not kept; choose them again");
        html.Should().Contain("value=\"Northwind ERP\"").And.Contain("value=\"4.2\"").And.Contain("value=\"production\"").And.Contain("value=\"problem\"");
        html.Should().Contain(new string('x', TicketRules.BodyMaxLength + 1), "the description typed is shown again");
        (await CountAllAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task NewTicketPage_OffersSeverityNormalByDefault_AndAMultipartFileForm()
    {
        var customer = await app.SignInAsync(Nora);

        var html = await customer.GetStringAsync(NewTicket);

        html.Should().Contain("enctype=\"multipart/form-data\"").And.Contain("type=\"file\"").And.Contain("multiple");
        html.Should().MatchRegex("<option(?=[^>]*value=\"3\")(?=[^>]*selected)");
        html.Should().NotMatchRegex("<option(?=[^>]*value=\"[124]\")(?=[^>]*selected)");
    }

    [Fact]
    public async Task ScriptInADescription_ShowsAsText()
    {
        var customer = await app.SignInAsync(Nora);

        var response = await customer.PostMultipartAsync(NewTicket, Fields("<b>Bold</b> subject", "<script>alert('owned')</script> and <img src=x onerror=alert(1)>"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await customer.GetStringAsync(response.Headers.Location);
        html.Should().NotContain("<script>alert").And.NotContain("<img src=x").And.NotContain("<b>Bold</b>");
        html.Should().Contain("&lt;script&gt;alert(").And.Contain("&lt;b&gt;Bold&lt;/b&gt; subject");
    }

    [Fact]
    public async Task NewcomerAwaitingPlacement_IsSentBackToTheWaitingMessage()
    {
        var newcomer = await app.SignInAsync(Newcomer);

        var response = await newcomer.GetAsync(NewTicket);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/portal");
        (await newcomer.GetStringAsync("/portal")).Should().Contain("waiting for a manager").And.NotContain("File a ticket");
    }

    private static Dictionary<string, string> Fields(string subject, string body, string severity = "3") => new()
    {
        ["Input.Subject"] = subject,
        ["Input.Body"] = body,
        ["Input.Severity"] = severity,
        ["Input.Product"] = "Northwind ERP",
        ["Input.ProductRelease"] = "4.2",
        ["Input.Environment"] = "production",
        ["Input.Category"] = "problem",
    };

    // The field error inside the same label as the input with this id.
    private static string FieldError(string html, string inputId)
    {
        var start = html.IndexOf($"id=\"{inputId}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the form has an input {inputId}");
        var end = html.IndexOf("</label>", start, StringComparison.Ordinal);
        return PageText.ErrorsOf(html[start..end]);
    }

    private async Task<int[]> CountAllAsync() =>
    [
        await app.CountAsync("Tickets"),
        await app.CountAsync("TicketMessages"),
        await app.CountAsync("TicketAttachments"),
        await app.CountAsync("AttachmentBlobs"),
        await app.CountAsync("OutboxMessages"),
    ];
}
