using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// SQLite's own plan for every ticket list the API, the desk and the portal can ask for — each role, tab or queue,
/// sort, combination of filters, text search and page — reads Tickets through an index in the list's order: no full
/// scan of the table and no sorting of the matches in a temporary B-tree. The rule for text search: when the
/// full-text index finds more than <see cref="TicketListSql.FewMatches"/> tickets the list is read in index order like
/// any other; when it finds at most that many, those tickets are read by id and sorted — the only sort, and bounded.
/// </summary>
public sealed partial class TicketListPlanTests : IDisposable
{
    private static readonly TicketStatus[] Open = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold];

    private readonly TestDatabase _db = TestDatabase.MigratedSqlite();

    public void Dispose() => _db.Dispose();

    /// <summary>Every query the list offers, generated: role × tab × sort × filter combination × search × first or later page.</summary>
    public static IEnumerable<TicketQuery> Variants()
    {
        TicketScope[] scopes = [TicketScope.Staff, TicketScope.ForOrganisation(7)];
        IReadOnlyList<TicketStatus>[] statusSets = [[], [TicketStatus.Open], Open, [TicketStatus.Resolved], [TicketStatus.Closed]];
        string?[] texts = [null, "printer fire", "HD-42"];
        foreach (var scope in scopes)
        {
            foreach (var sort in Enum.GetValues<TicketSort>())
            {
                foreach (var statuses in statusSets)
                {
                    foreach (var text in texts)
                    {
                        // Seven filters, each on or off: organisation, severity, product, assignee, unassigned, queue, triage.
                        for (var filters = 0; filters < 1 << 7; filters++)
                        {
                            bool On(int bit) => (filters & (1 << bit)) != 0;
                            if (On(3) && On(4))
                            {
                                continue;
                            }

                            var query = new TicketQuery
                            {
                                Scope = scope,
                                Statuses = statuses,
                                OrganisationId = On(0) ? 3 : null,
                                Severity = On(1) ? Severity.High : null,
                                Product = On(2) ? "keel" : null,
                                AssigneeId = On(3) ? 11 : null,
                                UnassignedOnly = On(4),
                                Queue = On(5) ? "keel/tier-2" : null,
                                TriageOnly = On(6),
                                Text = text,
                                Sort = sort,
                            };
                            yield return query;
                            yield return query with { After = new TicketCursor(sort, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, 500) { DueSeverity = Severity.Normal, DueCreatedTicks = 1 } };
                        }
                    }
                }
            }
        }

        // The duplicates of a ticket, as its page lists them.
        yield return new TicketQuery { Scope = TicketScope.Staff, DuplicateOfId = 5, Sort = TicketSort.Created, Take = 100 };
        yield return new TicketQuery { Scope = TicketScope.ForOrganisation(7), DuplicateOfId = 5, Sort = TicketSort.Created, Take = 100 };
    }

    [Fact]
    public async Task EveryListVariant_ReadsTicketsInIndexOrder_WithoutAFullScanOrASort()
    {
        await using var connection = await _db.Connections.OpenAsync();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in Variants())
        {
            var command = TicketListSql.Build(query, SqlDialect.Sqlite)!.Value;
            if (!seen.Add(command.CommandText))
            {
                continue;
            }

            var plan = await PlanOfAsync(connection, command);
            if (plan.Any(r => IsFullScanOfTickets(r.Detail) || r.Detail.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)))
            {
                problems.Add($"{Describe(query)}:\n  {string.Join("\n  ", plan.Select(r => r.Detail))}");
            }
        }

        seen.Should().HaveCountGreaterThan(500, "the variants make many distinct queries");
        problems.Should().BeEmpty("every list is read in index order");
    }

    [Fact]
    public async Task EverySearchVariant_WithFewMatches_ReadsThoseTicketsById_AndSortsOnlyThem()
    {
        await using var connection = await _db.Connections.OpenAsync();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in Variants().Where(q => TicketListSql.WordsOf(q) is { Count: > 0 }))
        {
            var command = TicketListSql.Build(query, SqlDialect.Sqlite, matches: [3, 5, 8])!.Value;
            if (!seen.Add(command.CommandText))
            {
                continue;
            }

            var plan = await PlanOfAsync(connection, command);
            if (plan.Any(r => IsFullScanOfTickets(r.Detail) || r.Detail.StartsWith("SCAN t USING", StringComparison.Ordinal))
                || !plan.Any(r => r.Detail.StartsWith("SEARCH t USING INTEGER PRIMARY KEY", StringComparison.Ordinal)))
            {
                problems.Add($"{Describe(query)}:\n  {string.Join("\n  ", plan.Select(r => r.Detail))}");
            }
        }

        seen.Should().HaveCountGreaterThan(100, "the search variants make many distinct queries");
        problems.Should().BeEmpty("the few matches of a search are read by id, never by walking an index of all tickets");
    }

    [Fact]
    public async Task EverySearchVariant_WithManyMatches_KeepingTheNewestAndCheckingOlderRows_ReadsTicketsInIndexOrder_WithoutGatheringTheMatches()
    {
        await using var connection = await _db.Connections.OpenAsync();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in Variants().Where(q => TicketListSql.WordsOf(q) is { Count: > 0 }))
        {
            var command = TicketListSql.Build(query, SqlDialect.Sqlite, matches: [3, 5, 8], search: "\"printer\"", olderChecked: true)!.Value;
            if (!seen.Add(command.CommandText))
            {
                continue;
            }

            var plan = await PlanOfAsync(connection, command);
            var search = plan.Where(r => r.Detail.Contains("TicketSearch", StringComparison.Ordinal)).ToList();
            if (plan.Any(r => IsFullScanOfTickets(r.Detail) || r.Detail.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
                || search.Count == 0 || !search.All(r => SeeksOneTicket().IsMatch(r.Detail)))
            {
                problems.Add($"{Describe(query)}:\n  {string.Join("\n  ", plan.Select(r => r.Detail))}");
            }
        }

        seen.Should().HaveCountGreaterThan(100, "the search variants make many distinct queries");
        problems.Should().BeEmpty("the list is read in index order and the full-text index is only entered at one ticket's id");
    }

    private static async Task<List<PlanRow>> PlanOfAsync(System.Data.Common.DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<PlanRow>("EXPLAIN QUERY PLAN " + command.CommandText, command.Parameters)).ToList();

    private static bool IsFullScanOfTickets(string detail) =>
        (detail.StartsWith("SCAN t", StringComparison.Ordinal) && (detail.Length == 6 || detail[6] == ' ') || detail.StartsWith("SCAN Tickets", StringComparison.Ordinal))
        && !detail.Contains("USING", StringComparison.Ordinal);

    private static string Describe(TicketQuery query) =>
        $"scope {query.Scope}, statuses [{string.Join(',', query.Statuses)}], org {query.OrganisationId}, severity {query.Severity}, product {query.Product}, "
        + $"assignee {query.AssigneeId}, unassigned {query.UnassignedOnly}, queue {query.Queue}, triage {query.TriageOnly}, text {query.Text}, "
        + $"sort {query.Sort}, after {query.After is not null}";

    // The full-text table entered at one ticket's id (FTS5's plan string holds '=' for rowid = ?), once per row read.
    [GeneratedRegex(@"^SCAN TicketSearch .*VIRTUAL TABLE INDEX \d+:\S*=")]
    private static partial Regex SeeksOneTicket();

    private sealed class PlanRow
    {
        public long Id { get; init; }

        public long Parent { get; init; }

        public string Detail { get; init; } = "";
    }
}
