using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Demo;

public sealed class DemoSlaTests
{
    [Fact]
    public async Task FirstMonitorRun_AfterAFreshStart_MailsNobodyAboutTheDemoHistory()
    {
        // The app of this test alone, seeded as it starts (not copied from the shared demo template, which may be
        // minutes old on a busy machine, so tickets due since would rightly be at risk): the monitor runs as of the
        // moment the app started, before which every demo ticket was filed. Anything it found due then would be an old
        // breach mailed as news.
        using var app = new FreshlySeededApp();
        var startedAt = DateTime.UtcNow;
        app.CreateAnonymousClient().Dispose();

        var monitor = app.SlaMonitor(new FakeTimeProvider(startedAt));

        var result = await monitor.CheckAsync();

        result.Should().Be(new SlaMonitorResult(0, 0, 0, 0));
        await using var connection = await app.Connections.OpenAsync();
        var unsent = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM OutboxMessages WHERE Kind IN @Kinds AND SentUtc IS NULL",
            new { Kinds = new[] { TicketMail.SlaAtRiskNotice, TicketMail.SlaBreachedNotice } });
        unsent.Should().Be(0);
        var breached = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE SlaState = 'Breached'");
        breached.Should().BePositive("the demo's old breaches are recorded on its tickets, as the monitor would have marked them");
        var overdueChecks = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE SlaCheckUtc < @At", new { At = startedAt });
        overdueChecks.Should().Be(0);
    }

    /// <summary>The demo seeded by this app's own start-up.</summary>
    private sealed class FreshlySeededApp() : HelpDeskAppFactory(new Dictionary<string, string?>(), useTemplate: false);
}
