using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Economics;

/// <summary>
/// Two customers' support in 2021, far from the demo's dates, written straight into the tables and rolled up, so
/// every figure of the second quarter is known:
/// <list type="bullet">
/// <item>Econ North (EMEA): contract A ran 1 Jun 2020 – 31 May 2021 for nothing and was renewed by contract B
/// (1 Jun 2021 – 31 May 2022, 36,500.00: 100.00 a day, 3,000.00 in June). Ticket N1 on Econ Widget: 60 minutes on
/// 10 Apr at 60.00 an hour and 30 minutes on 3 May at 90.00 (105.00), rated 5. In the first quarter ticket N0: 60
/// minutes at 60.00.</item>
/// <item>Econ South (APAC): contract C ran 1 Apr – 30 Jun 2021 for 91.00 (1.00 a day) and was not renewed. Ticket S1
/// on Econ Gadget: the supplier's 120 and 30 minutes (45.00 once) and 100 minutes in-house at 90.00 (195.00), rated 2;
/// ticket S2: 20 minutes at 90.00 (30.00), never resolved.</item>
/// </list>
/// The quarter: North profit 2,895.00; South 91.00 − 225.00 = −134.00; labour 330.00 against 60.00 before.
/// </summary>
public sealed record EconomicsSeed(
    int North, int South, int Widget, int Gadget, int ContractA, int ContractB, int ContractC, int TicketN0, int TicketN1, int TicketS1, int TicketS2,
    int S1Supplier, int S1InHouse)
{
    public const string Quarter = "period=quarter&on=2021-05-15";

    public static async Task<EconomicsSeed> WriteAsync(HelpDeskAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var connections = app.Connections;
        int north, south, widget, gadget, a, b, c, n0, n1, s1, s2, s1Supplier, s1InHouse;
        await using (var db = await connections.OpenAsync())
        {
            Task<int> Insert(string sql, object args) => db.ExecuteScalarAsync<int>(connections.Dialect.InsertReturningId(sql), args);
            var created = new DateTime(2020, 5, 1, 0, 0, 0, DateTimeKind.Utc);

            Task<int> Organisation(string name, string region) => Insert(
                "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, @Region, 'Key', @Created, 1)",
                new { Name = name, Region = region, Created = created });
            north = await Organisation("Econ North", "Emea");
            south = await Organisation("Econ South", "Apac");

            Task<int> User(string email, string name, int? organisation) => Insert("""
                INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
                VALUES (@Email, @Normal, @Email, @Normal, 1, @Name, 'x', @Organisation, @Created)
                """, new { Email = email, Normal = email.ToUpperInvariant(), Name = name, Organisation = organisation, Created = created });
            var northCustomer = await User("buyer@econ-north.test", "Nell North", north);
            var southCustomer = await User("buyer@econ-south.test", "Sid South", south);
            var inHouse = await User("ines@econ.test", "Ines Inhouse", null);
            var supplier = await User("sven@econ-partners.test", "Sven Supplier", null);
            await db.ExecuteAsync("""
                INSERT INTO EngineerProfiles (UserId, Tier, Sourcing, Supplier, PricePerCaseCents, Languages, Categories, Capacity, Available, UpdatedUtc)
                VALUES (@InHouse, 1, 'InHouse', NULL, NULL, 'en', '', 10, 0, @Created), (@Supplier, 1, 'Supplier', 'Econ Partners', 4500, 'en', '', 10, 0, @Created)
                """, new { InHouse = inHouse, Supplier = supplier, Created = created });
            await db.ExecuteAsync("""
                INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc)
                VALUES (@InHouse, @First, 6000, @Created), (@InHouse, @Second, 9000, @Created)
                """, new { InHouse = inHouse, First = new DateOnly(2020, 1, 1), Second = new DateOnly(2021, 5, 1), Created = created });

            Task<int> Product(string code, string name) => Insert(
                "INSERT INTO Products (Code, Name, Description, CreatedUtc, Version) VALUES (@Code, @Name, '', @Created, 1)",
                new { Code = code, Name = name, Created = created });
            widget = await Product("econ-widget", "Econ Widget");
            gadget = await Product("econ-gadget", "Econ Gadget");

            var plan = await Insert("""
                INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days, HolidayCalendarId, Version)
                VALUES ('econ-plan', 'Econ Plan', '', 100000, NULL, 'Web,Email,Api', 1, 'UTC', 0, 1440, 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday', NULL, 1)
                """, new { });
            async Task<int> Contract(int organisation, DateOnly starts, DateOnly ends, long value, int? renews, int product)
            {
                var id = await Insert("""
                    INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, RenewsContractId, Status, CreatedUtc, UpdatedUtc, Version)
                    VALUES (@Organisation, @Plan, @Starts, @Ends, 'UTC', @Value, @Renews, 'Active', @Created, @Created, 1)
                    """, new { Organisation = organisation, Plan = plan, Starts = starts, Ends = ends, Value = value, Renews = renews, Created = created });
                await db.ExecuteAsync("INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@Contract, @Product)", new { Contract = id, Product = product });
                return id;
            }

            a = await Contract(north, new DateOnly(2020, 6, 1), new DateOnly(2021, 5, 31), 0, null, widget);
            b = await Contract(north, new DateOnly(2021, 6, 1), new DateOnly(2022, 5, 31), 36_500_00, a, widget);
            c = await Contract(south, new DateOnly(2021, 4, 1), new DateOnly(2021, 6, 30), 91_00, null, gadget);

            async Task<int> Ticket(int organisation, int requester, int contract, string product, string subject, DateTime opened, DateTime? resolved, DateTime resolveDue)
            {
                var firstResponse = opened.AddMinutes(30);
                var id = await Insert("""
                    INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Product, Severity, Status, CreatedUtc, UpdatedUtc,
                                         ContractId, Verdict, OverrideVerdict, FirstResponseUtc, FirstResponseDueUtc, FirstResponseMet,
                                         ResolvedUtc, ResolveDueUtc, ResolveMet, ClosedUtc)
                    VALUES (@Organisation, @Requester, @Subject, 'Web', @Product, 3, @Status, @Opened, @Opened,
                            @Contract, 'Entitled', NULL, @FirstResponse, @FirstDue, 1,
                            @Resolved, @ResolveDue, @ResolveMet, NULL)
                    """, new
                {
                    Organisation = organisation,
                    Requester = requester,
                    Subject = subject,
                    Product = product,
                    Status = resolved is null ? "Open" : "Resolved",
                    Opened = opened,
                    Contract = contract,
                    FirstResponse = firstResponse,
                    FirstDue = opened.AddHours(1),
                    Resolved = resolved,
                    ResolveDue = resolveDue,
                    ResolveMet = resolved is null ? (bool?)null : true,
                });
                await db.ExecuteAsync(
                    "INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc) VALUES (@Id, NULL, 'status', 'New', 'Open', @At)",
                    new { Id = id, At = firstResponse });
                if (resolved is { } done)
                {
                    await db.ExecuteAsync(
                        "INSERT INTO TicketAudit (TicketId, ActorId, Field, OldValue, NewValue, CreatedUtc) VALUES (@Id, NULL, 'status', 'Open', 'Resolved', @At)",
                        new { Id = id, At = done });
                }

                return id;
            }

            Task<int> Time(int ticket, int engineer, int minutes, DateOnly day, string note) => Insert("""
                INSERT INTO TimeEntries (TicketId, EngineerId, Minutes, WorkDate, Note, Billable, CreatedUtc)
                VALUES (@Ticket, @Engineer, @Minutes, @Day, @Note, 1, @Created)
                """, new { Ticket = ticket, Engineer = engineer, Minutes = minutes, Day = day, Note = note, Created = day.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc) });
            Task Rate(int ticket, int rater, int score, DateTime at) => db.ExecuteAsync(
                "INSERT INTO TicketRatings (TicketId, Resolution, RaterId, Score, Comment, CreatedUtc) VALUES (@Ticket, 1, @Rater, @Score, NULL, @At)",
                new { Ticket = ticket, Rater = rater, Score = score, At = at });

            n0 = await Ticket(north, northCustomer, a, "econ-widget", "Widget will not start", Utc(2021, 2, 1, 9), Utc(2021, 2, 2, 9), Utc(2021, 2, 3, 9));
            await Time(n0, inHouse, 60, new DateOnly(2021, 2, 1), "Read the logs");

            n1 = await Ticket(north, northCustomer, a, "econ-widget", "Widget loses its settings", Utc(2021, 4, 10, 9), Utc(2021, 4, 12, 9), Utc(2021, 4, 13, 9));
            await Time(n1, inHouse, 60, new DateOnly(2021, 4, 10), "Reproduced it");
            await Time(n1, inHouse, 30, new DateOnly(2021, 5, 3), "Checked the fix");
            await Rate(n1, northCustomer, 5, Utc(2021, 4, 12, 12));

            s1 = await Ticket(south, southCustomer, c, "econ-gadget", "Gadget crashes on export", Utc(2021, 5, 5, 10), Utc(2021, 5, 7, 10), Utc(2021, 5, 8, 10));
            s1Supplier = await Time(s1, supplier, 120, new DateOnly(2021, 5, 5), "First line");
            await Time(s1, supplier, 30, new DateOnly(2021, 5, 6), "Handed over");
            s1InHouse = await Time(s1, inHouse, 100, new DateOnly(2021, 5, 6), "Patched the exporter");
            await Rate(s1, southCustomer, 2, Utc(2021, 5, 7, 12));

            s2 = await Ticket(south, southCustomer, c, "econ-gadget", "Gadget is slow", Utc(2021, 6, 1, 9), null, Utc(2021, 6, 3, 9));
            await Time(s2, inHouse, 20, new DateOnly(2021, 6, 1), "Asked for a trace");
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rollup = scope.ServiceProvider.GetRequiredService<MetricsRollup>();
            var result = await rollup.RebuildAsync();
            if (result.AlreadyRunning)
            {
                throw new InvalidOperationException("The economics rollup was already running.");
            }
        }

        return new EconomicsSeed(north, south, widget, gadget, a, b, c, n0, n1, s1, s2, s1Supplier, s1InHouse);
    }

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
