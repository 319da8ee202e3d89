using Dapper;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// A seeded quarter of support written straight into the tables: two organisations in two regions, three products,
/// contracts, an in-house engineer whose rate changes mid-term and a supplier paid per case, tickets that are
/// resolved, reopened, closed, overridden and out of scope, with replies, time, ratings, SLA outcomes, offers,
/// services revenue and NPS answers. The same seed always gives the same rows.
/// </summary>
internal sealed class EconomicsWorld
{
    public static readonly DateTime AsOf = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly IDbConnectionFactory _connections;
    private readonly Random _random;

    private EconomicsWorld(IDbConnectionFactory connections, int seed)
    {
        _connections = connections;
        _random = new Random(seed);
    }

    public List<int> Organisations { get; } = [];
    public List<int> Contracts { get; } = [];
    public List<int> Tickets { get; } = [];
    public List<int> TimeEntries { get; } = [];
    public int InHouse { get; private set; }
    public int Supplier { get; private set; }
    public int Customer { get; private set; }

    public static async Task<EconomicsWorld> SeedAsync(IDbConnectionFactory connections, int tickets = 60, int seed = 15)
    {
        var world = new EconomicsWorld(connections, seed);
        await world.SeedCoreAsync(tickets);
        return world;
    }

    /// <summary>A connection that is not recorded: the checks' own SQLite SQL need not be T-SQL.</summary>
    public static SqliteConnection OpenRaw(TestDatabase db)
    {
        var connection = new SqliteConnection(db.Options.ConnectionString);
        connection.Open();
        return connection;
    }

    private async Task SeedCoreAsync(int ticketCount)
    {
        await using var c = await _connections.OpenAsync();
        Task<int> Insert(string sql, object args) => c.ExecuteScalarAsync<int>(_connections.Dialect.InsertReturningId(sql), args);

        foreach (var (name, region) in new[] { ("Northwind", "Emea"), ("Contoso", "Americas") })
        {
            Organisations.Add(await Insert(
                "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, @Region, 'Key', @Now, 1)",
                new { Name = name, Region = region, Now = Start }));
        }

        Task<int> User(string email, int? org) => Insert("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@Email, @Normal, @Email, @Normal, 1, @Email, 'x', @Org, @Now)
            """, new { Email = email, Normal = email.ToUpperInvariant(), Org = org, Now = Start });

        Customer = await User("buyer@northwind.test", Organisations[0]);
        var otherCustomer = await User("buyer@contoso.test", Organisations[1]);
        InHouse = await User("ana@helpdesk.test", null);
        Supplier = await User("sam@supplier.test", null);
        var role = await Insert("INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES ('Engineer', 'ENGINEER', 'x')", new { });
        foreach (var engineer in new[] { InHouse, Supplier })
        {
            await c.ExecuteAsync("INSERT INTO UserRoles (UserId, RoleId) VALUES (@UserId, @RoleId)", new { UserId = engineer, RoleId = role });
        }

        await c.ExecuteAsync("""
            INSERT INTO EngineerProfiles (UserId, Tier, Sourcing, Supplier, PricePerCaseCents, Languages, Categories, Capacity, Available, UpdatedUtc)
            VALUES (@InHouse, 1, 'InHouse', NULL, NULL, 'en', '', 10, 1, @Now), (@Supplier, 1, 'Supplier', 'Acme Support', 4500, 'en', '', 10, 1, @Now)
            """, new { InHouse, Supplier, Now = Start });
        await c.ExecuteAsync("""
            INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc)
            VALUES (@InHouse, @First, 6000, @Now), (@InHouse, @Second, 7300, @Now)
            """, new { InHouse, First = new DateOnly(2025, 12, 1), Second = new DateOnly(2026, 2, 15), Now = Start });

        var products = new List<(int Id, string Code)>();
        foreach (var code in new[] { "db", "sync", "report" })
        {
            products.Add((await Insert(
                "INSERT INTO Products (Code, Name, Description, CreatedUtc, Version) VALUES (@Code, @Name, '', @Now, 1)",
                new { Code = code, Name = "Product " + code, Now = Start }), code));
        }

        var plan = await Insert("""
            INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days, HolidayCalendarId, Version)
            VALUES ('gold', 'Gold', '', 100000, NULL, 'Web,Email,Api', 1, 'UTC', 0, 1440, 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday', NULL, 1)
            """, new { });
        foreach (var (org, value, products2) in new[] { (Organisations[0], 1_200_001L, new[] { 0, 1 }), (Organisations[1], 365_00L, new[] { 2 }), (Organisations[0], 99_999L, Array.Empty<int>()) })
        {
            var contract = await Insert("""
                INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status, CreatedUtc, UpdatedUtc, Version)
                VALUES (@Org, @Plan, @Starts, @Ends, 'UTC', @Value, NULL, 'Active', @Now, @Now, 1)
                """, new { Org = org, Plan = plan, Starts = new DateOnly(2025, 11, 15), Ends = new DateOnly(2026, 11, 14), Value = value, Now = Start });
            foreach (var p in products2)
            {
                await c.ExecuteAsync("INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@Contract, @Product)", new { Contract = contract, Product = products[p].Id });
            }

            Contracts.Add(contract);
        }

        var offering = await Insert("INSERT INTO Offerings (Code, Kind, Status, CreatedUtc, Version) VALUES ('backport', 'Backport', 'Active', @Now, 1)", new { Now = Start });
        var offeringVersion = await Insert("""
            INSERT INTO OfferingVersions (OfferingId, Number, Status, Name, Summary, PricingKind, PriceCents, TermsMarkdown, CreatedUtc, Version)
            VALUES (@Offering, 1, 'Published', 'Backport', '', 'Fixed', 50000, 'terms', @Now, 1)
            """, new { Offering = offering, Now = Start });

        string[] verdicts = ["Entitled", "Entitled", "OutOfScope", "NoContract"];
        for (var i = 0; i < ticketCount; i++)
        {
            var orgIndex = _random.Next(2);
            var org = Organisations[orgIndex];
            var created = Start.AddMinutes(_random.Next(0, 85 * 24 * 60));
            var verdict = verdicts[_random.Next(verdicts.Length)];
            string? overrideVerdict = verdict != "Entitled" && _random.Next(3) == 0 ? "Entitled" : null;
            var contract = orgIndex == 0 ? Contracts[_random.Next(2) == 0 ? 0 : 2] : Contracts[1];
            var product = _random.Next(5) == 0 ? null : products[_random.Next(3)].Code;
            var firstResponse = _random.Next(4) == 0 ? (DateTime?)null : created.AddMinutes(_random.Next(5, 600));
            var firstDue = created.AddMinutes(240);
            bool? firstMet = firstResponse is { } r ? r <= firstDue : null;
            var resolved = firstResponse is { } fr && _random.Next(3) > 0 ? fr.AddMinutes(_random.Next(10, 5000)) : (DateTime?)null;
            var resolveDue = created.AddMinutes(2880);
            bool? resolveMet = resolved is { } rs ? rs <= resolveDue : null;
            var reopened = resolved is not null && _random.Next(5) == 0;
            var closed = resolved is { } rv && !reopened && _random.Next(2) == 0 ? rv.AddDays(3) : (DateTime?)null;
            var status = closed is not null ? "Closed" : resolved is not null && !reopened ? "Resolved" : firstResponse is not null ? "Open" : "New";
            var ticket = await Insert("""
                INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, CreatedUtc, UpdatedUtc,
                                     ContractId, Verdict, OverrideVerdict, FirstResponseUtc, FirstResponseDueUtc, FirstResponseMet,
                                     ResolvedUtc, ResolveDueUtc, ResolveMet, ClosedUtc)
                VALUES (@Org, @Requester, @Subject, 'Web', @Product, 3, @Status, @Created, @Created,
                        @Contract, @Verdict, @Override, @FirstResponse, @FirstDue, @FirstMet,
                        @Resolved, @ResolveDue, @ResolveMet, @Closed)
                """, new
            {
                Org = org, Requester = orgIndex == 0 ? Customer : otherCustomer, Subject = $"Ticket {i}", Product = product, Status = status,
                Created = created, Contract = contract, Verdict = verdict, Override = overrideVerdict, FirstResponse = firstResponse,
                FirstDue = firstDue, FirstMet = firstMet, Resolved = resolved, ResolveDue = resolveDue, ResolveMet = resolveMet, Closed = closed,
            });
            Tickets.Add(ticket);
            async Task Audit(string from, string to, DateTime at) => await c.ExecuteAsync(
                "INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc) VALUES (@Ticket, NULL, 'status', @From, @To, @At)",
                new { Ticket = ticket, From = from, To = to, At = at });
            async Task Reply(int? author, DateTime at) => await c.ExecuteAsync(
                "INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc) VALUES (@Ticket, @Author, 'Reply', 'x', 'x', @At)",
                new { Ticket = ticket, Author = author, At = at });

            await Reply(orgIndex == 0 ? Customer : otherCustomer, created);
            if (firstResponse is { } first)
            {
                await Audit("New", "Open", first);
                await Reply(InHouse, first);
                if (_random.Next(3) == 0)
                {
                    await Reply(Supplier, first.AddMinutes(3));
                }
            }

            if (resolved is { } done)
            {
                await Audit("Open", "Resolved", done);
                if (reopened)
                {
                    await Audit("Resolved", "Open", done.AddHours(5));
                }

                if (closed is { } shut)
                {
                    await Audit("Resolved", "Closed", shut);
                }

                if (_random.Next(2) == 0)
                {
                    await c.ExecuteAsync(
                        "INSERT INTO TicketRatings (TicketId, Resolution, RaterId, Score, Comment, CreatedUtc) VALUES (@Ticket, 1, @Rater, @Score, NULL, @At)",
                        new { Ticket = ticket, Rater = orgIndex == 0 ? Customer : otherCustomer, Score = _random.Next(1, 6), At = done.AddHours(2) });
                }
            }

            for (var e = _random.Next(0, 4); e > 0; e--)
            {
                var engineer = _random.Next(3) == 0 ? Supplier : InHouse;
                TimeEntries.Add(await Insert("""
                    INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
                    VALUES (@Ticket, @Engineer, @Minutes, @WorkDate, 'work', 1, @At)
                    """, new { Ticket = ticket, Engineer = engineer, Minutes = _random.Next(1, 240), WorkDate = DateOnly.FromDateTime(created.AddDays(_random.Next(0, 20))), At = created }));
            }

            if (verdict == "OutOfScope" && overrideVerdict is null)
            {
                var sent = created.AddHours(1);
                var accepted = _random.Next(2) == 0;
                var offer = await Insert("""
                    INSERT INTO Offers (TicketId, OrganisationId, Kind, OfferingVersionId, PriceCents, Currency, Title, TermsMarkdown, TermsHtml, BlanksJson,
                                        ExpiresUtc, Status, SentById, SentUtc, DecidedById, DecidedUtc, Version)
                    VALUES (@Ticket, @Org, 'Service', @Version, 50000, 'USD', 'Backport', 't', 't', '{}', @Expires, @Status, @InHouse, @Sent, NULL, NULL, 1)
                    """, new { Ticket = ticket, Org = org, Version = offeringVersion, Expires = sent.AddDays(30), Status = accepted ? "Accepted" : "Sent", InHouse, Sent = sent });
                if (accepted)
                {
                    var at = sent.AddDays(_random.Next(0, 4));
                    await c.ExecuteAsync("""
                        INSERT INTO OfferAcceptances (OfferId, AcceptedById, TypedName, AcceptedUtc, ClientAddress, UserAgent, TermsSha256, TermsHtml, PriceCents, Currency, OfferingVersionId)
                        VALUES (@Offer, @Customer, 'Buyer', @At, '127.0.0.1', 'test', 'x', 't', 50000, 'USD', @Version)
                        """, new { Offer = offer, Customer, At = at, Version = offeringVersion });
                    await c.ExecuteAsync("""
                        INSERT INTO ServicesRevenue (OfferId, Day, OrganisationId, ContractId, ProductId, Region, AmountCents, BookedUtc)
                        VALUES (@Offer, @Day, @Org, NULL, @Product, @Region, 50000, @At)
                        """, new { Offer = offer, Day = at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Org = org, Product = products[0].Id, Region = orgIndex == 0 ? "Emea" : "Americas", At = at });
                }
            }
        }

        for (var n = 0; n < 25; n++)
        {
            var orgIndex = _random.Next(2);
            await AddNpsAsync(orgIndex == 0 ? Customer : otherCustomer, Organisations[orgIndex], _random.Next(0, 11), Start.AddMinutes(_random.Next(0, 85 * 24 * 60)));
        }
    }

    public async Task AddNpsAsync(int user, int organisation, int score, DateTime at)
    {
        await using var c = await _connections.OpenAsync();
        await c.ExecuteAsync("""
            INSERT INTO NpsAnswers (UserId, OrganisationId, Score, Comment, AnsweredUtc, Day, Channel)
            VALUES (@User, @Org, @Score, NULL, @At, @Day, 'portal')
            """, new { User = user, Org = organisation, Score = score, At = at, Day = at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
