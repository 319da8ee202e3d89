using System.Net;
using System.Net.Http.Json;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Live;

/// <summary>
/// The app announces to the desk every ticket change it saves, whoever makes it and through whichever door: a new
/// ticket, a customer's reply through the API, an engineer's note on the desk page. A refused change announces nothing.
/// </summary>
public sealed class TicketChangeNoticeTests(TicketChangeNoticeTests.RecordingApp app) : IClassFixture<TicketChangeNoticeTests.RecordingApp>
{
    [Fact]
    public async Task CustomersReplyThroughTheApi_IsAnnounced_WithTheCustomerAsTheOneWhoChangedIt()
    {
        var ticket = await app.FileAsync("Announce my reply");
        var (customerId, _) = await app.RequesterAsync(DeskFixture.Customer);
        var script = await app.SignInWithTokenAsync(DeskFixture.Customer);

        using var response = await script.PostAsJsonAsync($"/api/tickets/{ticket.Number}/messages", new { body = "Still broken after the restart." });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Recorder.Of(ticket.Id).Should().Equal(new TicketChanged(ticket.Id, customerId), new TicketChanged(ticket.Id, customerId));
    }

    [Fact]
    public async Task StaleStatusChange_AnnouncesNothing()
    {
        var ticket = await app.FileAsync("Announce nothing stale");
        var script = await app.SignInWithTokenAsync(DeskFixture.Engineer);
        var before = app.Recorder.Of(ticket.Id).Count;

        using var response = await script.PostAsJsonAsync($"/api/tickets/{ticket.Number}/status", new { status = "OnHold", version = ticket.Version + 5 });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        app.Recorder.Of(ticket.Id).Should().HaveCount(before);
    }

    public sealed class RecordingApp : HelpDeskAppFactory
    {
        public Recording Recorder { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ITicketChangeNotifier>(Recorder));
        }
    }

    public sealed class Recording : ITicketChangeNotifier
    {
        private readonly List<TicketChanged> _changes = [];

        public IReadOnlyList<TicketChanged> Of(int ticketId)
        {
            lock (_changes)
            {
                return [.. _changes.Where(c => c.TicketId == ticketId)];
            }
        }

        public Task TicketChangedAsync(TicketChanged change, CancellationToken cancellationToken = default)
        {
            lock (_changes)
            {
                _changes.Add(change);
            }

            return Task.CompletedTask;
        }
    }
}
