using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Core.Attachments;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Rules at the edge: time before a ticket existed, categories that do not exist, deceptive characters, uploads of too many files.</summary>
public sealed class EdgeRulesTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task TimeLoggedBeforeTheTicketWasFiled_Answers422NamingWorkDate()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var ticket = await customer.FileAsync("Time before filing");
        var engineer = await app.SignInWithTokenAsync(Engineer);
        var entries = await app.CountAsync("TimeEntries");

        var (status, problem) = await engineer.PostJsonAsync($"/api/tickets/{ticket.Text("number")}/time", new { minutes = 30, workDate = "2020-01-01", billable = true });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("workDate").WhoseValue.Single().Should().Contain("filed on");
        (await app.CountAsync("TimeEntries")).Should().Be(entries);

        var (today, _) = await engineer.PostJsonAsync($"/api/tickets/{ticket.Text("number")}/time", new { minutes = 30, workDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), billable = true });
        today.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnUnknownCategory_IsRefusedNamingCategory_AndAKnownOneIsStoredByItsCode()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var tickets = await app.CountAsync("Tickets");

        var (status, problem) = await customer.PostJsonAsync("/api/tickets", new { subject = "S", body = "B", severity = 3, product = "Ledger", category = "free-work" });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("category").WhoseValue.Single().Should().Contain("backport");
        (await app.CountAsync("Tickets")).Should().Be(tickets);

        var filed = await customer.FileAsync("S", extra: new { subject = "Known category", body = "B", severity = 3, product = "Ledger", category = "QUESTION" });
        filed.Text("category").Should().Be("question");
    }

    [Fact]
    public async Task ASubjectWithNulAndBidiOverrides_IsStoredWithoutThem_AndOneOfNothingElseIsRefused()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);

        var filed = await customer.FileAsync("S", extra: new { subject = "Invoice\0 \u202Efdp.exe\u202C attached", body = "B", severity = 3, product = "Ledger" });
        filed.Text("subject").Should().Be("Invoice fdp.exe attached");

        var (status, problem) = await customer.PostJsonAsync("/api/tickets", new { subject = "\u202E\0\u2066", body = "B", severity = 3, product = "Ledger" });
        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Should().ContainKey("subject");
    }

    [Fact]
    public async Task AnUploadOfTooManyFiles_Answers422NamingFiles_AndAttachesNothing()
    {
        var customer = await app.SignInWithTokenAsync(NorthwindCustomer);
        var ticket = await customer.FileAsync("Many files");
        var attachments = await app.CountAsync("TicketAttachments");
        using var form = new MultipartFormDataContent();
        for (var i = 0; i <= AttachmentPolicy.MaxFilesPerUpload; i++)
        {
            var file = new ByteArrayContent("log line\n"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "files", $"part-{i}.log");
        }

        var response = await customer.PostAsync($"/api/tickets/{ticket.Text("number")}/attachments", form);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await response.JsonAsync();
        problem.Errors().Should().ContainKey("files").WhoseValue.Should().Contain(m => m.Contains("at most"));
        (await app.CountAsync("TicketAttachments")).Should().Be(attachments);
    }
}
