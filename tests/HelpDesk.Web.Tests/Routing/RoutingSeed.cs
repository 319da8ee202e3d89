using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Manage;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>
/// What a routing test needs, with names no other test uses: a product of its own that Northwind (strategic) and
/// Tailspin (self-service) have contracts for, and new engineers with profiles saved through the use case, as the
/// manage page saves them. Engineers and tickets of one test never meet another test's: each routes on its own product.
/// </summary>
public sealed record RoutingSeed(Product Product, Plan Plan)
{
    public const string Northwind = "customer@northwind.example";
    public const string Tailspin = "customer@tailspin.example";
    public const string Contoso = "customer@contoso.example";
    public const string Manager = "manager@helpdesk.test";
    public const string Engineer = "engineer@helpdesk.test";

    public string Code => Product.Code;

    /// <summary>The product's tier-1 skill queue, where its tickets wait.</summary>
    public string Queue(int tier = 1) => new SkillQueue(Product.Code, tier).Name;

    public static async Task<RoutingSeed> WriteAsync(HelpDeskAppFactory app)
    {
        var product = await app.ProductAsync("Routing");
        var plan = await app.PlanAsync(allowance: null);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var organisation in new[] { "Northwind Traders", "Tailspin Toys" })
        {
            await app.ContractAsync(await app.OrganisationIdAsync(organisation), plan, product, today.AddDays(-30), today.AddDays(300));
        }

        return new RoutingSeed(product, plan);
    }
}

/// <summary>An engineer made for one test: their account and the profile the router sees.</summary>
public sealed record TestEngineer(int Id, string Name, string Email);

public static class RoutingSeedExtensions
{
    /// <summary>A new engineer account (signed-in with the usual test password), without a routing profile.</summary>
    public static async Task<TestEngineer> StaffAsync(this HelpDeskAppFactory app, string name, string role = Roles.Engineer)
    {
        var email = $"{ManageSeed.Unique(name.Split(' ')[0].ToLowerInvariant())}@helpdesk.test";
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<HelpDeskUserManager>();
        var user = new HelpDeskUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, CreatedUtc = DateTime.UtcNow };
        (await users.CreateAsync(user, HelpDeskAppFactory.Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return new TestEngineer(user.Id, name, email);
    }

    /// <summary>A new engineer with a profile knowing <paramref name="seed"/>'s product at <paramref name="proficiency"/>.</summary>
    public static async Task<TestEngineer> EngineerAsync(
        this HelpDeskAppFactory app,
        RoutingSeed seed,
        string name,
        int proficiency,
        int tier = 1,
        int capacity = 5,
        string? hourly = "60.00",
        string? supplier = null,
        string? pricePerCase = null,
        IReadOnlyList<string>? languages = null)
    {
        var engineer = await app.StaffAsync(name);
        using var scope = app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<SaveEngineerProfile>().HandleAsync(new EngineerProfileInput
        {
            UserId = engineer.Id,
            Tier = tier,
            Sourcing = supplier is null ? "InHouse" : "Supplier",
            Supplier = supplier,
            PricePerCase = pricePerCase,
            Skills = [new EngineerSkillInput(seed.Code, null, proficiency)],
            Languages = languages ?? ["en"],
            Capacity = capacity,
            Available = true,
        });
        saved.Succeeded.Should().BeTrue(string.Join(" ", saved.Errors.Select(e => e.Message)));
        if (hourly is not null && supplier is null)
        {
            var rate = await scope.ServiceProvider.GetRequiredService<AddCostRate>().HandleAsync(engineer.Id, DateOnly.FromDateTime(DateTime.UtcNow), hourly, null);
            rate.Succeeded.Should().BeTrue(string.Join(" ", rate.Errors.Select(e => e.Message)));
        }

        return engineer;
    }

    public static async Task SetAvailableAsync(this HelpDeskAppFactory app, int engineerId, bool available)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SetEngineerAvailability>().HandleAsync(engineerId, available, null);
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>Files a ticket on the seed's product as the customer would on the portal, through the one intake use case.</summary>
    public static async Task<Ticket> FileAsync(
        this HelpDeskAppFactory app, RoutingSeed seed, string customer, string subject, Severity severity = Severity.Normal, string language = "en")
    {
        var (userId, organisationId) = await app.CustomerAsync(customer);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<FileTicket>().HandleAsync(new FileTicketRequest
        {
            RequesterId = userId,
            OrganisationId = organisationId,
            Channel = TicketChannel.Web,
            Subject = subject,
            Body = "It stopped working this morning.",
            Severity = (int)severity,
            Product = seed.Code,
            Category = RequestCategories.Problem,
            Language = language,
        });
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    public static async Task<Ticket> TicketAsync(this HelpDeskAppFactory app, int ticketId)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ITicketStore>().GetAsync(ticketId, TicketScope.Staff))!;
    }

    /// <summary>Resolves a ticket as its engineer would, which frees their capacity.</summary>
    public static async Task ResolveAsync(this HelpDeskAppFactory app, int ticketId, int engineerId)
    {
        var ticket = await app.TicketAsync(ticketId);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChangeTicketStatus>()
            .HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(engineerId), ticketId, TicketStatus.Resolved, ticket.Version));
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    public static async Task<(int UserId, int OrganisationId)> CustomerAsync(this HelpDeskAppFactory app, string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(long, long)>(
            "SELECT Id, OrganisationId FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
        return ((int)row.Item1, (int)row.Item2);
    }

    /// <summary>Writes an SLA state as the monitor would have, without waiting for the clock to run down.</summary>
    public static async Task SetSlaStateAsync(this HelpDeskAppFactory app, int ticketId, string state)
    {
        await using var connection = await app.Connections.OpenAsync();
        await connection.ExecuteAsync("UPDATE Tickets SET SlaState = @State WHERE Id = @Id", new { State = state, Id = ticketId });
    }

    /// <summary>The audit entries of one field of a ticket, oldest first, as (old, new).</summary>
    public static async Task<IReadOnlyList<(string? Old, string? New)>> AuditOfAsync(this HelpDeskAppFactory app, int ticketId, string field)
    {
        await using var connection = await app.Connections.OpenAsync();
        var rows = await connection.QueryAsync<(string?, string?)>(
            "SELECT OldValue, NewValue FROM TicketAudit WHERE TicketId = @Id AND Field = @Field ORDER BY Id", new { Id = ticketId, Field = field });
        return rows.AsList();
    }
}
