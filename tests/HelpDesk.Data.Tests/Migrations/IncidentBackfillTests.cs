using Dapper;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Migrations;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.Data.Tests.Migrations;

/// <summary>
/// Migration 0006 on a database that already has tickets: the incidents they used are counted on their contracts and
/// listed, and the tickets judged without a product the catalogue knows need classification and use none.
/// </summary>
public abstract class IncidentBackfillTests : EmptyDatabaseTestBase
{
    private const string Backfill = "0006_classification_and_incidents.sql";
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Migration_CountsTheIncidentsUsed_AndFlagsTicketsWithoutAKnownProduct()
    {
        var db = Database();
        var runner = new MigrationRunner(db.Options, NullLogger<MigrationRunner>.Instance);
        var scripts = MigrationRunner.EmbeddedScripts(Provider);
        scripts.Select(s => s.Name).Should().Contain(Backfill);
        runner.Run([.. scripts.Where(s => string.CompareOrdinal(s.Name, Backfill) < 0)]).Successful.Should().BeTrue();

        var connections = db.Connections;
        var organisation = await TestRows.OrganisationAsync(connections, "Contoso");
        var requester = await TestRows.UserAsync(connections, "a@contoso.example", organisation);
        var product = await new ScopeStore(connections).CreateProductAsync(new Product { Code = "ledger", Name = "Ledger" });
        var contracts = new ContractStore(connections);
        var ids = new List<int>();
        int contractId;
        await using (var connection = await connections.OpenAsync())
        {
            // The plan and contract as the schema before the migration stores them: today's store writes later columns.
            var planId = await connection.ExecuteScalarAsync<int>(connections.Dialect.InsertReturningId("""
                INSERT INTO Plans (Code, Name, Description, ListPriceCents, IncidentAllowance, Channels, AroundTheClock, TimeZone, OpensMinute, ClosesMinute, Days)
                VALUES ('basic', 'Basic', '', 0, 6, 'Web', 1, 'UTC', 0, 1440, 'Mon,Tue,Wed,Thu,Fri')
                """));
            contractId = await connection.ExecuteScalarAsync<int>(
                connections.Dialect.InsertReturningId("""
                    INSERT INTO Contracts (OrganisationId, PlanId, StartsOn, EndsOn, TimeZone, ValueCents, Status, CreatedUtc, UpdatedUtc)
                    VALUES (@Organisation, @Plan, '2026-01-01', '2026-12-31', 'UTC', 0, 'Active', @Now, @Now)
                    """),
                new { Organisation = organisation, Plan = planId, Now });
            await connection.ExecuteAsync("INSERT INTO ContractProducts (ContractId, ProductId) VALUES (@Contract, @Product)", new { Contract = contractId, Product = product!.Id });
        }

        var contract = new Contract { Id = contractId };
        var known = JudgedTickets.Decision(Verdict.Entitled, contract.Id);
        var unknown = JudgedTickets.Decision(Verdict.Entitled, contract.Id, productCode: null) with { NeedsClassification = false };
        var outOfScope = JudgedTickets.Decision(Verdict.OutOfScope, contract.Id);
        await using (var connection = await connections.OpenAsync())
        {
            foreach (var decision in new[] { known, known, unknown, outOfScope })
            {
                ids.Add(await connection.ExecuteScalarAsync<int>(
                    connections.Dialect.InsertReturningId("""
                        INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc, Resolutions, Version, ContractId, Verdict, Entitlement)
                        VALUES (@Organisation, @Requester, 'Help', 'Web', 3, 'New', @Now, @Now, 0, 1, @ContractId, @Verdict, @Entitlement)
                        """),
                    new
                    {
                        Organisation = organisation,
                        Requester = requester,
                        Now,
                        decision.ContractId,
                        Verdict = decision.Verdict.ToString(),
                        Entitlement = TicketEntitlementColumns.Serialize(decision),
                    }));
            }
        }

        runner.Run().Successful.Should().BeTrue();

        (await contracts.CountIncidentsAsync(contract.Id)).Should().Be(2);
        (await contracts.ListIncidentsAsync(contract.Id)).Select(i => i.TicketId).Should().Equal(ids[0], ids[1]);
        var tickets = TestStores.Tickets(connections);
        (await tickets.GetAsync(ids[0], Core.Tickets.TicketScope.Staff))!.Should().Match<Core.Tickets.Ticket>(t => t.IncidentContractId == contract.Id && !t.NeedsClassification);
        (await tickets.GetAsync(ids[2], Core.Tickets.TicketScope.Staff))!.Should().Match<Core.Tickets.Ticket>(t => t.IncidentContractId == null && t.NeedsClassification);
        (await tickets.GetAsync(ids[3], Core.Tickets.TicketScope.Staff))!.Should().Match<Core.Tickets.Ticket>(t => t.IncidentContractId == null && !t.NeedsClassification);
    }
}

public sealed class SqliteIncidentBackfillTests : IncidentBackfillTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerIncidentBackfillTests : IncidentBackfillTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
