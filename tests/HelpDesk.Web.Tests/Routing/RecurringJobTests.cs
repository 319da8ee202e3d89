using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Routing;

public sealed class RecurringJobTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Theory]
    [InlineData("routing:pull-queues", "*/2 * * * *", "FillAllAsync")]
    [InlineData("sla:monitor", "* * * * *", "CheckAsync")]
    [InlineData("offers:expire", "*/15 * * * *", "RunAsync")]
    [InlineData("economics:rollup", "*/5 * * * *", "RunIncrementalAsync")]
    public async Task Job_IsRegisteredOnItsSchedule_AndRunsThroughTheContainer(string id, string cron, string method)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = connection.GetRecurringJobs().Should().ContainSingle(j => j.Id == id).Subject;

        job.Cron.Should().Be(cron);
        job.LoadException.Should().BeNull();
        job.Job.Method.Name.Should().Be(method);
        await RunAsync(job.Job);
    }

    /// <summary>Calls the job as a Hangfire worker would: its class from a fresh scope, its method with its arguments.</summary>
    private async Task RunAsync(Job job)
    {
        using var scope = app.Services.CreateScope();
        var instance = scope.ServiceProvider.GetRequiredService(job.Type);
        var result = job.Method.Invoke(instance, [.. job.Args]);
        await ((Task)result!);
    }
}
