using Dapper;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tickets;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tests.Routing;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Tickets;

/// <summary>
/// On the app's own SQLite connections a new ticket's row is bound by position on SQLite's compiled statement
/// (SqliteRowStatement), and so are its first message, audit entries, acknowledgement and the acknowledgement's
/// Message-ID; through any other connection they go through Dapper. Both store the same rows, value for value and type
/// for type, and a refused insert on the kept statement leaves it ready for the next.
/// </summary>
public sealed class TicketRowByPositionTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [SkippableFact]
    public async Task A_filing_bound_by_position_stores_exactly_the_rows_it_stores_through_Dapper()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Positions");
        var person = await TestRows.UserAsync(Connections, "positions@example.test", org);
        var ticket = EveryColumn(org, person);

        var byPosition = await FileAsync(TestStores.Tickets(Db.Unrecorded), ticket);
        var byDapper = await FileAsync(TestStores.Tickets(Connections), ticket);

        // Every column but the keys, the Message-ID (a new one for each mail) and what names the ticket by its number.
        var tables = new[]
        {
            ("Tickets", "Id"),
            ("TicketMessages", "TicketId"),
            ("TicketAudit", "TicketId"),
            ("OutboxMessages", "TicketId"),
            ("TicketMailIds", "TicketId"),
        };
        foreach (var (table, key) in tables)
        {
            var stored = await StoredAsync(table, key, byPosition.Id);
            var expected = await StoredAsync(table, key, byDapper.Id);
            stored.Should().NotBeEmpty(table);
            stored.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering(), table);
        }

        var row = (await StoredAsync("Tickets", "Id", byPosition.Id)).Single();
        row["CreatedUtc"].Should().Be(("text", "'2026-03-04 05:06:07.1234567'"), "a time keeps its fraction");
        row["ClassifiedUtc"].Should().Be(("text", "'2026-03-04 05:06:00'"), "a whole second has no fraction");
        row["ModifiedSource"].Should().Be(("integer", "1"));
        row["FirstResponseMet"].Should().Be(("integer", "0"));
        row["ResolveMet"].Should().Be(("null", "NULL"));
    }

    [SkippableFact]
    public async Task A_refused_ticket_fails_its_caller_and_the_kept_statement_files_the_next()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Refused");
        var person = await TestRows.UserAsync(Connections, "refused@example.test", org);
        var tickets = TestStores.Tickets(Db.Unrecorded);

        var refused = () => tickets.CreateAsync(RoutingRows.Ticket(org, requesterId: 999_999, "No such requester"));
        (await refused.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_CONSTRAINT);
        var filed = await tickets.CreateAsync(RoutingRows.Ticket(org, person, "Filed after"));

        await using var connection = await Connections.OpenAsync();
        (await connection.QueryAsync<string>("SELECT Subject FROM Tickets WHERE OrganisationId = @org", new { org })).Should().Equal("Filed after");
        filed.Id.Should().BeGreaterThan(0);
    }

    private static Ticket EveryColumn(int org, int person)
    {
        var time = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_567);
        return RoutingRows.Ticket(org, person) with
        {
            Channel = TicketChannel.Email,
            Product = "ledger",
            ProductRelease = "4.2",
            Environment = "Linux",
            Category = "crash",
            ModifiedSource = true,
            Severity = Severity.High,
            Status = TicketStatus.Open,
            AssigneeId = person,
            Entitlement = JudgedTickets.Decision(Verdict.OutOfScope, contractId: 0) with { ContractId = null, ContractNumber = null },
            IntakeEntitlement = JudgedTickets.Decision(Verdict.NoContract, contractId: 0) with { ContractId = null, ContractNumber = null },
            NeedsClassification = true,
            ClassifiedById = person,
            ClassifiedUtc = new DateTime(2026, 3, 4, 5, 6, 0, DateTimeKind.Utc),
            NotAnIncidentReason = "A question, not an incident.",
            Override = new EntitlementOverride(Verdict.Entitled, "Goodwill for a new customer.", person, time.AddMinutes(1)),
            FirstResponseDueUtc = time.AddHours(4),
            ResolveDueUtc = time.AddDays(2),
            FirstResponseAtRiskUtc = time.AddHours(3),
            ResolveAtRiskUtc = time.AddDays(1),
            FirstResponseMet = false,
            ResolveMet = null,
            SlaState = SlaState.AtRisk,
            SlaPausedUtc = time.AddMinutes(5),
            SlaCheckUtc = time.AddMinutes(30),
            Language = "de",
            Tier = 2,
            Queue = "ledger/tier-2",
            Routing = RoutingRows.Queued("ledger/tier-2"),
            TriageReason = "Names a release we no longer ship.",
            CreatedUtc = time,
            UpdatedUtc = time.AddSeconds(1),
            FirstResponseUtc = time.AddMinutes(10),
            Resolutions = 2,
        };
    }

    private static Task<Ticket> FileAsync(TicketStore store, Ticket ticket) => store.CreateAsync(
        new NewTicket(
            ticket,
            new NewMessage(ticket.RequesterId, MessageKind.Reply, MessageBody.FromPlainText("It stops at boot.")),
            saved => [new OutboundMail(TicketMail.Acknowledgement, "positions@example.test", "We have your request", "We have it.", "<p>We have it.</p>", saved.Id)],
            ticket.CreatedUtc)
        {
            Notes = [new AuditChange("triage", null, "Names a release we no longer ship.")],
        });

    private async Task<List<Dictionary<string, (string Type, string Value)>>> StoredAsync(string table, string key, int ticketId)
    {
        string[] skipped = ["Id", "TicketId", "MessageId", "Subject"];
        await using var connection = await Connections.OpenAsync();
        var columns = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')"))
            .Where(c => !skipped.Contains(c, StringComparer.Ordinal))
            .ToList();
        var rows = new List<Dictionary<string, (string, string)>>();
        foreach (var id in await connection.QueryAsync<long>($"SELECT rowid FROM {table} WHERE {key} = @ticketId ORDER BY rowid", new { ticketId }))
        {
            var row = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                row[column] = await connection.QuerySingleAsync<(string, string)>($"SELECT typeof({column}), quote({column}) FROM {table} WHERE rowid = @id", new { id });
            }

            rows.Add(row);
        }

        return rows;
    }
}
