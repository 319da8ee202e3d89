using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class CancelAndReinstateTests
{
    private const int Manager = 5;

    private readonly InMemoryContractStore _contracts = new();
    private readonly InMemoryOrganisationStore _organisations = new();
    private readonly InMemoryProducts _products = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));

    public CancelAndReinstateTests()
    {
        _organisations.Organisations.Add(new Organisation { Id = 2, Name = "Northwind Traders", Version = 1 });
        _contracts.Plans.Add(new Plan { Id = 3, Code = "premium", Name = "Premium", Version = 1 });
        _products.Products.Add(new Product { Id = 1, Code = "keel", Name = "Keel RTOS" });
        _products.Products.Add(new Product { Id = 4, Code = "mooring", Name = "Mooring" });
    }

    private CancelContract Cancel => new(_contracts, _organisations, _products, _clock);

    private ReinstateContract Reinstate => new(_contracts, _organisations, _products, _clock);

    private Contract Add(int id, ContractStatus status = ContractStatus.Active, int? renews = null, DateOnly? startsOn = null, DateOnly? endsOn = null)
    {
        var contract = new Contract
        {
            Id = id,
            OrganisationId = 2,
            PlanId = 3,
            ProductIds = [1, 4],
            StartsOn = startsOn ?? new DateOnly(2026, 1, 1),
            EndsOn = endsOn ?? new DateOnly(2026, 12, 31),
            TimeZone = "America/New_York",
            ValueCents = 14_500_000,
            RenewsContractId = renews,
            Status = status,
            Version = 4,
        };
        _contracts.Contracts.Add(contract);
        return contract;
    }

    [Fact]
    public async Task Describe_SaysWhichOpenTicketsLoseCoverage_AndThatItCanBeReinstated()
    {
        Add(1);
        _contracts.OpenTickets[1] = [12, 15, 19];

        var described = (await Cancel.DescribeAsync(1)).Value!;

        described.OrganisationName.Should().Be("Northwind Traders");
        described.PlanName.Should().Be("Premium");
        described.ProductNames.Should().Equal("Keel RTOS", "Mooring");
        described.Consequences.Should().Equal(
            "From now on C-0001 entitles no one to support: new requests from Northwind Traders about Keel RTOS and Mooring no longer find it.",
            "3 open tickets lose coverage: HD-12, HD-15 and HD-19. Each keeps the verdict it was filed with until it is judged again.",
            "It can be reinstated later, unless another contract then covers the same products on the same days.");
    }

    [Fact]
    public async Task Describe_NamesTheRenewalItAffects()
    {
        Add(1, startsOn: new DateOnly(2025, 1, 1), endsOn: new DateOnly(2025, 12, 31));
        Add(2, renews: 1);

        (await Cancel.DescribeAsync(2)).Value!.Consequences.Should().Contain("It renews C-0001, which will read as expired rather than renewed.");
        (await Cancel.DescribeAsync(1)).Value!.Consequences.Should().Contain("C-0002 renews it and is not affected.");
    }

    [Fact]
    public async Task Cancel_MarksTheContractCancelled_WithAnAuditLineSayingWhoAndWhatFollowed()
    {
        Add(7);
        _contracts.OpenTickets[7] = [40];

        var result = await Cancel.HandleAsync(7, 4, Manager);

        result.Succeeded.Should().BeTrue();
        _contracts.Contracts.Single().Status.Should().Be(ContractStatus.Cancelled);
        _contracts.Contracts.Single().Version.Should().Be(5);
        var line = _contracts.Audit.Single();
        line.Should().BeEquivalentTo(new { Subject = AuditSubjects.Contract, SubjectId = 7, ActorId = Manager, Action = "cancelled", AtUtc = new DateTime(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc) });
        line.Detail.Should().Contain("1 open ticket loses coverage: HD-40.").And.NotContain("reinstated");
    }

    [Fact]
    public async Task Cancel_ReportsAConflict_WhenTheVersionIsStale()
    {
        Add(7);

        var result = await Cancel.HandleAsync(7, 3, Manager);

        result.Failure.Should().Be(Failure.Conflict);
        _contracts.Contracts.Single().Status.Should().Be(ContractStatus.Active);
        _contracts.Audit.Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_RefusesAContractAlreadyCancelled()
    {
        Add(7, ContractStatus.Cancelled);

        var result = await Cancel.HandleAsync(7, 4, Manager);

        result.Errors.Single().Message.Should().Be("C-0007 is already cancelled.");
    }

    [Fact]
    public async Task Reinstate_MakesACancelledContractActiveAgain_WithAnAuditLine()
    {
        Add(7, ContractStatus.Cancelled);

        var result = await Reinstate.HandleAsync(7, 4, Manager);

        result.Succeeded.Should().BeTrue();
        _contracts.Contracts.Single().Status.Should().Be(ContractStatus.Active);
        _contracts.Audit.Single().Should().BeEquivalentTo(new
        {
            Subject = AuditSubjects.Contract,
            SubjectId = 7,
            ActorId = Manager,
            Action = "reinstated",
            Detail = "C-0007 entitles Northwind Traders to support again.",
        });
    }

    [Fact]
    public async Task Reinstate_IsRefused_WhenAnotherActiveContractNowCoversTheSameProductsOnTheSameDays()
    {
        Add(7, ContractStatus.Cancelled);
        Add(8, startsOn: new DateOnly(2026, 6, 1), endsOn: new DateOnly(2027, 5, 31));

        var result = await Reinstate.HandleAsync(7, 4, Manager);

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Single().Message.Should().Be("C-0007 cannot be reinstated: C-0008 already covers Keel RTOS and Mooring for Northwind Traders from 1 Jun 2026 to 31 May 2027.");
        _contracts.Contracts.Single(c => c.Id == 7).Status.Should().Be(ContractStatus.Cancelled);
        _contracts.Audit.Should().BeEmpty();
    }

    [Fact]
    public async Task Reinstate_IsRefused_WhenTheContractItRenewsHasBeenRenewedByAnother()
    {
        Add(1, startsOn: new DateOnly(2025, 1, 1), endsOn: new DateOnly(2025, 12, 31));
        Add(7, ContractStatus.Cancelled, renews: 1);
        // C-0009 renews C-0001 for another product, so only the renewal stands in the way, not an overlap.
        var renewal = Add(9, renews: 1);
        _contracts.Contracts[_contracts.Contracts.IndexOf(renewal)] = renewal with { ProductIds = [99] };

        var result = await Reinstate.HandleAsync(7, 4, Manager);

        result.Errors.Single().Message.Should().Be("C-0007 cannot be reinstated: C-0001 is already renewed by C-0009.");
    }

    [Fact]
    public async Task Reinstate_RefusesAContractThatIsNotCancelled_AndAStaleVersion()
    {
        Add(7);
        Add(8, ContractStatus.Cancelled, startsOn: new DateOnly(2028, 1, 1), endsOn: new DateOnly(2028, 12, 31));

        (await Reinstate.HandleAsync(7, 4, Manager)).Errors.Single().Message.Should().Be("C-0007 is not cancelled.");
        (await Reinstate.HandleAsync(8, 3, Manager)).Failure.Should().Be(Failure.Conflict);
    }
}
