using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Web.Demo;

/// <summary>
/// A year of demo ticket history: tickets in every status, conversations with internal notes, time and
/// ratings, with the shapes a support P&amp;L shows — busy and quiet months, one product that takes twice the work of the
/// others, one customer that costs more than it pays, and satisfaction that tells who renews. Every step goes through the real use cases with a clock set to when the step would have happened,
/// so the rows, the audit trail and the workflow rules are exactly what the app itself writes. The random
/// choices come from <see cref="DemoData.RandomSeed"/>: the history is the same on every machine, relative
/// to the moment it is seeded.
/// </summary>
internal static class DemoTickets
{
    public const int Count = 480;

    private static readonly TimeSpan History = TimeSpan.FromDays(365);

    /// <summary>How busy each calendar month is, January first: releases in spring and autumn bring questions; summer and the year's end are quiet.</summary>
    private static readonly double[] Season = [1.0, 1.0, 1.3, 1.2, 1.0, 0.8, 0.6, 0.45, 1.1, 1.4, 1.2, 0.55];

    /// <summary>
    /// How long a product's tickets take to work, relative to the usual: Mooring, which integrates with each customer's
    /// own systems, takes about twice as long; Keel, the most mature, a little less.
    /// </summary>
    private static readonly Dictionary<string, double> Effort = new(StringComparer.Ordinal)
    {
        ["keel"] = 0.8,
        ["mooring"] = 2.4,
        ["sextant"] = 1.0,
    };

    /// <summary>How an organisation's people rate resolved tickets, 1 to 5: most are pleased; some are not, and do not renew.</summary>
    private static readonly int[] Pleased = [0, 1, 3, 18, 78];

    private static readonly Dictionary<string, int[]> Ratings = new(StringComparer.Ordinal)
    {
        ["tailspin.example"] = [5, 10, 25, 35, 25],
        ["wingtip.example"] = [20, 30, 30, 15, 5],
        ["litware.example"] = [20, 30, 30, 15, 5],
    };
    private static readonly TimeSpan CloseAfter = TimeSpan.FromDays(7);

    private enum StepKind
    {
        Assign,
        EngineerReply,
        CustomerReply,
        Note,
        LogTime,
        Rate,
        Close,
        Goodwill,
    }

    private sealed record Step(StepKind Kind, TimeSpan Delay, TicketStatus? Status = null);

    /// <summary>
    /// An organisation in the story: it files from the day its first contract started (<see cref="SinceDays"/> ago)
    /// until <see cref="UntilDays"/> ago, and rates resolved tickets with <see cref="RatingWeights"/>.
    /// </summary>
    private sealed record Cast(
        int OrganisationId, bool Strategic, int Share, IReadOnlyList<int> Customers, IReadOnlyList<string> Products, int[] ChannelWeights,
        int SinceDays, int UntilDays, int[] RatingWeights)
    {
        public bool Files(TimeSpan age) => age.TotalDays < SinceDays && age.TotalDays >= UntilDays;
    }

    /// <summary>How many of the tickets each organisation files, relative to the others.</summary>
    private static readonly Dictionary<string, int> Shares = new(StringComparer.Ordinal)
    {
        ["northwind.example"] = 33,
        ["contoso.example"] = 8,
        ["fabrikam.example"] = 8,
        ["tailspin.example"] = 26,
        ["adatum.example"] = 25,
        ["wingtip.example"] = 9,
        ["litware.example"] = 9,
    };

    // Fabrikam's engineers like email, which their Basic plan does not include.
    private static readonly int[] UsualChannelWeights = [6, 3, 1];
    private static readonly int[] EmailFirstWeights = [4, 5, 1];

    /// <summary>How likely a request is about the current release, the one before it, and so on.</summary>
    private static readonly int[] ReleaseWeights = [45, 28, 14, 7, 4, 2];

    /// <returns>How many tickets were seeded.</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, int> userIds, IReadOnlyDictionary<string, int> organisationIds, DateTime nowUtc)
    {
        var clock = new DemoClock(nowUtc);
        var store = services.GetRequiredService<ITicketStore>();
        var people = services.GetRequiredService<IPeopleDirectory>();
        var attachments = services.GetRequiredService<AttachmentPolicy>();
        // Intake judges every demo ticket as it would a real one: against the scope in force and the contracts on
        // the day it is filed, with the incidents the earlier demo tickets have used.
        var judge = new JudgeEntitlement(new CheckEntitlement(services.GetRequiredService<IEntitlementFactsSource>(), services.GetRequiredService<SlaSettings>()));

        // The real router sends each ticket to an engineer or a skill queue as intake would on that day, and a
        // resolution frees room that the engineer fills from the queues.
        var routing = services.GetRequiredService<IRoutingStore>();
        var routingSettings = services.GetRequiredService<RoutingSettings>();
        var route = new RouteTicket(routing, services.GetRequiredService<IOrganisationStore>(), routingSettings);
        var pull = new PullFromQueues(routing, services.GetRequiredService<IEngineerStore>(), routingSettings, clock);
        var calendars = services.GetRequiredService<ISlaCalendarSource>();
        var rerouting = new Rerouting(store, routing, services.GetRequiredService<IOrganisationStore>(), people, routingSettings, pull, clock);
        var story = new Story(
            new FileTicket(store, people, [judge, route], attachments, clock),
            new ReplyToTicket(store, people, attachments, clock, calendars, pull),
            new ChangeTicketStatus(store, people, clock, services.GetRequiredService<PublicSite>(), calendars, pull),
            new AssignTicket(store, people, rerouting, clock),
            new LogTime(store, clock),
            new RateTicket(store, clock),
            new OverrideEntitlement(store, clock),
            clock,
            new Random(DemoData.RandomSeed));

        var casts = DemoData.Organisations
            .Select(o => new Cast(
                organisationIds[o.Domain],
                o.Segment == CustomerSegment.Strategic,
                Shares[o.Domain],
                DemoData.People.Where(p => p.Role == Roles.Customer && p.OrganisationDomain == o.Domain).Select(p => userIds[p.Email]).ToList(),
                DemoContracts.ProductsAskedAbout[o.Domain],
                o.Domain == "fabrikam.example" ? EmailFirstWeights : UsualChannelWeights,
                DemoContracts.FirstStartDaysAgo(o.Domain),
                DemoContracts.LeftDaysAgo.GetValueOrDefault(o.Domain),
                Ratings.GetValueOrDefault(o.Domain) ?? Pleased))
            .ToList();
        // Who takes a queued ticket by hand: an engineer who knows the product.
        var engineers = DemoCatalogue.Products.ToDictionary(
            p => p.Name,
            p => (IReadOnlyList<int>)[.. DemoEngineers.Team.Where(e => e.Skills.Any(s => s.Product == p.Code)).Select(e => userIds[e.Email])],
            StringComparer.Ordinal);

        var ages = Enumerable.Range(0, Count)
            .Select(_ => Age(story.Random, nowUtc))
            .OrderByDescending(age => age)
            .ToList();
        foreach (var age in ages)
        {
            Cast[] filing = [.. casts.Where(c => c.Files(age))];
            var cast = story.Weighted(filing, [.. filing.Select(c => c.Share)]);
            var requester = cast.Customers[story.Random.Next(cast.Customers.Count)];
            await story.TellAsync(nowUtc, age, cast, requester, engineers);
        }

        await DemoTriage.SeedAsync(new FileTicket(store, people, [judge, route], attachments, clock), clock, userIds, organisationIds, nowUtc);

        // This morning's tickets from Northwind's Shanghai plant wait in their skill queues: they are written in
        // Chinese, and the one engineer who speaks it is away. The desk's queue tabs and the workload page show them.
        var northwind = casts.Single(c => c.OrganisationId == organisationIds["northwind.example"]);
        foreach (var waiting in DemoText.WaitingInChinese)
        {
            clock.Now = new DateTimeOffset(nowUtc.AddMinutes(-waiting.MinutesAgo));
            await story.FileWaitingAsync(northwind, northwind.Customers[0], waiting);
        }

        // The SLA monitor looks at the history once, as of now, as it would have while the history happened: the
        // at-risk and breached marks of weeks-old tickets are recorded with their audit lines, and the notices it
        // queues are old news, marked sent below with the rest. Left to the first run after start-up, they would
        // mail every engineer about tickets that breached weeks ago.
        clock.Now = new DateTimeOffset(nowUtc);
        var monitor = new SlaMonitor(
            store, routing, services.GetRequiredService<IOrganisationStore>(), people, routingSettings, services.GetRequiredService<SlaSettings>(), clock);
        var passes = 0;
        SlaMonitorResult checkedNow;
        do
        {
            checkedNow = await monitor.CheckAsync();
        }
        while (checkedNow.Checked > 0 && ++passes < 10);

        // The use cases queue acknowledgements and replies for this made-up history; nobody is waiting for
        // them, and left unsent they would sit in the outbox for ever (or go out once mail is configured).
        var connections = services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await connections.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE OutboxMessages SET Status = 'Sent', SentUtc = @NowUtc WHERE SentUtc IS NULL AND TicketId IS NOT NULL",
            new { NowUtc = nowUtc });
        return ages.Count + DemoTriage.Count;
    }

    // One ticket in seven falls in the last six weeks, more the more recent (squared uniform ages), where a desk has its
    // open work; the rest spread over the year, as busy as their month.
    private static TimeSpan Age(Random random, DateTime nowUtc)
    {
        var recent = TimeSpan.FromDays(42);
        if (random.NextDouble() < 0.15)
        {
            return TimeSpan.FromMinutes(Math.Max(20, recent.TotalMinutes * Math.Pow(random.NextDouble(), 2)));
        }

        var busiest = Season.Max();
        while (true)
        {
            var age = TimeSpan.FromMinutes(20 + (random.NextDouble() * (History.TotalMinutes - 20)));
            if (random.NextDouble() * busiest < Season[(nowUtc - age).Month - 1])
            {
                return age;
            }
        }
    }

    private sealed class Story(
        FileTicket file,
        ReplyToTicket reply,
        ChangeTicketStatus changeStatus,
        AssignTicket assign,
        LogTime logTime,
        RateTicket rate,
        OverrideEntitlement overrideVerdict,
        DemoClock clock,
        Random random)
    {
        public Random Random { get; } = random;

        /// <summary>How many more out-of-scope tickets an engineer takes on as goodwill.</summary>
        public int GoodwillLeft { get; private set; } = 3;

        public async Task TellAsync(DateTime nowUtc, TimeSpan age, Cast cast, int requesterId, Dictionary<string, IReadOnlyList<int>> engineers)
        {
            var organisationId = cast.OrganisationId;
            var target = Target(age);
            var steps = Plan(target, age, assigned: target is TicketStatus.Resolved or TicketStatus.Closed || Random.NextDouble() < 0.9);
            clock.Now = new DateTimeOffset(nowUtc - age);

            var product = DemoCatalogue.Find(Pick(cast.Products));
            var problems = DemoText.Problems.Where(p => p.Product == product.Code).ToArray();
            var problem = Weighted(problems, [.. problems.Select(DemoText.Weight)]);
            var ticket = Check(await file.HandleAsync(new FileTicketRequest
            {
                RequesterId = requesterId,
                OrganisationId = organisationId,
                Channel = Weighted([TicketChannel.Web, TicketChannel.Email, TicketChannel.Api], cast.ChannelWeights),
                Subject = problem.Subject,
                Body = problem.Body,
                Severity = Weighted([1, 2, 3, 4], [5, 20, 55, 20]),
                Product = product.Name,
                ProductRelease = Release(product, DateOnly.FromDateTime(nowUtc), DateOnly.FromDateTime(clock.Now.UtcDateTime), problem.Category == RequestCategories.Backport),
                Environment = DemoCatalogue.EnvironmentName(problem.Environment ?? Pick(product.CustomerEnvironments)),
                Category = problem.Category,
                ModifiedSource = problem.ModifiedSource,
            }));

            // Now and then an engineer does out-of-scope work for a strategic customer anyway, as goodwill. The
            // override comes straight after assignment, within the slack the story leaves before the present.
            var assignment = steps.FindIndex(s => s.Kind == StepKind.Assign);
            if (GoodwillLeft > 0 && cast.Strategic && ticket.Verdict == Verdict.OutOfScope && assignment >= 0 && age > TimeSpan.FromDays(10))
            {
                GoodwillLeft--;
                steps.Insert(assignment + 1, new(StepKind.Goodwill, TimeSpan.FromMinutes(4)));
            }

            // The router's choice works the ticket; a ticket left in its queue is taken by hand by someone who knows
            // the product, when the story has someone take it at all.
            var engineerId = ticket.AssigneeId ?? Pick(engineers[product.Name]);
            if (ticket.AssigneeId is not null)
            {
                steps.RemoveAll(s => s.Kind == StepKind.Assign);
            }

            var customer = TicketActor.Customer(requesterId, organisationId);
            var staff = TicketActor.Staff(engineerId);
            foreach (var step in steps)
            {
                clock.Advance(step.Delay);
                ticket = step.Kind switch
                {
                    StepKind.Assign => Check(await assign.HandleAsync(new AssignTicketRequest(staff, ticket.Id, engineerId, ticket.Version))),
                    StepKind.EngineerReply => Check(await reply.HandleAsync(new ReplyToTicketRequest
                    {
                        Actor = staff,
                        TicketId = ticket.Id,
                        Body = step.Status switch
                        {
                            TicketStatus.Resolved => Pick(DemoText.Resolutions),
                            TicketStatus.PendingCustomer => Pick(DemoText.Questions),
                            _ => Pick(DemoText.FirstReplies),
                        },
                        Status = step.Status,
                    })),
                    StepKind.CustomerReply => Check(await reply.HandleAsync(new ReplyToTicketRequest
                    {
                        Actor = customer,
                        TicketId = ticket.Id,
                        Body = ticket.Status == TicketStatus.Resolved ? Pick(DemoText.StillBroken) : Pick(DemoText.CustomerAnswers),
                    })),
                    StepKind.Note => Check(await reply.HandleAsync(new ReplyToTicketRequest
                    {
                        Actor = staff,
                        TicketId = ticket.Id,
                        Kind = MessageKind.Note,
                        Body = step.Status == TicketStatus.OnHold ? Pick(DemoText.OnHoldNotes) : Pick(DemoText.Notes),
                        Status = step.Status,
                    })),
                    StepKind.LogTime => await LogAsync(staff, ticket, Effort[product.Code]),
                    StepKind.Rate => await RateAsync(customer, ticket, cast.RatingWeights),
                    StepKind.Goodwill => Check(await overrideVerdict.HandleAsync(new OverrideEntitlementRequest(staff, ticket.Id, Verdict.Entitled, Pick(DemoText.GoodwillReasons), ticket.Version))),
                    StepKind.Close => Check(await changeStatus.HandleAsync(new ChangeTicketStatusRequest(TicketActor.System, ticket.Id, TicketStatus.Closed, ticket.Version))),
                    _ => throw new InvalidOperationException($"No demo step {step.Kind}."),
                };
            }
        }

        /// <summary>A ticket filed as it stands, with no story after it: it stays where the router put it.</summary>
        public async Task FileWaitingAsync(Cast cast, int requesterId, DemoText.WaitingTicket waiting)
        {
            var product = DemoCatalogue.Find(waiting.Product);
            Check(await file.HandleAsync(new FileTicketRequest
            {
                RequesterId = requesterId,
                OrganisationId = cast.OrganisationId,
                Channel = TicketChannel.Web,
                Subject = waiting.Subject,
                Body = waiting.Body,
                Severity = (int)Severity.Normal,
                Product = product.Name,
                ProductRelease = product.Releases.MinBy(r => r.ReleasedDaysAgo)!.Name,
                Environment = DemoCatalogue.EnvironmentName(product.CustomerEnvironments[0]),
                Category = RequestCategories.Problem,
                Language = waiting.Language,
            }));
        }

        private async Task<Ticket> LogAsync(TicketActor staff, Ticket ticket, double effort)
        {
            Check(await logTime.HandleAsync(new LogTimeRequest(
                staff, ticket.Id, (int)Math.Max(5, Math.Round(3 * Random.Next(1, 9) * effort) * 5), DateOnly.FromDateTime(clock.Now.UtcDateTime), Pick(DemoText.TimeNotes), Random.NextDouble() < 0.8)));
            return ticket;
        }

        private async Task<Ticket> RateAsync(TicketActor customer, Ticket ticket, int[] weights)
        {
            var score = Weighted([1, 2, 3, 4, 5], weights);
            var comment = Random.NextDouble() < 0.5 ? DemoText.RatingComments[score - 1] : null;
            Check(await rate.HandleAsync(new RateTicketRequest(customer, ticket.Id, score, comment)));
            return ticket;
        }

        // Which status the ticket ends in, by its age: recent tickets are still being worked on; a resolved
        // ticket older than a week would have been closed by the close-resolved job, so old ones end Closed. A few
        // old ones are still open (waiting on the customer, on hold): about fifty open tickets in all, which the
        // team's capacity holds with room to spare for the next ticket a customer files.
        private TicketStatus Target(TimeSpan age)
        {
            TicketStatus[] all = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold, TicketStatus.Resolved, TicketStatus.Closed];
            int[] weights = age.TotalDays switch
            {
                < 1 => [45, 35, 15, 5, 0, 0],
                < 7 => [4, 16, 12, 4, 64, 0],
                < 8 => [0, 40, 40, 20, 0, 0],
                < 30 => [0, 4, 4, 2, 0, 90],
                _ => [0, 0, 1, 1, 0, 198],
            };
            return Weighted(all, weights);
        }

        private List<Step> Plan(TicketStatus target, TimeSpan age, bool assigned)
        {
            var steps = new List<Step>();
            if (target == TicketStatus.New)
            {
                return steps;
            }

            if (assigned)
            {
                steps.Add(new(StepKind.Assign, Minutes(5, 180)));
            }

            // About a third of the requests that get resolved are answered by the first reply: a first-contact resolution.
            if (target is TicketStatus.Resolved or TicketStatus.Closed && assigned && Random.NextDouble() < 0.35)
            {
                steps.Add(new(StepKind.LogTime, Minutes(10, 240)));
                steps.Add(new(StepKind.EngineerReply, Minutes(10, 360), TicketStatus.Resolved));
                if (Random.NextDouble() < 0.75)
                {
                    steps.Add(new(StepKind.Rate, Minutes(30, 2880)));
                }

                return Squeezed(steps, target, age);
            }

            steps.Add(new(StepKind.EngineerReply, Minutes(10, 360)));
            if (Random.NextDouble() < 0.35)
            {
                steps.Add(new(StepKind.Note, Minutes(5, 120)));
            }

            for (var round = Random.Next(0, 3); round > 0; round--)
            {
                steps.Add(new(StepKind.EngineerReply, Minutes(60, 1440), TicketStatus.PendingCustomer));
                steps.Add(new(StepKind.CustomerReply, Minutes(120, 2880)));
            }

            if (assigned)
            {
                for (var entries = Random.Next(1, 4); entries > 0; entries--)
                {
                    steps.Add(new(StepKind.LogTime, Minutes(30, 1440)));
                }
            }

            switch (target)
            {
                case TicketStatus.PendingCustomer:
                    steps.Add(new(StepKind.EngineerReply, Minutes(30, 720), TicketStatus.PendingCustomer));
                    break;
                case TicketStatus.OnHold:
                    steps.Add(new(StepKind.Note, Minutes(30, 720), TicketStatus.OnHold));
                    break;
                case TicketStatus.Resolved or TicketStatus.Closed:
                    steps.Add(new(StepKind.EngineerReply, Minutes(30, 1440), TicketStatus.Resolved));
                    if (Random.NextDouble() < 0.1)
                    {
                        steps.Add(new(StepKind.CustomerReply, Minutes(120, 2880)));
                        steps.Add(new(StepKind.LogTime, Minutes(30, 600)));
                        steps.Add(new(StepKind.EngineerReply, Minutes(60, 1440), TicketStatus.Resolved));
                    }

                    if (Random.NextDouble() < 0.75)
                    {
                        steps.Add(new(StepKind.Rate, Minutes(30, 2880)));
                    }

                    break;
            }

            return Squeezed(steps, target, age);
        }

        // Squeezes the story into the ticket's age (leaving the week before closing, when it ends Closed).
        private List<Step> Squeezed(List<Step> steps, TicketStatus target, TimeSpan age)
        {
            var closeDelay = CloseAfter + Minutes(5, 240);
            var budget = age - (target == TicketStatus.Closed ? closeDelay : TimeSpan.Zero) - TimeSpan.FromMinutes(5);
            var total = steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Delay);
            var factor = total > budget ? Math.Max(0.001, budget / total) : 1;
            var scaled = steps.Select(step => step with { Delay = step.Delay * factor }).ToList();
            if (target == TicketStatus.Closed)
            {
                scaled.Add(new(StepKind.Close, closeDelay));
            }

            return scaled;
        }

        // The release a customer runs: mostly the current one or the one before, sometimes one that is no longer
        // supported. A backport is asked for on an older release by definition.
        private string Release(DemoCatalogue.DemoProduct product, DateOnly seededOn, DateOnly filedOn, bool older)
        {
            var released = product.Releases
                .Where(r => seededOn.AddDays(-r.ReleasedDaysAgo) <= filedOn)
                .OrderBy(r => r.ReleasedDaysAgo)
                .ToArray();
            var weights = released.Select((_, rank) => older && rank < 2 ? 0 : rank < ReleaseWeights.Length ? ReleaseWeights[rank] : 1).ToArray();
            return Weighted(released, weights).Name;
        }

        private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(Random.Next(min, max));

        private T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

        public T Weighted<T>(T[] items, int[] weights) => HelpDesk.Data.Seeding.WeightedChoice.Pick(Random, items, weights);

        // A refused step means the demo story broke a rule: a bug in the seed, not something to skip.
        private static T Check<T>(Result<T> result) => result.Succeeded
            ? result.Value!
            : throw new InvalidOperationException($"A demo ticket step was refused: {string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }
}
