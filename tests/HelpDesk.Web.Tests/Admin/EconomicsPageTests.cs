using System.Net;
using System.Text.Json;
using Dapper;
using Hangfire;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Admin;

/// <summary>
/// /admin/economics: the rebuild button queues one full rebuild (the tests' app runs no job server, so it stays
/// queued where the test can see it), and the page shows the rebuild's progress, the backlog and the watermark.
/// </summary>
public sealed class EconomicsPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task RebuildButton_QueuesOneRebuild_AndASecondPressSaysSoAndQueuesNothing()
    {
        var admin = await app.SignInAsync(Admin);
        (await admin.GetStringAsync("/admin")).Should().Contain("href=\"/admin/economics\"");

        var first = await admin.PostFormAsync("/admin/economics", new Dictionary<string, string>(), handler: "Rebuild");
        var afterFirst = await admin.GetStringAsync("/admin/economics");
        var second = await admin.PostFormAsync("/admin/economics", new Dictionary<string, string>(), handler: "Rebuild");
        var afterSecond = await admin.GetStringAsync("/admin/economics");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        afterFirst.Should().Contain("A full rebuild of the facts is queued.");
        afterSecond.Should().Contain("A full rebuild is already queued");
        QueuedRebuilds().Should().Be(1);
        afterSecond.Should().Contain("<noscript><meta http-equiv=\"refresh\"").And.Contain("/js/rebuild-progress.js");
    }

    [Fact]
    public async Task Page_ShowsAFinishedRebuild_TheBacklogAndTheWatermark()
    {
        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MetricsRollup>().RebuildAsync()).AlreadyRunning.Should().BeFalse();
        }

        await using var connection = await app.Connections.OpenAsync();
        var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Tickets");
        var backlog = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM EconomicsChanges");
        var admin = await app.SignInAsync(Admin);

        var html = await admin.GetStringAsync("/admin/economics");

        html.Should().Contain("<dd class=\"rebuild-state\">Finished");
        html.Should().Contain($"<span data-done>{total}</span> of <span data-total>{total}</span> (<span data-percent>100</span>%)");
        html.Should().Contain("<progress max=\"100\" value=\"100\"");
        html.Should().Contain($"<dd class=\"backlog\">{backlog}</dd>");
        html.Should().Contain("<dd class=\"watermark\">change ");
        html.Should().Contain("Readers are not blocked while a rebuild runs");
    }

    [Fact]
    public async Task Page_ShowsARunningRebuildsProgress_AsHtmlAndJson_AndRefusesASecondOne()
    {
        await using var connection = await app.Connections.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO EconomicsRebuilds (State, Done, Total, StartedUtc) VALUES ('Running', 250, 1000, @Now); SELECT last_insert_rowid();",
            new { Now = DateTime.UtcNow });
        await connection.ExecuteAsync("UPDATE JobLeases SET Owner = 'another node', ExpiresUtc = @Until WHERE Name = @Name",
            new { Until = DateTime.UtcNow.AddMinutes(10), Name = MetricsRollup.LeaseName });
        try
        {
            var admin = await app.SignInAsync(Admin);
            var queuedBefore = QueuedRebuilds();

            var html = await admin.GetStringAsync("/admin/economics");
            using var json = JsonDocument.Parse(await admin.GetStringAsync("/admin/economics?handler=Progress"));
            var pressed = await admin.PostFormAsync("/admin/economics", new Dictionary<string, string>(), handler: "Rebuild");
            var after = await admin.GetStringAsync("/admin/economics");

            html.Should().Contain("<dd class=\"rebuild-state\">Running");
            html.Should().Contain("<span data-done>250</span> of <span data-total>1000</span> (<span data-percent>25</span>%)");
            html.Should().Contain("<progress max=\"100\" value=\"25\"");
            html.Should().Contain("<noscript><meta http-equiv=\"refresh\"");
            json.RootElement.GetProperty("running").GetBoolean().Should().BeTrue();
            json.RootElement.GetProperty("percent").GetInt32().Should().Be(25);
            json.RootElement.GetProperty("done").GetInt32().Should().Be(250);
            pressed.StatusCode.Should().Be(HttpStatusCode.Redirect);
            after.Should().Contain("A full rebuild is already running (250 of 1000 tickets");
            QueuedRebuilds().Should().Be(queuedBefore, "nothing is queued while a rebuild runs");
        }
        finally
        {
            await connection.ExecuteAsync("DELETE FROM EconomicsRebuilds WHERE Id = @Id", new { Id = id });
            await connection.ExecuteAsync("UPDATE JobLeases SET Owner = '', ExpiresUtc = @Past WHERE Name = @Name",
                new { Past = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), Name = MetricsRollup.LeaseName });
        }
    }

    private int QueuedRebuilds() =>
        app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Count(j => j.Value?.Job?.Type == typeof(MetricsRollup) && j.Value.Job.Method.Name == nameof(MetricsRollup.RebuildWhenFreeAsync));
}
