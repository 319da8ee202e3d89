using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Demo;

internal static partial class DemoOffers
{
    /// <summary>
    /// Tells an offering's stories on its tickets: the settled ones (accepted, declined, withdrawn, expired) spread over
    /// the older tickets so they fall in different months, the open ones on the newest. A ticket the offering does not
    /// fit after all (the offer is refused) is left out.
    /// </summary>
    private static async Task<int> TellAsync(Cast cast, OfferingVersion version, IReadOnlyList<Ticket> candidates, Story[] stories, int engineerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var settled = candidates.Where(t => !cast.Offered.Contains(t.Id) && t.CreatedUtc < nowUtc.AddDays(-SettledDays)).ToList();
        // At least a day old, so that the offer made a few hours after the ticket is not in the future.
        var recent = candidates.Where(t => !cast.Offered.Contains(t.Id) && t.CreatedUtc > nowUtc.AddDays(-RecentDays) && t.CreatedUtc < nowUtc.AddDays(-1)).ToList();
        var past = stories.Where(s => s.Outcome != Outcome.Open).ToList();
        var made = 0;
        for (var i = 0; i < past.Count && i < settled.Count; i++)
        {
            made += await MakeAsync(cast, version, settled[i * settled.Count / past.Count], past[i], engineerId, cancellationToken) ? 1 : 0;
        }

        foreach (var story in stories.Where(s => s.Outcome == Outcome.Open))
        {
            if (recent.LastOrDefault(t => !cast.Offered.Contains(t.Id)) is { } ticket)
            {
                made += await MakeAsync(cast, version, ticket, story, engineerId, cancellationToken) ? 1 : 0;
            }
        }

        return made;
    }

    private static async Task<bool> MakeAsync(Cast cast, OfferingVersion version, Ticket ticket, Story story, int engineerId, CancellationToken cancellationToken)
    {
        cast.Clock.Now = ticket.CreatedUtc.AddHours(3);
        var engineer = TicketActor.Staff(ticket.AssigneeId ?? engineerId);
        var used = OfferTerms.Blanks(version.TermsMarkdown);
        var typed = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["description"] = ticket.Subject + ".",
            ["thirdParty"] = "AVEVA PI Server",
        };
        var made = await cast.Make.HandleAsync(
            new MakeOfferRequest(engineer, ticket.Id, version.Id)
            {
                Size = story.Size,
                Blanks = typed.Where(b => used.Contains(b.Key)).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal),
            },
            cancellationToken);
        if (!made.Succeeded)
        {
            return false;
        }

        cast.Offered.Add(ticket.Id);
        var offer = made.Value!;
        var customer = TicketActor.Customer(ticket.RequesterId, ticket.OrganisationId);
        switch (story.Outcome)
        {
            case Outcome.Accept:
                cast.Clock.Advance(TimeSpan.FromHours(40));
                var name = (await cast.People.FindAsync(ticket.RequesterId, cancellationToken))?.Name ?? "Demo Customer";
                Check(await cast.Accept.HandleAsync(new AcceptOfferRequest(customer, offer.Id, name, "203.0.113.24", "Mozilla/5.0 (X11; Linux x86_64) HelpDesk demo"), cancellationToken));
                break;
            case Outcome.Decline:
                cast.Clock.Advance(TimeSpan.FromHours(30));
                Check(await cast.Decline.HandleAsync(new DeclineOfferRequest(customer, offer.Id, story.Words), cancellationToken));
                break;
            case Outcome.Withdraw:
                cast.Clock.Advance(TimeSpan.FromDays(4));
                Check(await cast.Withdraw.HandleAsync(new WithdrawOfferRequest(engineer, offer.Id, story.Words), cancellationToken));
                break;
        }

        return true;
    }

    /// <summary>The offer use cases on the real stores, with the demo's clock.</summary>
    private sealed class Cast
    {
        public Cast(IServiceProvider services, DemoClock clock)
        {
            Clock = clock;
            var tickets = services.GetRequiredService<ITicketStore>();
            var offerings = services.GetRequiredService<IOfferingStore>();
            var offers = services.GetRequiredService<IOfferStore>();
            var contracts = services.GetRequiredService<IContractStore>();
            var organisations = services.GetRequiredService<IOrganisationStore>();
            var rights = services.GetRequiredService<IBuyingRights>();
            People = services.GetRequiredService<IPeopleDirectory>();
            Make = new MakeOffer(tickets, offerings, offers, contracts, services.GetRequiredService<IScopeStore>(), organisations, People, services.GetRequiredService<OfferSettings>(), services.GetRequiredService<PublicSite>(), clock);
            Accept = new AcceptOffer(offers, offerings, tickets, contracts, organisations, rights, People, new NoRejudging(), services.GetRequiredService<PublicSite>(), clock);
            Decline = new DeclineOffer(offers, tickets, organisations, rights, People, clock);
            Withdraw = new WithdrawOffer(offers, tickets, People, clock);
            Expiry = new OfferExpiry(offers, tickets, People, clock);
            Quote = new RequestQuote(offers, tickets, clock);
        }

        public DemoClock Clock { get; }

        public IPeopleDirectory People { get; }

        public MakeOffer Make { get; }

        public AcceptOffer Accept { get; }

        public DeclineOffer Decline { get; }

        public WithdrawOffer Withdraw { get; }

        public OfferExpiry Expiry { get; }

        public RequestQuote Quote { get; }

        /// <summary>The tickets that already have a demo offer.</summary>
        public HashSet<int> Offered { get; } = [];
    }

    /// <summary>The demo accepts no incident pack, so no ticket is judged again.</summary>
    private sealed class NoRejudging : ITicketRejudging
    {
        public Task RejudgeAsync(int ticketId, int? actorId, string why, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The demo accepts no incident pack, so it judges no ticket again.");
    }
}
