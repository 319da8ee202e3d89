using Dapper;
using HelpDesk.Data.Infrastructure;
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
/// (SqliteRowStatement); through any other connection it goes through Dapper. Both store the same row, value for value
/// and type for type, and a refused insert on the kept statement leaves it ready for the next.
/// </summary>
public sealed class TicketRowByPositionTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [SkippableFact]
    public async Task A_ticket_bound_by_position_is_stored_exactly_as_through_Dapper()
    {
        var org = await TestRows.OrganisationAsync(Connections, "Positions");
        var person = await TestRows.UserAsync(Connections, "positions@example.test", org);
        var ticket = EveryColumn(org, person);

        var byPosition = await TestStores.Tickets(Db.Unrecorded).CreateAsync(ticket with { Subject = "By position" });
        var byDapper = await TestStores.Tickets(Connections).CreateAsync(ticket with { Subject = "By Dapper" });

        var stored = await StoredAsync(byPosition.Id);
        var expected = await StoredAsync(byDapper.Id);
        stored.Remove("Id");
        expected.Remove("Id");
        stored["Subject"].Should().Be(("text", "'By position'"));
        stored.Remove("Subject");
        expected.Remove("Subject");
        stored.Should().Equal(expected);
        stored["CreatedUtc"].Should().Be(("text", "'2026-03-04 05:06:07.1234567'"), "a time keeps its fraction");
        stored["ClassifiedUtc"].Should().Be(("text", "'2026-03-04 05:06:00'"), "a whole second has no fraction");
        stored["ModifiedSource"].Should().Be(("integer", "1"));
        stored["FirstResponseMet"].Should().Be(("integer", "0"));
        stored["ResolveMet"].Should().Be(("null", "NULL"));
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

    private async Task<Dictionary<string, (string Type, string Value)>> StoredAsync(int id)
    {
        await using var connection = await Connections.OpenAsync();
        var columns = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info('Tickets')")).ToList();
        var row = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            row[column] = await connection.QuerySingleAsync<(string, string)>(
                $"SELECT typeof({column}), quote({column}) FROM Tickets WHERE Id = @id", new { id });
        }

        return row;
    }
}
