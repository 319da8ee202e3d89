using System.Collections.Concurrent;
using HelpDesk.Core.Offers;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>
/// Judging a ticket again after an incident pack is the ticket classification's work; here it only records the
/// call, so that accepting an offer can be exercised through the whole app.
/// </summary>
public static class OfferFakes
{
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<RecordingRejudging>();
        services.AddSingleton<ITicketRejudging>(provider => provider.GetRequiredService<RecordingRejudging>());
    }

    public sealed class RecordingRejudging : ITicketRejudging
    {
        public ConcurrentQueue<(int TicketId, int? ActorId, string Why)> Calls { get; } = new();

        public Task RejudgeAsync(int ticketId, int? actorId, string why, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue((ticketId, actorId, why));
            return Task.CompletedTask;
        }
    }
}
