using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>A file a test attaches to a form, as a browser sends it.</summary>
public sealed record FormFile(string Field, string FileName, byte[] Content, string ContentType = "application/octet-stream");

/// <summary>Multipart form posts (forms with file inputs), with the anti-forgery token read from the page first.</summary>
public static partial class MultipartPosting
{
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string url, IDictionary<string, string> fields, IEnumerable<FormFile>? files = null, string? handler = null)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{url} answered {(int)page.StatusCode} with no anti-forgery token in its form.");
        }

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var file in files ?? [])
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new(file.ContentType);
            form.Add(content, file.Field, file.FileName);
        }

        var target = handler is null ? url : $"{url}?handler={handler}";
        return await client.PostAsync(target, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>What the portal tests set up and read back, beside what they do through the pages.</summary>
public static partial class PortalApp
{
    public const string Nora = "customer@northwind.example";
    public const string Pat = "pat.buyer@northwind.example";
    public const string ContosoCustomer = "customer@contoso.example";
    public const string Newcomer = "newcomer@unlisted.example";
    public const string Engineer = "engineer@helpdesk.test";

    /// <summary>Files a ticket through the Core use case, as the page would, without the round trip.</summary>
    public static async Task<Ticket> FileTicketAsync(this HelpDeskAppFactory app, string email, string subject, string body = "It does not work.")
    {
        var (userId, organisationId) = await PersonAsync(app, email);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<FileTicket>().HandleAsync(new FileTicketRequest
        {
            RequesterId = userId,
            OrganisationId = organisationId,
            Channel = TicketChannel.Web,
            Subject = subject,
            Body = body,
        });
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    /// <summary>An engineer moves the ticket to <paramref name="status"/>, as the desk would.</summary>
    public static async Task<Ticket> ChangeStatusAsStaffAsync(this HelpDeskAppFactory app, int ticketId, TicketStatus status)
    {
        var engineerId = (await app.UserIdAsync(Engineer))!.Value;
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChangeTicketStatus>().HandleAsync(
            new ChangeTicketStatusRequest(TicketActor.Staff(engineerId), ticketId, status, null));
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    public static async Task<TicketRow?> TicketBySubjectAsync(this HelpDeskAppFactory app, string subject)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<TicketRow>(
            "SELECT Id, OrganisationId, RequesterId, Subject, Status, Severity, Product, ProductRelease, Environment, Category FROM Tickets WHERE Subject = @Subject",
            new { Subject = subject });
    }

    public static async Task<int> CountAsync(this HelpDeskAppFactory app, string table, int? ticketId = null)
    {
        await using var connection = await app.Connections.OpenAsync();
        var column = table == "Tickets" ? "Id" : "TicketId";
        var where = ticketId is null ? "" : $" WHERE {column} = @TicketId";
        return await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table}{where}", new { TicketId = ticketId });
    }

    public static async Task<IReadOnlyList<AttachmentRow>> AttachmentsOfAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<AttachmentRow>(
            "SELECT FileName, ContentType, SizeBytes FROM TicketAttachments WHERE TicketId = @TicketId ORDER BY Id", new { TicketId = ticketId });
        return rows.AsList();
    }

    public static async Task<IReadOnlyList<OutboxRow>> OutboxOfTicketAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<OutboxRow>(
            "SELECT Kind, ToAddress, Subject, TextBody, HtmlBody FROM OutboxMessages WHERE TicketId = @TicketId ORDER BY Id", new { TicketId = ticketId });
        return rows.AsList();
    }

    /// <summary>The ticket numbers a list page links to, in the order shown.</summary>
    public static IReadOnlyList<string> TicketNumbersIn(string html) =>
        TicketLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The address of the list's Next link, or null on the last page.</summary>
    public static string? NextLinkIn(string html)
    {
        var link = NextLink().Match(html);
        return link.Success ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;
    }

    private static async Task<(int UserId, int OrganisationId)> PersonAsync(HelpDeskAppFactory app, string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        var person = await connection.QuerySingleAsync<(long Id, long OrganisationId)>(
            "SELECT Id, OrganisationId FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
        return ((int)person.Id, (int)person.OrganisationId);
    }

    [GeneratedRegex("href=\"/portal/tickets/(HD-\\d+)\"")]
    private static partial Regex TicketLink();

    [GeneratedRegex("<a(?=[^>]*rel=\"next\")[^>]*href=\"([^\"]+)\"")]
    private static partial Regex NextLink();
}

public sealed record TicketRow(long Id, long OrganisationId, long RequesterId, string Subject, string Status, long Severity, string? Product, string? ProductRelease, string? Environment, string? Category);

public sealed record AttachmentRow(string FileName, string ContentType, long SizeBytes);
