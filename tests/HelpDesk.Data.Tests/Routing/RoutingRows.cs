using Dapper;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Routing;

/// <summary>Inserts the organisations, engineers, products and tickets that the routing tests refer to.</summary>
internal static class RoutingRows
{
    public static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    public static async Task<int> OrganisationAsync(IDbConnectionFactory connections, string name, CustomerSegment segment)
    {
        await using var connection = await connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            connections.Dialect.InsertReturningId("INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, 'Emea', @Segment, @Now, 1)"),
            new { Name = name, Segment = segment.ToString(), Now });
    }

    public static async Task<int> UserAsync(IDbConnectionFactory connections, string name, int? organisationId = null)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@helpdesk.test";
        await using var connection = await connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(connections.Dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@Email, @Normal, @Email, @Normal, 1, @Name, 'x', @Org, @Now)
            """), new { Email = email, Normal = email.ToUpperInvariant(), Name = name, Org = organisationId, Now });
    }

    public static async Task<Product> ProductAsync(IDbConnectionFactory connections, string code) =>
        await new ScopeStore(connections).CreateProductAsync(new Product { Code = code, Name = code.ToUpperInvariant() })
        ?? throw new InvalidOperationException($"product {code}");

    /// <summary>A user with an engineer profile: tier 2, English, capacity 5, skilled in the given products at 4.</summary>
    public static async Task<EngineerProfile> EngineerAsync(IDbConnectionFactory connections, string name, params Product[] products)
    {
        var userId = await UserAsync(connections, name);
        return await new EngineerStore(connections).SaveAsync(
            new EngineerProfile
            {
                UserId = userId,
                Tier = 2,
                Skills = [.. products.Select(p => new EngineerSkill(p.Id, p.Code, null, 4))],
            },
            Now) ?? throw new InvalidOperationException($"engineer {name}");
    }

    public static Ticket Ticket(int organisationId, int requesterId, string subject = "Kernel panic on boot") => new()
    {
        OrganisationId = organisationId,
        RequesterId = requesterId,
        Subject = subject,
        Channel = TicketChannel.Web,
        Severity = Severity.Normal,
        Status = TicketStatus.New,
        CreatedUtc = Now,
        UpdatedUtc = Now,
    };

    /// <summary>An unassigned new ticket waiting in <paramref name="queue"/>, its first response due at <paramref name="dueUtc"/>.</summary>
    public static Ticket Waiting(int organisationId, int requesterId, string queue, Severity severity, DateTime createdUtc, DateTime? dueUtc) =>
        Ticket(organisationId, requesterId) with
        {
            Severity = severity,
            Queue = queue,
            FirstResponseDueUtc = dueUtc,
            CreatedUtc = createdUtc,
            UpdatedUtc = createdUtc,
        };

    public static Task<Ticket> CreateAsync(this TicketStore store, Ticket ticket) =>
        store.CreateAsync(new NewTicket(ticket, new NewMessage(ticket.RequesterId, MessageKind.Reply, MessageBody.FromPlainText("Help, please.")), _ => [], ticket.CreatedUtc));

    public static RoutingDecision Queued(string queue) => new()
    {
        Outcome = RoutingOutcome.Queued,
        Queue = queue,
        Mode = RoutingMode.CostFirst,
        ModeReason = "standard customer, normal severity",
        Summary = $"Queued in {queue}: nobody qualified is free",
        AtUtc = Now,
    };

    public static RoutingDecision Assigned(EngineerProfile engineer, string queue) => new()
    {
        Outcome = RoutingOutcome.Assigned,
        Trigger = RoutingTrigger.Pulled,
        AssigneeId = engineer.UserId,
        AssigneeName = engineer.Name,
        Queue = queue,
        Mode = RoutingMode.CostFirst,
        Considered = 1,
        Qualified = 1,
        Summary = $"Assigned to {engineer.Name} (pulled from {queue})",
        AtUtc = Now,
    };
}
