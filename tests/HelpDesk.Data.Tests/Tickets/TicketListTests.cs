using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// Lists page by key in every sort without repeating or skipping a ticket while tickets change between pages, and
/// text search finds words in the subject, the requester, the replies and (for staff only) the internal notes.
/// </summary>
public abstract class TicketListTests : ProviderTestBase
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private TicketStore Store => TestStores.Tickets(Connections);

    public static TheoryData<TicketSort> Sorts() => [.. Enum.GetValues<TicketSort>()];

    private async Task<int> InsertTicketAsync(int organisation, int requester, string subject, int n, int? assignee = null, string status = "Open")
    {
        await using var connection = await Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, AssigneeId, CreatedUtc, UpdatedUtc, QueueDueUtc, Version)
            VALUES (@Organisation, @Requester, @Subject, 'Web', @Severity, @Status, @Assignee, @Created, @Updated, @Due, 1)
            """), new
        {
            Organisation = organisation,
            Requester = requester,
            Subject = subject,
            Severity = 1 + (n % 4),

            // Ties in every sort key, so the id has to break them.
            Created = Start.AddHours(n / 3),
            Updated = Start.AddHours(n / 2),
            Due = n % 5 == 0 ? new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) : Start.AddDays(1).AddHours(n % 7),
            Status = status,
            Assignee = assignee,
        });
    }

    private async Task TouchAsync(int ticketId, DateTime updated)
    {
        await using var connection = await Connections.OpenAsync();
        await connection.ExecuteAsync("UPDATE Tickets SET UpdatedUtc = @Updated, Version = Version + 1 WHERE Id = @Id", new { Id = ticketId, Updated = updated });
    }

    private async Task<List<TicketSummary>> AllPagesAsync(TicketQuery query, Func<int, Task>? betweenPages = null)
    {
        var rows = new List<TicketSummary>();
        TicketCursor? after = null;
        for (var page = 0; page < 100; page++)
        {
            var result = await Store.ListAsync(query with { After = after });
            rows.AddRange(result.Items);
            if (result.Next is null)
            {
                return rows;
            }

            TicketCursor.TryDecode(result.Next, query.Sort, out after).Should().BeTrue();
            if (betweenPages is not null)
            {
                await betweenPages(page);
            }
        }

        throw new InvalidOperationException("The list did not end.");
    }

    private static IEnumerable<TicketSummary> InOrder(IEnumerable<TicketSummary> rows, TicketSort sort) => sort switch
    {
        TicketSort.Created => rows.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id),
        TicketSort.Severity => rows.OrderBy(r => r.Severity).ThenByDescending(r => r.Id),
        TicketSort.Due => rows.OrderBy(r => r.NextDueUtc ?? DateTime.MaxValue).ThenBy(r => r.Severity).ThenBy(r => r.CreatedUtc).ThenBy(r => r.Id),
        _ => rows.OrderByDescending(r => r.UpdatedUtc).ThenByDescending(r => r.Id),
    };

    [SkippableTheory]
    [MemberData(nameof(Sorts))]
    public async Task Paging_ReturnsEveryUnchangedTicketOnce_InOrder_WhileTicketsChangeBetweenPages(TicketSort sort)
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "a@alpha.example", org);
        var engineer = await TestRows.UserAsync(Connections, "eng@helpdesk.test");
        var ids = new List<int>();
        for (var n = 0; n < 40; n++)
        {
            ids.Add(await InsertTicketAsync(org, customer, $"Ticket {n}", n, n % 2 == 0 ? engineer : null, n % 3 == 0 ? "New" : "Open"));
        }

        var changed = new HashSet<int>();
        var filed = new List<int>();
        foreach (var query in new[]
        {
            new TicketQuery { Scope = TicketScope.Staff, Sort = sort, Take = 6 },
            new TicketQuery { Scope = TicketScope.Staff, Statuses = [TicketStatus.New, TicketStatus.Open], Sort = sort, Take = 6 },
            new TicketQuery { Scope = TicketScope.Staff, AssigneeId = engineer, Sort = sort, Take = 4 },
            new TicketQuery { Scope = TicketScope.Staff, AssigneeId = engineer, Statuses = [TicketStatus.New, TicketStatus.Open], Sort = sort, Take = 4 },
            new TicketQuery { Scope = TicketScope.ForOrganisation(org), Sort = sort, Take = 5 },
        })
        {
            changed.Clear();
            var rows = await AllPagesAsync(query, async page =>
            {
                // Between pages a ticket is updated (it moves in the updated order) and a new one is filed.
                var moved = ids[(page * 7) % ids.Count];
                changed.Add(moved);
                await TouchAsync(moved, Start.AddDays(30 + page));
                var added = await InsertTicketAsync(org, customer, $"Filed while paging {page}", 100 + page, engineer);
                filed.Add(added);
                changed.Add(added);
            });

            rows.Select(r => r.Id).Should().OnlyHaveUniqueItems($"no ticket shows twice in {query.Sort} order");
            var expected = query.AssigneeId is null ? ids : ids.Where((_, n) => n % 2 == 0);
            rows.Select(r => r.Id).Should().Contain(expected.Except(changed), "every ticket that did not change is on a page");
            var steady = rows.Where(r => !changed.Contains(r.Id)).ToList();
            steady.Select(r => r.Id).Should().Equal(InOrder(steady, sort).Select(r => r.Id), "the pages follow the sort order");
        }
    }

    [SkippableFact]
    public async Task Search_FindsWordsInSubjectRequesterAndReplies_AndNotesOnlyForStaff()
    {
        var alpha = await TestRows.OrganisationAsync(Connections, "Alpha");
        var beta = await TestRows.OrganisationAsync(Connections, "Beta");
        var alice = await TestRows.UserAsync(Connections, "alice.zimmer@alpha.example", alpha);
        var bob = await TestRows.UserAsync(Connections, "bob@beta.example", beta);
        var bySubject = await InsertTicketAsync(alpha, alice, "Printer on fire", 1);
        var byReply = await InsertTicketAsync(alpha, alice, "Question", 2);
        await TestRows.MessageAsync(Connections, byReply, "Reply", "The gateway firmware crashed twice.", Start);
        var byNote = await InsertTicketAsync(alpha, alice, "Another question", 3);
        await TestRows.MessageAsync(Connections, byNote, "Note", "Suspect the gateway quota, internal only.", Start);
        var otherOrganisation = await InsertTicketAsync(beta, bob, "Printer smoking as well", 4);

        async Task<IEnumerable<int>> Find(string text, TicketScope scope) =>
            (await Store.ListAsync(new TicketQuery { Scope = scope, Text = text })).Items.Select(t => t.Id);

        (await Find("printer", TicketScope.Staff)).Should().BeEquivalentTo([bySubject, otherOrganisation]);
        (await Find("print FIRE", TicketScope.Staff)).Should().Equal([bySubject], "every word, each as a word's start, any case");
        (await Find("firmware", TicketScope.Staff)).Should().Equal([byReply]);
        (await Find("zimmer", TicketScope.Staff)).Should().BeEquivalentTo([bySubject, byReply, byNote], "the requester's name and address are searched");
        (await Find("quota", TicketScope.Staff)).Should().Equal([byNote], "staff search internal notes");

        var customer = TicketScope.ForOrganisation(alpha);
        (await Find("quota", customer)).Should().BeEmpty("a customer never matches on internal notes");
        (await Find("gateway", customer)).Should().Equal([byReply], "a customer matches on replies, not notes");
        (await Find("printer", customer)).Should().Equal([bySubject], "a customer sees only their organisation's tickets");
        (await Find(bySubject.ToString(System.Globalization.CultureInfo.InvariantCulture), customer)).Should().Equal([bySubject]);
        (await Find(otherOrganisation.ToString(System.Globalization.CultureInfo.InvariantCulture), customer)).Should().BeEmpty();
        (await Find("\"* OR NOT :", TicketScope.Staff)).Should().BeEmpty("the search syntax of the engine is not the user's: words only");
    }

    [SkippableFact]
    public async Task Search_KeepsTheSubjectInStep_WhenATicketIsRenamed_AndPagesInOrder()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Alpha");
        var customer = await TestRows.UserAsync(Connections, "a@alpha.example", org);
        var ids = new List<int>();
        for (var n = 0; n < 9; n++)
        {
            ids.Add(await InsertTicketAsync(org, customer, $"Disk full on node {n}", n));
        }

        await using (var connection = await Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Tickets SET Subject = 'Network flapping', Version = Version + 1 WHERE Id = @Id", new { Id = ids[0] });
        }

        var found = await AllPagesAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "disk", Sort = TicketSort.Created, Take = 2 });
        found.Select(t => t.Id).Should().Equal(ids.Skip(1).Reverse(), "newest first, without the renamed ticket");
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "flapping" })).Items.Should().ContainSingle(t => t.Id == ids[0]);
    }

    [SkippableFact]
    public async Task Search_MatchingManyTickets_ListsTheSameTicketsInOrder_WhetherGatheredOrCheckedRowByRow_AndKeepsCustomersToTheirOwn()
    {
        var alpha = await TestRows.OrganisationAsync(Connections, "Alpha");
        var beta = await TestRows.OrganisationAsync(Connections, "Beta");
        var alice = await TestRows.UserAsync(Connections, "alice@alpha.example", alpha);
        var bob = await TestRows.UserAsync(Connections, "bob@beta.example", beta);

        // More matches than a search reads by id: "webhook" and "webhooks" in most subjects, every subject a "ref"
        // word of its own (a prefix starting more whole words than are looked up one by one), and a note mentioning
        // a webhook on tickets whose subject does not.
        const int count = TicketListSql.FewMatches + 300;
        var subjects = new Dictionary<int, string>();
        var noted = new HashSet<int>();
        await using (var connection = await Connections.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var n = 0; n < count; n++)
            {
                var subject = (n % 5) switch
                {
                    0 => $"Printer jam ref{n}",
                    1 => $"Webhooks down ref{n}",
                    _ => $"Webhook fails ref{n}",
                };
                var id = await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
                    INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc, QueueDueUtc, Version)
                    VALUES (@Organisation, @Requester, @Subject, 'Web', @Severity, 'Open', @Created, @Updated, @Due, 1)
                    """), new
                {
                    Organisation = n % 3 == 0 ? beta : alpha,
                    Requester = n % 3 == 0 ? bob : alice,
                    Subject = subject,
                    Severity = 1 + (n % 4),
                    Created = Start.AddMinutes(n / 3),
                    Updated = Start.AddMinutes((n * 7919) % count / 2),
                    Due = n % 5 == 0 ? new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) : Start.AddDays(1).AddMinutes(n % 97),
                }, transaction);
                subjects[id] = subject;
                if (n % 5 == 0 && n % 2 == 0)
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc) VALUES (@TicketId, NULL, 'Note', 'Checked the webhook log', '', @Now)",
                        new { TicketId = id, Now = Start }, transaction);
                    noted.Add(id);
                }
            }

            await transaction.CommitAsync();
        }

        var customer = TicketScope.ForOrganisation(alpha);
        foreach (var sort in Enum.GetValues<TicketSort>())
        {
            var everyStaffRow = await AllPagesAsync(new TicketQuery { Scope = TicketScope.Staff, Sort = sort, Take = 500 });
            var everyAlphaRow = await AllPagesAsync(new TicketQuery { Scope = customer, Sort = sort, Take = 500 });
            everyStaffRow.Should().HaveCount(count);
            var inSubject = subjects.Where(s => s.Value.StartsWith("Webhook", StringComparison.Ordinal)).Select(s => s.Key).ToHashSet();
            inSubject.Count.Should().BeGreaterThan(TicketListSql.FewMatches, "the words match more tickets than are read by id");

            foreach (var (scope, everyRow, text, matching) in new (TicketScope, List<TicketSummary>, string, HashSet<int>)[]
            {
                (TicketScope.Staff, everyStaffRow, "webhook", [.. inSubject, .. noted]),
                (TicketScope.Staff, everyStaffRow, "WEBHOOKS", [.. subjects.Where(s => s.Value.StartsWith("Webhooks", StringComparison.Ordinal)).Select(s => s.Key)]),
                (TicketScope.Staff, everyStaffRow, "webhook ref", [.. inSubject, .. noted]),
                (customer, everyAlphaRow, "webhook", inSubject),
                (customer, everyAlphaRow, "webhook ref", inSubject),
            })
            {
                var expected = InOrder(everyRow.Where(r => matching.Contains(r.Id)), sort).Select(r => r.Id).ToList();
                expected.Should().NotBeEmpty();
                var query = new TicketQuery { Scope = scope, Text = text, Sort = sort, Take = 25 };

                // Through the store, page by page: it reads the list the way the words' commonness asks for.
                (await AllPagesAsync(query)).Select(r => r.Id).Should().Equal(expected, $"{text} for {scope}, {sort}, page by page");

                // Each way of reading the list in its order, in one page: every match gathered first, or the newest
                // matches kept and each older row checked against the full-text index.
                foreach (var olderChecked in new[] { false, true })
                {
                    await using var connection = await Connections.OpenAsync();
                    var terms = await TicketSearchTokens.OfAsync(connection, Connections.Dialect, TicketListSql.WordsOf(query)!, CancellationToken.None);
                    var search = Connections.Dialect.TicketSearchQuery(terms!, scope.IncludeInternal);
                    var newest = olderChecked ? (await connection.QueryAsync<long>(TicketListSql.MatchesOf(search, scope, Connections.Dialect, newestFirst: true))).AsList() : null;
                    var command = TicketListSql.Build(query with { Take = count }, Connections.Dialect, newest, search, olderChecked)!.Value;
                    var rows = (await connection.QueryAsync<TicketSummary>(command)).Select(r => r.Id).ToList();
                    rows.Should().Equal(expected, $"{text} for {scope}, {sort}, {(olderChecked ? "older rows checked one by one" : "gathered")}");
                }
            }
        }

        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "webhookless" })).Items.Should().BeEmpty("no word starts so");
    }
}

public sealed class SqliteTicketListTests : TicketListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketListTests : TicketListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
