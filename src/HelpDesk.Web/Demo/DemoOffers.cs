using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo's services: the catalogue of <see cref="DemoOfferings"/>, published before the ticket history begins, and
/// offers on demo tickets that fall outside their cover in every state — sent and still open, accepted (with the
/// acceptance record, revenue and an engagement), declined with a reason, expired and withdrawn — plus an open quote
/// request, so the pipeline has real shapes. Everything goes through the offer use cases with the clock set to when it
/// would have happened. Only services are accepted: accepting an incident pack judges its ticket again and a plan
/// opens a pending contract, which the demo's contracts do not expect. Seeded when the catalogue is empty, so an
/// installation seeded before the catalogue existed gets it on its next start.
/// </summary>
internal static partial class DemoOffers
{
    private enum Outcome
    {
        Open,
        Accept,
        Decline,
        Withdraw,
        Expire,
    }

    /// <param name="Words">The customer's decline reason, or the engineer's reason for withdrawing.</param>
    /// <param name="Size">The size of work priced by size.</param>
    private sealed record Story(Outcome Outcome, string? Words = null, OfferSize? Size = null);

    private const int RecentDays = 25;
    private const int SettledDays = 35;

    // Offering code → what becomes of its offers, oldest ticket first; an Open story takes a recent ticket.
    private static readonly (string Code, Story[] Stories)[] Script =
    [
        (DemoOfferings.Backport, [new(Outcome.Accept), new(Outcome.Decline, "We will move to the current release instead."), new(Outcome.Accept), new(Outcome.Open)]),
        (DemoOfferings.Customization, [new(Outcome.Accept, Size: OfferSize.Medium), new(Outcome.Expire, Size: OfferSize.Small), new(Outcome.Accept, Size: OfferSize.Small), new(Outcome.Open, Size: OfferSize.Large)]),
        (DemoOfferings.Port, [new(Outcome.Accept, Size: OfferSize.Small), new(Outcome.Decline, "Too expensive for this product line.", OfferSize.Medium)]),
        (DemoOfferings.Integration, [new(Outcome.Accept), new(Outcome.Withdraw, "Your PI Server licence does not include the Web API; we will make a new offer once it does.")]),
        (DemoOfferings.UnsupportedEnvironment, [new(Outcome.Decline, "We will move to a supported environment."), new(Outcome.Accept), new(Outcome.Expire), new(Outcome.Open)]),
        (DemoOfferings.Training, [new(Outcome.Accept), new(Outcome.Decline, "Too expensive for this product line.")]),
    ];

    /// <returns>How many offers were made (0 when the catalogue already had offerings).</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var offerings = services.GetRequiredService<IOfferingStore>();
        if ((await offerings.ListAsync(cancellationToken)).Count > 0
            || await FindAsync(services, DemoData.ManagerEmail) is not int managerId
            || await FindAsync(services, "engineer@helpdesk.test") is not int engineerId)
        {
            return 0;
        }

        var connections = services.GetRequiredService<IDbConnectionFactory>();
        long mailBefore;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            mailBefore = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(Id) FROM OutboxMessages", cancellationToken: cancellationToken)) ?? 0;
        }

        // The catalogue is published before the year of ticket history begins.
        var clock = new DemoClock(nowUtc.AddDays(-380));
        var catalogue = await PublishCatalogueAsync(services, clock, managerId, cancellationToken);
        var cast = new Cast(services, clock);
        var tickets = await OutsideCoverAsync(services, connections, cancellationToken);
        var made = 0;

        foreach (var (code, stories) in Script)
        {
            var candidates = tickets.Where(t => OfferingFor(t) == code).ToList();
            made += await TellAsync(cast, catalogue[code], candidates, stories, engineerId, nowUtc, cancellationToken);
        }

        // An incident pack for a customer out of incidents, and plan offers for a customer whose contract ended and
        // one writing by a channel its plan lacks: none of them accepted.
        made += await TellAsync(cast, catalogue[DemoOfferings.IncidentPack], [.. tickets.Where(t => t.Verdict == Verdict.AllowanceUsed)], [new(Outcome.Decline, "We will wait for the renewal."), new(Outcome.Open)], engineerId, nowUtc, cancellationToken);
        made += await TellAsync(cast, catalogue[DemoOfferings.StandardPlan], [.. tickets.Where(t => t.Verdict == Verdict.Expired)], [new(Outcome.Expire), new(Outcome.Open)], engineerId, nowUtc, cancellationToken);
        made += await TellAsync(cast, catalogue[DemoOfferings.StandardPlan], [.. tickets.Where(t => t.Verdict == Verdict.ChannelNotIncluded)], [new(Outcome.Decline, "Our budget is frozen until the next fiscal year.")], engineerId, nowUtc, cancellationToken);

        // A request nothing in the catalogue fits, waiting for the managers.
        if (tickets.Where(t => t.Verdict == Verdict.OutOfScope && !cast.Offered.Contains(t.Id) && t.CreatedUtc < nowUtc.AddDays(-1)).MaxBy(t => t.CreatedUtc) is { } unquoted)
        {
            clock.Now = unquoted.CreatedUtc.AddHours(2);
            Check(await cast.Quote.HandleAsync(new RequestQuoteRequest(
                TicketActor.Staff(unquoted.AssigneeId ?? engineerId),
                unquoted.Id,
                "The customer needs more than the catalogue offers here; please size it with the product team and send a quote."),
                cancellationToken));
        }

        // Offers nobody answered in time expire as the job would have marked them.
        clock.Now = nowUtc;
        await cast.Expiry.RunAsync(cancellationToken);

        // Nobody waits for the mail of this made-up history.
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE OutboxMessages SET Status = 'Sent', SentUtc = @NowUtc WHERE SentUtc IS NULL AND Id > @Before",
                new { NowUtc = nowUtc, Before = mailBefore },
                cancellationToken: cancellationToken));
        }

        return made;
    }

    private static async Task<int?> FindAsync(IServiceProvider services, string email)
    {
        var user = await services.GetRequiredService<Accounts.HelpDeskUserManager>().FindByEmailAsync(email);
        return user?.Id;
    }

    private static async Task<Dictionary<string, OfferingVersion>> PublishCatalogueAsync(IServiceProvider services, DemoClock clock, int managerId, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IOfferingStore>();
        var contracts = services.GetRequiredService<IContractStore>();
        var scope = services.GetRequiredService<IScopeStore>();
        var save = new SaveOfferingDraft(store, contracts, scope, clock);
        var publish = new PublishOffering(store, contracts, scope, clock);
        var plans = (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Code, StringComparer.Ordinal);
        var published = new Dictionary<string, OfferingVersion>(StringComparer.Ordinal);
        foreach (var (draft, planCode) in DemoOfferings.All)
        {
            var request = planCode is null ? draft : draft with { PlanId = plans[planCode].Id };
            var saved = Check(await save.HandleAsync(request, cancellationToken));
            clock.Advance(TimeSpan.FromMinutes(20));
            published[draft.Code!] = Check(await publish.HandleAsync(new PublishOfferingRequest(saved.OfferingId, saved.Version, managerId), cancellationToken));
        }

        return published;
    }

    // Every demo ticket that falls outside its cover, oldest first.
    private static async Task<List<Ticket>> OutsideCoverAsync(IServiceProvider services, IDbConnectionFactory connections, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ITicketStore>();
        List<int> ids;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            ids = (await connection.QueryAsync<int>(new CommandDefinition("SELECT Id FROM Tickets ORDER BY CreatedUtc, Id", cancellationToken: cancellationToken))).AsList();
        }

        var tickets = new List<Ticket>();
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, TicketScope.Staff, cancellationToken) is { Verdict: not (null or Verdict.Entitled) } ticket)
            {
                tickets.Add(ticket);
            }
        }

        return tickets;
    }

    // The service that answers an out-of-scope ticket: its category's, or assistance when its environment is the reason.
    private static string? OfferingFor(Ticket ticket)
    {
        if (ticket.Verdict != Verdict.OutOfScope)
        {
            return null;
        }

        return ticket.Category switch
        {
            RequestCategories.Backport => DemoOfferings.Backport,
            RequestCategories.Customization => DemoOfferings.Customization,
            RequestCategories.Port => DemoOfferings.Port,
            RequestCategories.ThirdPartyIntegration => DemoOfferings.Integration,
            RequestCategories.ConsultingTraining => DemoOfferings.Training,
            _ when ticket.Entitlement?.OutOfScopeCategories.Contains(RequestCategories.UnsupportedEnvironment) == true => DemoOfferings.UnsupportedEnvironment,
            _ => null,
        };
    }

    // A refused step means the demo story broke a rule: a bug in the seed, not something to skip.
    private static T Check<T>(Result<T> result) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"A demo offer step was refused: {string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
}
