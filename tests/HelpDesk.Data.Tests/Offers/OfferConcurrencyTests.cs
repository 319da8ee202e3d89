using HelpDesk.Core.Common;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Offers;

/// <summary>
/// The requester accepts and a colleague with the right to buy declines the same offer at the same instant, each on
/// its own thread and connections, over many offers: every offer ends either accepted with its one acceptance and
/// revenue line, or declined with neither, and exactly one of the two answers succeeds.
/// </summary>
public abstract class OfferConcurrencyTests : ProviderTestBase
{
    private const int Offers = 12;

    [SkippableFact]
    public async Task AcceptAndDeclineAtOnce_ExactlyOneWins()
    {
        var world = await OfferWorld.CreateAsync(Connections);
        var entry = await world.OfferingAsync(OfferingKind.Service, "backport");
        var ticket = await world.TicketAsync(Verdict.OutOfScope);
        var offers = new List<Offer>();
        for (var i = 0; i < Offers; i++)
        {
            offers.Add(await world.OfferAsync(ticket, entry));
        }

        foreach (var offer in offers)
        {
            using var start = new Barrier(2);
            var accept = Run(start, () => world.Accept.HandleAsync(world.Acceptance(offer.Id, world.Requester)));
            var decline = Run(start, () => world.Decline.HandleAsync(new DeclineOfferRequest(world.Customer(world.Buyer), offer.Id, "Too dear.")));
            var (accepted, declined) = (await accept, await decline);

            (accepted.Succeeded ^ declined.Succeeded).Should().BeTrue($"exactly one answer to {offer.Number} wins");
            var loser = accepted.Succeeded ? declined.Errors : accepted.Errors;
            loser.Should().ContainSingle().Which.Message.Should().Contain(accepted.Succeeded ? "was already accepted" : "was declined");
            var stored = await world.Offers.GetAsync(offer.Id);
            stored!.Status.Should().Be(accepted.Succeeded ? OfferStatus.Accepted : OfferStatus.Declined);
            stored.Version.Should().Be(2);
            (await world.ScalarAsync<int>("SELECT COUNT(*) FROM OfferAcceptances WHERE OfferId = @Id", new { offer.Id })).Should().Be(accepted.Succeeded ? 1 : 0);
            (await world.ScalarAsync<int>("SELECT COUNT(*) FROM ServicesRevenue WHERE OfferId = @Id", new { offer.Id })).Should().Be(accepted.Succeeded ? 1 : 0);
            (await world.ScalarAsync<int>("SELECT COUNT(*) FROM ServicesEngagements WHERE OfferId = @Id", new { offer.Id })).Should().Be(accepted.Succeeded ? 1 : 0);
        }
    }

    // Each answer on a thread of its own, let go together: SQLite's driver runs "async" calls synchronously.
    private static Task<Result<T>> Run<T>(Barrier start, Func<Task<Result<T>>> answer) =>
        Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                return await answer();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
}

public sealed class SqliteOfferConcurrencyTests : OfferConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerOfferConcurrencyTests : OfferConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
