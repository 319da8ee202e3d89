using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Contracts;

/// <summary>
/// Many tickets filed at the same instant for the last incidents of a contract, each through its own connections,
/// on a real database file: exactly the allowance is used, and every ticket is saved with a verdict that says so.
/// </summary>
public abstract class IncidentConcurrencyTests : ProviderTestBase
{
    private const int Allowance = 6;
    private const int UsedBefore = 4;
    private const int Filers = 16;
    private static readonly DateTime Now = new(2026, 3, 2, 10, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task TicketsFiledAtOnce_UseExactlyTheIncidentsLeft_AndTheRestAreJudgedAllowanceUsed()
    {
        var contracts = new ContractStore(Connections);
        var organisation = await TestRows.OrganisationAsync(Connections, "Tailspin");
        var requester = await TestRows.UserAsync(Connections, "a@tailspin.example", organisation);
        var product = await new ScopeStore(Connections).CreateProductAsync(new Product { Code = "ledger", Name = "Ledger" });
        var plan = await contracts.SavePlanAsync(new Plan
        {
            Code = "basic",
            Name = "Basic",
            Channels = SupportChannels.Web,
            IncidentAllowance = Allowance,
            Targets = [new SlaTarget(Severity.Normal, 240, 2400)],
        });
        var contract = await contracts.SaveContractAsync(new Contract { OrganisationId = organisation, PlanId = plan!.Id, ProductIds = [product!.Id], StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) });
        for (var i = 0; i < UsedBefore; i++)
        {
            await JudgedTickets.CreateAsync(Connections, organisation, requester, JudgedTickets.Decision(Verdict.Entitled, contract!.Id), Now, $"earlier {i}");
        }

        // Intake as the host wires it, with the real stores: judge, then save with the incident in one transaction.
        var fileTicket = new FileTicket(
            TestStores.Tickets(Connections),
            new PeopleDirectory(Connections),
            [new JudgeEntitlement(new CheckEntitlement(new EntitlementFactsSource(Connections)))],
            AttachmentPolicy.Default,
            new FixedClock(Now.AddHours(1)));
        using var start = new Barrier(Filers);

        // Each on a thread of its own, all let go at once: SQLite's driver runs "async" calls synchronously, so on the
        // shared pool the first filer could be done before the pool had started the others.
        var filed = await Task.WhenAll(Enumerable.Range(0, Filers).Select(i => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                return await fileTicket.HandleAsync(new FileTicketRequest
                {
                    RequesterId = requester,
                    OrganisationId = organisation,
                    Channel = TicketChannel.Web,
                    Subject = $"At once {i}",
                    Body = "The ledger stops posting.",
                    Product = "ledger",
                });
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        filed.Should().OnlyContain(r => r.Succeeded, "every request becomes a ticket, whatever its verdict");
        var verdicts = filed.Select(r => r.Value!.Entitlement!.Verdict).ToList();
        verdicts.Count(v => v == Verdict.Entitled).Should().Be(Allowance - UsedBefore);
        verdicts.Count(v => v == Verdict.AllowanceUsed).Should().Be(Filers - (Allowance - UsedBefore));
        filed.Where(r => r.Value!.Entitlement!.Verdict == Verdict.Entitled).Should().OnlyContain(r => r.Value!.IncidentContractId == contract!.Id);
        filed.Where(r => r.Value!.Entitlement!.Verdict == Verdict.AllowanceUsed).Should().OnlyContain(r => r.Value!.IncidentContractId == null && r.Value.ResolveDueUtc == null);
        (await contracts.CountIncidentsAsync(contract!.Id)).Should().Be(Allowance);
        (await contracts.ListIncidentsAsync(contract.Id)).Should().HaveCount(Allowance).And.OnlyContain(i => !i.GivenBack);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets WHERE Verdict = 'Entitled'")).Should().Be(Allowance, "what is stored agrees with the count");
    }

    private sealed class FixedClock(DateTime nowUtc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(nowUtc);
    }
}

public sealed class SqliteIncidentConcurrencyTests : IncidentConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerIncidentConcurrencyTests : IncidentConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
