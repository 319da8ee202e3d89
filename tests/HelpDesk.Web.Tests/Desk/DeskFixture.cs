using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Desk;

/// <summary>Tickets filed the way the portal files them, and what the desk saved, read from the database.</summary>
public static partial class DeskFixture
{
    public const string Customer = "customer@northwind.example";
    public const string Engineer = "engineer@helpdesk.test";
    public const string OtherEngineer = "kenji.sato@helpdesk.test";

    /// <summary>
    /// A language nobody at the demo's desk speaks today (Wei Chen, who does, is away): a ticket written in it waits
    /// unassigned in its queue, where a test can find it, while the demo's engineers have room for everything else.
    /// </summary>
    public const string NobodyInSpeaks = "zh";

    public static async Task<Ticket> FileAsync(
        this HelpDeskAppFactory app,
        string subject,
        Severity severity = Severity.Normal,
        string? product = null,
        string requester = Customer,
        string? language = null)
    {
        var (userId, organisationId) = await app.RequesterAsync(requester);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<FileTicket>().HandleAsync(new FileTicketRequest
        {
            RequesterId = userId,
            OrganisationId = organisationId,
            Channel = TicketChannel.Web,
            Subject = subject,
            Body = "It stopped working this morning.",
            Severity = (int)severity,
            Product = product,
            Language = language,
        });
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    /// <summary>A ticket that waits unassigned in its queue: see <see cref="NobodyInSpeaks"/>.</summary>
    public static async Task<Ticket> FileWaitingAsync(this HelpDeskAppFactory app, string subject, Severity severity = Severity.Normal, string? product = null)
    {
        var ticket = await app.FileAsync(subject, severity, product, language: NobodyInSpeaks);
        ticket.AssigneeId.Should().BeNull(ticket.Routing?.Summary);
        return ticket;
    }

    /// <summary>A change made by someone else, straight through the use case, as another engineer's browser would.</summary>
    public static async Task AssignAsync(this HelpDeskAppFactory app, int ticketId, string assignee)
    {
        var assigneeId = (await app.UserIdAsync(assignee))!.Value;
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AssignTicket>()
            .HandleAsync(new AssignTicketRequest(TicketActor.Staff(assigneeId), ticketId, assigneeId, null));
        result.Succeeded.Should().BeTrue();
    }

    public static async Task<(int UserId, int OrganisationId)> RequesterAsync(this HelpDeskAppFactory app, string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(long, long)>(
            "SELECT Id, OrganisationId FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
        return ((int)row.Item1, (int)row.Item2);
    }

    public static async Task<TicketRow> TicketRowAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<TicketRow>(
            "SELECT Status, AssigneeId, FirstResponseUtc, Version FROM Tickets WHERE Id = @Id", new { Id = ticketId });
    }

    public static async Task<IReadOnlyList<MessageRow>> MessagesAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<MessageRow>(
            "SELECT Kind, AuthorId, BodyText FROM TicketMessages WHERE TicketId = @Id ORDER BY Id", new { Id = ticketId });
        return rows.AsList();
    }

    public static async Task<IReadOnlyList<AuditRow>> AuditAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<AuditRow>(
            "SELECT Field, OldValue, NewValue, ActorId FROM TicketAudit WHERE TicketId = @Id ORDER BY Id", new { Id = ticketId });
        return rows.AsList();
    }

    public static async Task<IReadOnlyList<TimeRow>> TimeAsync(this HelpDeskAppFactory app, int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<TimeRow>(
            "SELECT EngineerId, Minutes, WorkDate, Note, Billable FROM TimeEntries WHERE TicketId = @Id ORDER BY Id", new { Id = ticketId });
        return rows.AsList();
    }

    /// <summary>The ticket numbers a list page shows, in order.</summary>
    public static IReadOnlyList<int> TicketIdsOn(string html) =>
        TicketLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The "Next page" link of a list, as a browser would follow it; null on the last page.</summary>
    public static string? NextLinkOn(string html)
    {
        var match = NextLink().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The version a ticket page's forms carry.</summary>
    public static int VersionOn(string html) =>
        int.Parse(VersionField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<a href=\"/desk/tickets/HD-(\\d+)\">")]
    private static partial Regex TicketLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" class=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}

public sealed record TicketRow
{
    public string Status { get; init; } = "";
    public long? AssigneeId { get; init; }
    public string? FirstResponseUtc { get; init; }
    public long Version { get; init; }
}

public sealed record MessageRow
{
    public string Kind { get; init; } = "";
    public long? AuthorId { get; init; }
    public string BodyText { get; init; } = "";
}

public sealed record AuditRow
{
    public string Field { get; init; } = "";
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public long? ActorId { get; init; }
}

public sealed record TimeRow
{
    public long EngineerId { get; init; }
    public long Minutes { get; init; }
    public string WorkDate { get; init; } = "";
    public string Note { get; init; } = "";
    public bool Billable { get; init; }
}
