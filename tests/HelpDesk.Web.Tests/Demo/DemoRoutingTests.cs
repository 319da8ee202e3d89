using HelpDesk.Core.Routing;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Demo;

/// <summary>The demo's desk as a buyer first sees it: engineers with room for a new ticket, and queues that still wait.</summary>
public sealed class DemoRoutingTests(HelpDeskAppFactory app, ITestOutputHelper output) : IClassFixture<HelpDeskAppFactory>
{
    [Theory]
    [InlineData("customer@northwind.example", "Keel RTOS", Severity.Normal)]
    [InlineData("customer@northwind.example", "Mooring", Severity.High)]
    [InlineData("customer@northwind.example", "Sextant", Severity.Normal)]
    [InlineData("customer@adatum.example", "Keel RTOS", Severity.High)]
    [InlineData("customer@adatum.example", "Sextant", Severity.High)]
    public async Task NewTicketFromAStrategicCustomer_IsAssignedToAnEngineer(string customer, string product, Severity severity)
    {
        var ticket = await app.FileAsync($"Trying the demo: {product} stopped", severity, product: product, requester: customer);

        output.WriteLine(ticket.Routing?.Summary);
        ticket.AssigneeId.Should().NotBeNull(ticket.Routing?.Summary);
        ticket.Routing!.Outcome.Should().Be(RoutingOutcome.Assigned);
    }

    [Fact]
    public async Task SomeSkillQueueStillHasWaitingTickets()
    {
        using var scope = app.Services.CreateScope();
        var depths = await scope.ServiceProvider.GetRequiredService<IRoutingStore>().ListQueueDepthsAsync();
        foreach (var depth in depths)
        {
            output.WriteLine($"{depth.Queue}: {depth.Waiting}");
        }

        depths.Should().Contain(d => d.Waiting > 0, "the demo shows what a queue looks like");
        await using var connection = await app.Connections.OpenAsync();
        var why = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT Routing FROM Tickets WHERE Queue IS NOT NULL AND Language = 'zh'");
        why.Should().NotBeEmpty().And.OnlyContain(r => r.Contains("1 away", StringComparison.Ordinal), "Wei Chen, who speaks Chinese, is away");
    }
}
