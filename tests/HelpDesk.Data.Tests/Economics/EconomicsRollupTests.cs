using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Economics;

/// <summary>
/// The rollup on a real SQLite file against a seeded quarter: its facts equal figures recomputed from the raw tables
/// by independent SQL, the incremental run after edits equals a full rebuild cell for cell (daily and monthly, and each
/// monthly cell the sum of its days), an interrupted run picks up where it stopped, and two runs at once do not both run.
/// </summary>
public sealed class EconomicsRollupTests : ProviderTestBase
{
    private static readonly DateOnly From = new(2025, 11, 1);
    private static readonly DateOnly To = new(2026, 12, 31);

    private readonly FakeTimeProvider _clock = new(EconomicsWorld.AsOf);

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private EconomicsStore Store => new(Connections);

    private EconomicsReader Reader => new(Connections);

    private MetricsRollup Rollup(IEconomicsStore? store = null, int changesPerBatch = 1000) =>
        new(store ?? Store, new RollupSettings { ChangesPerBatch = changesPerBatch, TicketsPerRebuildBatch = 7 }, _clock);

    [Fact]
    public async Task Rebuild_EqualsEveryMeasureRecomputedFromTheRawTables_ToTheCent()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);

        (await Rollup().RebuildAsync()).AlreadyRunning.Should().BeFalse();

        await ExpectFactsToMatchRawTablesAsync(world);
        var facts = await SnapshotAsync();
        facts.Months.Should().NotBeEmpty();
        facts.Months.Should().Equal(facts.DaysByMonth, "each monthly cell is the sum of its daily cells");
        var total = await Reader.TotalAsync(new EconomicsFilter(From, To));
        new[]
        {
            total.FirstContactResolutions, total.TicketsClosed, total.LabourCostCents, total.GoodwillCostCents, total.SupportRevenueCents,
            total.ServicesRevenueCents, total.FirstResponseMissed, total.ResolveMet, total.CsatCount, total.NpsDetractors,
            total.OutOfScopeTickets, total.OffersAccepted,
        }.Should().OnlyContain(n => n > 0, "the seeded quarter exercises every kind of measure");
        var progress = await Reader.GetRebuildAsync();
        progress!.State.Should().Be(RebuildState.Finished);
        progress.Done.Should().Be(world.Tickets.Count);
        progress.Percent.Should().Be(100);
    }

    [Fact]
    public async Task Rebuild_LeavesTheFactTablesIndexesAsTheMigrationsMadeThem_AndUsed()
    {
        await EconomicsWorld.SeedAsync(Connections);
        var before = await IndexDefinitionsAsync();

        await Rollup().RebuildAsync();
        await Rollup().RebuildAsync();

        before.Should().HaveCountGreaterThan(8, "the swap drops and creates again every secondary index of the four fact tables");
        (await IndexDefinitionsAsync()).Should().Equal(before);
        // Raw connections: EXPLAIN and sqlite_master are SQLite's own, not SQL the stores run on both engines.
        await using var connection = EconomicsWorld.OpenRaw(Db);
        var plan = string.Join(" | ", (await connection.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT f.Day FROM DailyFacts f WHERE f.OrganisationId = 1 AND f.Day >= '2026-01-01'")).Select(r => r.Detail));
        plan.Should().Contain("IX_DailyFacts_Organisation");
    }

    [Fact]
    public async Task Rebuild_LeavesEmptyBuildTablesOfTheLiveTablesColumns_AsTheMigrationsMadeThem()
    {
        string[] tables = ["TicketDayFacts", "ContractRevenueDays", "DailyFacts", "MonthlyFacts"];
        var world = await EconomicsWorld.SeedAsync(Connections);
        var before = await BuildTableDefinitionsAsync();

        await Rollup().RebuildAsync();
        await Rollup().RebuildAsync();

        (await BuildTableDefinitionsAsync()).Should().Equal(before, "the swap takes the build tables for the live ones and makes new ones from their definitions");
        await using var connection = EconomicsWorld.OpenRaw(Db);
        foreach (var table in tables)
        {
            // The swap renames each build table into the live one's place: both must have the same columns, in order.
            (await ColumnsAsync(table + "Build")).Should().Equal(await ColumnsAsync(table), $"{table}Build becomes {table} in the swap");
            (await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}Build")).Should().Be(0);
        }

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM TicketDayFacts")).Should().BePositive();
        await ExpectFactsToMatchRawTablesAsync(world);

        async Task<List<string>> ColumnsAsync(string table) =>
            [.. await connection.QueryAsync<string>(
                "SELECT c.name || ' ' || c.type || ' ' || c.\"notnull\" || ' ' || c.pk FROM pragma_table_info(@Table) c ORDER BY c.cid", new { Table = table })];
    }

    private async Task<List<string>> BuildTableDefinitionsAsync()
    {
        await using var connection = EconomicsWorld.OpenRaw(Db);
        return [.. await connection.QueryAsync<string>("""
            SELECT m.type || ' ' || m.name || ': ' || COALESCE(m.sql, '') FROM sqlite_master m
            WHERE m.tbl_name IN ('TicketDayFactsBuild', 'ContractRevenueDaysBuild', 'DailyFactsBuild', 'MonthlyFactsBuild')
            ORDER BY m.name
            """)];
    }

    [Fact]
    public async Task Rebuild_WithTicketsCountingOnDaysAnEarlierRangeAlreadyWrote_AddsThemToThoseCells_AndEqualsTheRawTables()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await using (var c = await Connections.OpenAsync())
        {
            // The newest tickets' work moved back to the first days any ticket counts on: their ranges come last.
            var first = await c.ExecuteScalarAsync<string>("SELECT MIN(e.WorkDate) FROM TimeEntries e");
            await c.ExecuteAsync(
                "UPDATE TimeEntries SET WorkDate = @First WHERE TicketId > (SELECT MAX(t.Id) - 10 FROM Tickets t)",
                new { First = first });
        }

        var counting = new CountingStore(Store);
        await Rollup(counting).RebuildAsync();

        counting.Additions.Should().BeGreaterThan(0, "later ranges counted on days already written");
        await ExpectFactsToMatchRawTablesAsync(world);
        var facts = await SnapshotAsync();
        facts.Months.Should().Equal(facts.DaysByMonth, "each monthly cell is the sum of its daily cells");
    }

    [Fact]
    public async Task Rebuild_InterruptedHalfWay_LeavesTheLiveFacts_AndRunAgain_EqualsTheRawTables()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await Rollup().RebuildAsync();
        var before = await SnapshotAsync();
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE TimeEntries SET Minutes = Minutes + 7 WHERE Id = @Id", new { Id = world.TimeEntries[0] });
        }

        var act = () => Rollup(new CountingStore(Store, failOnStage: 4)).RebuildAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
        var after = await SnapshotAsync();
        after.Cells.Should().Equal(before.Cells, "the live facts are replaced only by a whole rebuild");
        after.TicketDays.Should().Equal(before.TicketDays);
        after.Months.Should().Equal(before.Months);
        (await Reader.GetRebuildAsync())!.State.Should().Be(RebuildState.Failed);
        await Rollup().RebuildAsync();
        await ExpectFactsToMatchRawTablesAsync(world);
    }

    private async Task<List<string>> IndexDefinitionsAsync()
    {
        await using var connection = EconomicsWorld.OpenRaw(Db);
        return [.. await connection.QueryAsync<string>("""
            SELECT m.name || ': ' || m.sql FROM sqlite_master m
            WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name IN ('TicketDayFacts', 'ContractRevenueDays', 'DailyFacts', 'MonthlyFacts')
            ORDER BY m.name
            """)];
    }

    [Fact]
    public async Task Incremental_FromTheChangeLogAlone_EqualsTheRawTables()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);

        var result = await Rollup(changesPerBatch: 50).RunIncrementalAsync();

        result.Batches.Should().BeGreaterThan(1);
        await ExpectFactsToMatchRawTablesAsync(world);
        var facts = await SnapshotAsync();
        facts.Months.Should().NotBeEmpty();
        facts.Months.Should().Equal(facts.DaysByMonth, "each monthly cell is the sum of its daily cells");
        (await Store.ReadChangesAsync(10)).Should().BeEmpty("every processed change is taken off the log");
    }

    [Fact]
    public async Task Incremental_AfterRetroactiveRateEditedEntryCorrectedContractAndMovedTicket_EqualsFullRebuildCellForCell()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await Rollup().RebuildAsync();
        await Rollup().RunIncrementalAsync();
        var random = new Random(7);
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE EngineerRates SET HourlyCents = 8100 WHERE UserId = @InHouse AND EffectiveFrom = @From",
                new { world.InHouse, From = new DateOnly(2026, 2, 15) });
            await c.ExecuteAsync("INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc) VALUES (@InHouse, @From, 5000, @Now)",
                new { world.InHouse, From = new DateOnly(2026, 1, 20), Now = EconomicsWorld.AsOf });
            foreach (var entry in world.TimeEntries.OrderBy(_ => random.Next()).Take(5))
            {
                await c.ExecuteAsync("UPDATE TimeEntries SET Minutes = Minutes + 17, WorkDate = @Day WHERE Id = @Id",
                    new { Id = entry, Day = new DateOnly(2026, 2, random.Next(1, 28)) });
            }

            await c.ExecuteAsync("UPDATE Contracts SET ValueCents = ValueCents + 123457 WHERE Id = @Id", new { Id = world.Contracts[0] });
            await c.ExecuteAsync("DELETE FROM ContractProducts WHERE ContractId = @Id AND ProductId = (SELECT MAX(ProductId) FROM ContractProducts WHERE ContractId = @Id)",
                new { Id = world.Contracts[0] });
            foreach (var ticket in world.Tickets.OrderBy(_ => random.Next()).Take(6))
            {
                await c.ExecuteAsync("UPDATE Tickets SET Product = 'report', Version = Version + 1 WHERE Id = @Id", new { Id = ticket });
            }

            await c.ExecuteAsync("UPDATE Organisations SET Region = 'Apac' WHERE Id = @Id", new { Id = world.Organisations[1] });
            await c.ExecuteAsync("DELETE FROM TicketRatings WHERE Id = (SELECT MIN(Id) FROM TicketRatings)");
            await c.ExecuteAsync("UPDATE ServicesRevenue SET AmountCents = 41000, Day = '2026-03-30' WHERE Id = (SELECT MIN(Id) FROM ServicesRevenue)");
        }

        await world.AddNpsAsync(world.Customer, world.Organisations[0], 10, new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc));

        await Rollup(changesPerBatch: 4).RunIncrementalAsync();
        var incremental = await SnapshotAsync();
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();

        incremental.Cells.Should().Equal(rebuilt.Cells);
        incremental.TicketDays.Should().Equal(rebuilt.TicketDays);
        incremental.Months.Should().Equal(rebuilt.Months);
        incremental.Months.Should().Equal(incremental.DaysByMonth, "each monthly cell is the sum of its daily cells");
        await ExpectFactsToMatchRawTablesAsync(world);
    }

    [Fact]
    public async Task Incremental_ATicketMovedIntoACellOfItsOwnAndBack_AddsThatCellAndItsMonth_ThenRemovesThem_AsARebuildWould()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await Rollup().RebuildAsync();

        // A product no catalogue entry names counts under product 0, where no contract revenue is, and a day long before
        // the seeded quarter has no other row: the entry's day is then a cell, and its month a monthly cell, of its own.
        const string count = """
            SELECT (SELECT COUNT(*) FROM DailyFacts WHERE Day = '2025-06-15' AND ProductId = 0)
                 + (SELECT COUNT(*) FROM MonthlyFacts WHERE Month = '2025-06' AND ProductId = 0)
            """;
        var entry = world.TimeEntries[0];
        await using var c = await Connections.OpenAsync();
        var (ticket, product, day) = await c.QuerySingleAsync<(int, string, string)>(
            "SELECT t.Id, t.Product, e.WorkDate FROM TimeEntries e JOIN Tickets t ON t.Id = e.TicketId WHERE e.Id = @Id", new { Id = entry });
        var before = await c.ExecuteScalarAsync<long>(count);

        await c.ExecuteAsync("UPDATE Tickets SET Product = 'unlisted gadget', Version = Version + 1 WHERE Id = @Id", new { Id = ticket });
        await c.ExecuteAsync("UPDATE TimeEntries SET WorkDate = '2025-06-15' WHERE Id = @Id", new { Id = entry });
        await Rollup().RunIncrementalAsync();
        var moved = await c.ExecuteScalarAsync<long>(count);
        var movedFacts = await SnapshotAsync();
        await Rollup().RebuildAsync();
        var movedRebuilt = await SnapshotAsync();

        await c.ExecuteAsync("UPDATE Tickets SET Product = @Product, Version = Version + 1 WHERE Id = @Id", new { Id = ticket, Product = product });
        await c.ExecuteAsync("UPDATE TimeEntries SET WorkDate = @Day WHERE Id = @Id", new { Id = entry, Day = day });
        await Rollup().RunIncrementalAsync();
        var back = await SnapshotAsync();
        var after = await c.ExecuteScalarAsync<long>(count);
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();

        before.Should().Be(0);
        moved.Should().Be(2, "the entry's day and month under product 0 were added");
        after.Should().Be(0, "the cell and month the entry alone counted in were removed with it");
        movedFacts.Cells.Should().Equal(movedRebuilt.Cells);
        movedFacts.Months.Should().Equal(movedRebuilt.Months);
        back.Cells.Should().Equal(rebuilt.Cells);
        back.Months.Should().Equal(rebuilt.Months);
        back.Months.Should().Equal(back.DaysByMonth, "each monthly cell is the sum of its daily cells");
    }

    [Fact]
    public async Task Incremental_AfterThePlansSupportHoursAndHolidaysChange_RecomputesItsTickets_AsARebuildWould()
    {
        await EconomicsWorld.SeedAsync(Connections);
        await Rollup().RebuildAsync();
        var aroundTheClock = await SnapshotAsync();
        int calendar;
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO HolidayCalendars (Name, Version) VALUES ('Office', 1)");
            calendar = await c.ExecuteScalarAsync<int>("SELECT Id FROM HolidayCalendars WHERE Name = 'Office'");
            await c.ExecuteAsync(
                "UPDATE Plans SET AroundTheClock = 0, OpensMinute = 540, ClosesMinute = 1020, Days = 'Monday,Tuesday,Wednesday,Thursday,Friday', HolidayCalendarId = @Calendar",
                new { Calendar = calendar });
        }

        await Rollup().RunIncrementalAsync();
        var officeHours = await SnapshotAsync();
        officeHours.Cells.Should().NotEqual(aroundTheClock.Cells, "business minutes now count only the plan's support hours");
        await using (var c = await Connections.OpenAsync())
        {
            for (var day = new DateOnly(2026, 1, 1); day <= new DateOnly(2026, 4, 30); day = day.AddDays(1))
            {
                await c.ExecuteAsync("INSERT INTO Holidays (CalendarId, Day, Name) VALUES (@Calendar, @Day, 'Closed')", new { Calendar = calendar, Day = day });
            }
        }

        await Rollup().RunIncrementalAsync();
        var incremental = await SnapshotAsync();
        incremental.Cells.Should().NotEqual(officeHours.Cells, "holidays are not support time");
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();

        incremental.Cells.Should().Equal(rebuilt.Cells);
        incremental.TicketDays.Should().Equal(rebuilt.TicketDays);
        incremental.Months.Should().Equal(rebuilt.Months);
    }

    [Fact]
    public async Task Incremental_AfterAContractSetsItsOwnSupportZoneAndHolidays_RecomputesItsTickets_AsARebuildWould()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE Plans SET AroundTheClock = 0, OpensMinute = 540, ClosesMinute = 1020, Days = 'Monday,Tuesday,Wednesday,Thursday,Friday'");
        }

        await Rollup().RebuildAsync();
        var planHours = await SnapshotAsync();
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE Contracts SET SupportTimeZone = 'Pacific/Auckland' WHERE Id = @Id", new { Id = world.Contracts[0] });
        }

        await Rollup().RunIncrementalAsync();
        var ownZone = await SnapshotAsync();
        ownZone.Cells.Should().NotEqual(planHours.Cells, "the contract's hours are now read in its own time zone");
        await using (var c = await Connections.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO HolidayCalendars (Name, Version) VALUES ('Customer days', 1)");
            var calendar = await c.ExecuteScalarAsync<int>("SELECT Id FROM HolidayCalendars WHERE Name = 'Customer days'");
            await c.ExecuteAsync("UPDATE Contracts SET HolidayCalendarId = @Calendar WHERE Id = @Id", new { Calendar = calendar, Id = world.Contracts[0] });
            for (var day = new DateOnly(2026, 1, 1); day <= new DateOnly(2026, 4, 30); day = day.AddDays(1))
            {
                await c.ExecuteAsync("INSERT INTO Holidays (CalendarId, Day, Name) VALUES (@Calendar, @Day, 'Closed')", new { Calendar = calendar, Day = day });
            }
        }

        await Rollup().RunIncrementalAsync();
        var incremental = await SnapshotAsync();
        incremental.Cells.Should().NotEqual(ownZone.Cells, "the contract's own holidays are not support time");
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();

        incremental.Cells.Should().Equal(rebuilt.Cells);
        incremental.TicketDays.Should().Equal(rebuilt.TicketDays);
        incremental.Months.Should().Equal(rebuilt.Months);
    }

    // The recorded connections check the statements as T-SQL too; the unwrapped ones are the app's own, on which the
    // fact rows go through SQLite's prepared statements bound by position (RowStatement) rather than the driver's command.
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public async Task Incremental_AfterRoundsOfRandomEdits_EqualsFullRebuild_AndTheRawTables(int seed, bool appConnections)
    {
        var world = await EconomicsWorld.SeedAsync(Connections, seed: 100 + seed);
        var store = new EconomicsStore(appConnections ? Db.Unrecorded : Connections);
        MetricsRollup Rollup(int changesPerBatch = 1000) => this.Rollup(store, changesPerBatch);
        await Rollup().RunIncrementalAsync();
        var random = new Random(seed);
        for (var round = 0; round < 6; round++)
        {
            await using (var c = await Connections.OpenAsync())
            {
                for (var edit = random.Next(1, 5); edit > 0; edit--)
                {
                    await RandomEditAsync(c, world, random);
                }
            }

            await Rollup(changesPerBatch: random.Next(1, 30)).RunIncrementalAsync();
        }

        var incremental = await SnapshotAsync();
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();

        incremental.Cells.Should().Equal(rebuilt.Cells);
        incremental.TicketDays.Should().Equal(rebuilt.TicketDays);
        incremental.Months.Should().Equal(rebuilt.Months);
        incremental.Months.Should().Equal(incremental.DaysByMonth, "each monthly cell is the sum of its daily cells");
        await ExpectFactsToMatchRawTablesAsync(world);
    }

    // One edit of the kinds the rollup must follow: a rate changed back in time, a time entry corrected, a contract's
    // value or products corrected, a ticket moved to another product, a rating withdrawn, an organisation moved region.
    private static async Task RandomEditAsync(System.Data.Common.DbConnection c, EconomicsWorld world, Random random)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        var day = new DateOnly(2026, random.Next(1, 4), random.Next(1, 28));
        switch (random.Next(6))
        {
            case 0:
                await c.ExecuteAsync(
                    "INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc) SELECT @InHouse, @From, @Cents, @Now WHERE NOT EXISTS (SELECT 1 FROM EngineerRates WHERE UserId = @InHouse AND EffectiveFrom = @From)",
                    new { world.InHouse, From = day, Cents = random.Next(30, 120) * 100, Now = EconomicsWorld.AsOf });
                break;
            case 1:
                await c.ExecuteAsync("UPDATE TimeEntries SET Minutes = @Minutes, WorkDate = @Day WHERE Id = @Id",
                    new { Id = Pick(world.TimeEntries), Minutes = random.Next(5, 240), Day = day });
                break;
            case 2:
                await c.ExecuteAsync("UPDATE Contracts SET ValueCents = ValueCents + @Delta WHERE Id = @Id",
                    new { Id = Pick(world.Contracts), Delta = random.Next(-50_000, 50_000) });
                break;
            case 3:
                await c.ExecuteAsync("UPDATE Tickets SET Product = @Product, Version = Version + 1 WHERE Id = @Id",
                    new { Id = Pick(world.Tickets), Product = Pick(new[] { "report", "sync", "nothing-we-sell" }) });
                break;
            case 4:
                await c.ExecuteAsync("DELETE FROM TicketRatings WHERE Id = (SELECT MIN(Id) FROM TicketRatings WHERE Id >= @From)",
                    new { From = random.Next(1, 40) });
                break;
            default:
                await c.ExecuteAsync("UPDATE Organisations SET Region = @Region WHERE Id = @Id",
                    new { Id = Pick(world.Organisations), Region = Pick(new[] { "Americas", "Emea", "Apac" }) });
                break;
        }
    }

    [Fact]
    public async Task Incremental_InterruptedAfterItsFirstBatch_AndRunAgain_GivesTheSameFactsAsARebuild()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        var failing = new FailingStore(Store, failOnApply: 2);

        var interrupted = () => Rollup(failing, changesPerBatch: 40).RunIncrementalAsync();

        await interrupted.Should().ThrowAsync<InvalidOperationException>();
        failing.Applied.Should().Be(1);
        (await Store.ReadChangesAsync(1000)).Should().NotBeEmpty("the batch that failed is still on the log");
        await Rollup(changesPerBatch: 40).RunIncrementalAsync();
        var resumed = await SnapshotAsync();
        await Rollup().RebuildAsync();
        var rebuilt = await SnapshotAsync();
        rebuilt.Cells.Should().Equal(resumed.Cells);
        rebuilt.Months.Should().Equal(resumed.Months);
        resumed.Months.Should().Equal(resumed.DaysByMonth);
        await ExpectFactsToMatchRawTablesAsync(world);
    }

    [Fact]
    public async Task SecondRun_WhileTheFirstHoldsTheLease_ReturnsAlreadyRunning_AndNothingIsCountedTwice()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        var paused = new PausingStore(Store);

        var first = Task.Run(() => Rollup(paused, changesPerBatch: 30).RunIncrementalAsync());
        await paused.Reached.Task;
        var second = await Rollup().RunIncrementalAsync();
        var rebuild = await Rollup().RebuildAsync();
        paused.Release.SetResult();
        var firstResult = await first;

        second.AlreadyRunning.Should().BeTrue();
        rebuild.AlreadyRunning.Should().BeTrue();
        firstResult.AlreadyRunning.Should().BeFalse();
        (await Rollup().RunIncrementalAsync()).AlreadyRunning.Should().BeFalse("the lease is released when a run ends");
        await ExpectFactsToMatchRawTablesAsync(world);
    }

    [Fact]
    public async Task Lease_IsTakenByOneOwnerAtATime_UntilItExpires()
    {
        var now = EconomicsWorld.AsOf;

        (await Store.TryTakeLeaseAsync("test:lease", "a", now, now.AddMinutes(5))).Should().BeTrue("a lease nobody holds is free");
        (await Store.TryTakeLeaseAsync("test:lease", "b", now.AddMinutes(1), now.AddMinutes(6))).Should().BeFalse();
        (await Store.TryTakeLeaseAsync("test:lease", "a", now.AddMinutes(1), now.AddMinutes(6))).Should().BeTrue("its owner renews it");
        (await Store.TryTakeLeaseAsync("test:lease", "b", now.AddMinutes(7), now.AddMinutes(12))).Should().BeTrue("an expired lease is free");
        await Store.ReleaseLeaseAsync("test:lease", "b");
        (await Store.TryTakeLeaseAsync("test:lease", "c", now.AddMinutes(8), now.AddMinutes(9))).Should().BeTrue();
    }

    [Fact]
    public async Task Reader_ByLevelMonthAndTickets_AddUpToTheTotal()
    {
        var world = await EconomicsWorld.SeedAsync(Connections);
        await Rollup().RebuildAsync();
        var filter = new EconomicsFilter(From, To);
        var total = await Reader.TotalAsync(filter);

        foreach (var level in Enum.GetValues<EconomicsLevel>())
        {
            var rows = await Reader.ByLevelAsync(level, filter);
            Measures.Sum(rows.Select(r => r.Measures)).Should().BeEquivalentTo(total, $"the {level} rows add up to the total");
            rows.Should().OnlyContain(r => r.Name.Length > 0);
        }

        Measures.Sum((await Reader.ByMonthAsync(filter)).Select(m => m.Measures)).Should().BeEquivalentTo(total);
        var customers = await Reader.ByLevelAsync(EconomicsLevel.Customer, filter);
        customers.Select(c => c.Name).Should().BeEquivalentTo(["Northwind", "Contoso"]);
        var tickets = await Reader.TicketsAsync(filter with { OrganisationId = world.Organisations[0] }, 1000);
        tickets.Sum(t => t.Measures.LabourCostCents).Should().Be((await Reader.TotalAsync(filter with { OrganisationId = world.Organisations[0] })).LabourCostCents);
        tickets.Should().OnlyContain(t => t.OrganisationName == "Northwind" && t.Number.StartsWith("HD-", StringComparison.Ordinal));
    }

    private async Task ExpectFactsToMatchRawTablesAsync(EconomicsWorld world)
    {
        using var raw = EconomicsWorld.OpenRaw(Db);
        // Whole months only, one whole month, a month with days either side, and days with no whole month between them.
        var periods = new[]
        {
            (From, To), (new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 5)),
            (new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 9)),
        };
        foreach (var (from, to) in periods)
        {
            int?[] organisations = [null, .. world.Organisations.Select(o => (int?)o)];
            foreach (var organisation in organisations)
            {
                var expected = await IndependentFacts.ComputeAsync(raw, from, to, organisation, EconomicsWorld.AsOf);
                var actual = await Reader.TotalAsync(new EconomicsFilter(from, to) { OrganisationId = organisation });
                actual.Should().BeEquivalentTo(expected, $"the facts from {from} to {to} for organisation {organisation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} equal the raw tables");
                SupportMetrics.All(actual).Select(m => (m.Key, m.Value)).Should().Equal(SupportMetrics.All(expected).Select(m => (m.Key, m.Value)));
            }
        }
    }

    /// <summary>
    /// Every fact row as text: the daily cells, the ticket-day facts, the monthly cells, and the daily cells summed by
    /// month and key from scratch, which the monthly cells must equal.
    /// </summary>
    private async Task<(List<string> Cells, List<string> TicketDays, List<string> Months, List<string> DaysByMonth)> SnapshotAsync()
    {
        using var c = EconomicsWorld.OpenRaw(Db);
        var cells = await c.QueryAsync<string>($"SELECT {Concat("Day, OrganisationId, ContractId, ProductId, Region")} FROM DailyFacts ORDER BY Day, OrganisationId, ContractId, ProductId, Region");
        var days = await c.QueryAsync<string>($"SELECT {Concat("TicketId, Day, OrganisationId, ContractId, ProductId, Region")} FROM TicketDayFacts ORDER BY TicketId, Day");
        var months = await c.QueryAsync<string>($"SELECT {Concat("Month, OrganisationId, ContractId, ProductId, Region")} FROM MonthlyFacts ORDER BY Month, OrganisationId, ContractId, ProductId, Region");
        var sums = string.Join(", ", FactColumns.Measures.Select(m => $"SUM({m}) AS {m}"));
        var daysByMonth = await c.QueryAsync<string>($"""
            SELECT {Concat("Month, OrganisationId, ContractId, ProductId, Region")}
            FROM (SELECT substr(Day, 1, 7) AS Month, OrganisationId, ContractId, ProductId, Region, {sums}
                  FROM DailyFacts GROUP BY substr(Day, 1, 7), OrganisationId, ContractId, ProductId, Region)
            ORDER BY Month, OrganisationId, ContractId, ProductId, Region
            """);
        return ([.. cells], [.. days], [.. months], [.. daysByMonth]);
    }

    private static string Concat(string key) =>
        string.Join(" || '|' || ", key.Split(", ").Concat(FactColumns.Measures).Select(c => $"CAST({c} AS TEXT)"));

    /// <summary>Passes everything through, but throws on the given call to ApplyAsync, as a crash half-way would.</summary>
    private sealed class FailingStore(IEconomicsStore inner, int failOnApply) : DelegatingStore(inner)
    {
        public int Applied { get; private set; }

        public override async Task ApplyAsync(FactsBatch batch, DateTime nowUtc, CancellationToken cancellationToken = default)
        {
            if (Applied + 1 == failOnApply)
            {
                throw new InvalidOperationException("The process stopped here.");
            }

            await base.ApplyAsync(batch, nowUtc, cancellationToken);
            Applied++;
        }
    }

    /// <summary>Counts the cell additions a rebuild stages; with <paramref name="failOnStage"/>, throws on that call, as a crash half-way would.</summary>
    private sealed class CountingStore(IEconomicsStore inner, int failOnStage = 0) : DelegatingStore(inner)
    {
        private int _staged;

        public int Additions { get; private set; }

        public override async Task StageAsync(int rebuildId, RebuildRows rows, int ticketsDone, CancellationToken cancellationToken = default)
        {
            if (++_staged == failOnStage)
            {
                throw new InvalidOperationException("The process stopped here.");
            }

            Additions += rows.Days.Additions.Count;
            await base.StageAsync(rebuildId, rows, ticketsDone, cancellationToken);
        }
    }

    /// <summary>Holds the run inside its first batch until released, with the lease taken.</summary>
    private sealed class PausingStore(IEconomicsStore inner) : DelegatingStore(inner)
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<IReadOnlyList<EconomicsChange>> ReadChangesAsync(int take, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Release.Task;
            return await base.ReadChangesAsync(take, cancellationToken);
        }
    }
}
