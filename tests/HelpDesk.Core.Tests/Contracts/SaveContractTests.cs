using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class SaveContractTests
{
    private readonly InMemoryContractStore _contracts = new();
    private readonly InMemoryOrganisationStore _organisations = new();
    private readonly InMemoryProducts _products = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));

    public SaveContractTests()
    {
        _organisations.Organisations.Add(new Organisation { Id = 1, Name = "Northwind", Version = 1 });
        _organisations.Organisations.Add(new Organisation { Id = 2, Name = "Contoso", Version = 1 });
        _contracts.Plans.Add(new Plan { Id = 1, Code = "standard", Name = "Standard", Version = 1 });
        _products.Products.Add(new Product { Id = 1, Code = "atlas", Name = "Atlas" });
        _products.Products.Add(new Product { Id = 2, Code = "beacon", Name = "Beacon" });
    }

    private static SaveContractRequest Valid() => new()
    {
        OrganisationId = 1,
        PlanId = 1,
        ProductIds = [1],
        StartsOn = new DateOnly(2026, 4, 1),
        EndsOn = new DateOnly(2027, 3, 31),
        Value = "12,000.00",
        TimeZone = "Europe/Berlin",
    };

    private Task<Result<Contract>> SaveAsync(SaveContractRequest request) =>
        new SaveContract(_contracts, _organisations, _products, _clock, Currency.Default).HandleAsync(request);

    private Contract Existing(int id, int organisationId, DateOnly startsOn, DateOnly endsOn, ContractStatus status = ContractStatus.Active, params int[] products)
    {
        var contract = new Contract
        {
            Id = id,
            OrganisationId = organisationId,
            PlanId = 1,
            ProductIds = products.Length == 0 ? [1] : products,
            StartsOn = startsOn,
            EndsOn = endsOn,
            TimeZone = "UTC",
            Status = status,
            Version = 1,
        };
        _contracts.Contracts.Add(contract);
        return contract;
    }

    [Fact]
    public async Task Handle_SavesTheContract_WhenEverythingIsValid()
    {
        var result = await SaveAsync(Valid() with { ProductIds = [2, 1, 2] });

        result.Succeeded.Should().BeTrue();
        var saved = _contracts.Contracts.Single();
        saved.ValueCents.Should().Be(1200000);
        saved.ProductIds.Should().Equal(1, 2);
        saved.Status.Should().Be(ContractStatus.Active);
        saved.TimeZone.Should().Be("Europe/Berlin");
        saved.CreatedUtc.Should().Be(new DateTime(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc));
    }

    public static TheoryData<string, Func<SaveContractRequest, SaveContractRequest>, string> BrokenRules() => new()
    {
        { "organisationId", r => r with { OrganisationId = null }, "Choose the organisation the contract is with." },
        { "organisationId", r => r with { OrganisationId = 99 }, "That organisation no longer exists; choose another." },
        { "planId", r => r with { PlanId = null }, "Choose the plan the contract is on." },
        { "planId", r => r with { PlanId = 99 }, "That plan no longer exists; choose another." },
        { "productIds", r => r with { ProductIds = [] }, "Choose at least one product the contract covers." },
        { "productIds", r => r with { ProductIds = [1, 99] }, "One of the chosen products no longer exists" },
        { "startsOn", r => r with { StartsOn = null }, "Enter the first day of the contract." },
        { "endsOn", r => r with { EndsOn = null }, "Enter the last day of the contract." },
        { "endsOn", r => r with { StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2026, 3, 1) }, "The contract ends on 1 Mar 2026, before it starts on 1 Apr 2026." },
        { "value", r => r with { Value = "-1" }, "The amount cannot be negative." },
        { "value", r => r with { Value = "100.125" }, "fraction of a cent" },
        { "value", r => r with { Value = "twelve" }, "'twelve' is not an amount" },
        { "timeZone", r => r with { TimeZone = "Berlin" }, "'Berlin' is not a time zone" },
        { "timeZone", r => r with { TimeZone = null }, "Enter the customer's time zone" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Handle_RefusesWithAnErrorBesideTheField_WhenARuleIsBroken(string field, Func<SaveContractRequest, SaveContractRequest> change, string message)
    {
        var result = await SaveAsync(change(Valid()));

        result.Failure.Should().Be(Failure.Invalid);
        result.Errors.Should().Contain(e => e.Field == field && e.Message.Contains(message));
        _contracts.Contracts.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_AcceptsAOneDayContract()
    {
        (await SaveAsync(Valid() with { StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2026, 4, 1) })).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_AcceptsAZeroValue()
    {
        (await SaveAsync(Valid() with { Value = "0" })).Value!.ValueCents.Should().Be(0);
    }

    [Fact]
    public async Task Handle_RefusesAnOverlappingDuplicate_NamingIt()
    {
        Existing(3, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var result = await SaveAsync(Valid());

        result.Errors.Should().ContainSingle(e => e.Field == "productIds")
            .Which.Message.Should().Be("C-0003 already covers Atlas for Northwind from 1 Jan 2026 to 31 Dec 2026.");
    }

    [Fact]
    public async Task Handle_RefusesAnOverlapOfASingleDay()
    {
        Existing(3, 1, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1));

        (await SaveAsync(Valid())).Failure.Should().Be(Failure.Invalid);
    }

    [Fact]
    public async Task Handle_AllowsOverlappingDates_ForOtherProducts_OtherOrganisations_OrCancelledContracts()
    {
        Existing(3, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ContractStatus.Active, 2);
        Existing(4, 2, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Existing(5, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ContractStatus.Cancelled);

        (await SaveAsync(Valid())).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_AllowsAContractThatStartsTheDayAfterAnotherEnds()
    {
        Existing(3, 1, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

        (await SaveAsync(Valid())).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_DoesNotCountTheContractBeingEditedAsADuplicate()
    {
        var saved = (await SaveAsync(Valid())).Value!;

        var result = await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Value = "13000" });

        result.Succeeded.Should().BeTrue();
        _contracts.Contracts.Single().ValueCents.Should().Be(1300000);
    }

    [Fact]
    public async Task Handle_SavesARenewal_OfTheSameOrganisationsEarlierContract()
    {
        Existing(3, 1, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

        var result = await SaveAsync(Valid() with { RenewsContractId = 3 });

        result.Value!.RenewsContractId.Should().Be(3);
    }

    [Fact]
    public async Task Handle_RefusesARenewalOfAnotherOrganisationsContract()
    {
        Existing(3, 2, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

        var result = await SaveAsync(Valid() with { RenewsContractId = 3 });

        result.Errors.Should().ContainSingle(e => e.Field == "renewsContractId")
            .Which.Message.Should().Be("C-0003 belongs to another organisation; a contract can only renew one of Northwind's.");
    }

    [Fact]
    public async Task Handle_RefusesARenewalThatStartsBeforeTheRenewedContractEnds()
    {
        Existing(3, 1, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 30), ContractStatus.Active, 2);

        var result = await SaveAsync(Valid() with { RenewsContractId = 3 });

        result.Errors.Should().ContainSingle(e => e.Field == "renewsContractId")
            .Which.Message.Should().Be("C-0003 runs until 30 Apr 2026; its renewal must start after that, not on 1 Apr 2026.");
    }

    [Fact]
    public async Task Handle_RefusesARenewalOfAContractThatDoesNotExist()
    {
        var result = await SaveAsync(Valid() with { RenewsContractId = 42 });

        result.Errors.Should().ContainSingle(e => e.Field == "renewsContractId").Which.Message.Should().Be("There is no contract C-0042 for this one to renew.");
    }

    [Fact]
    public async Task Handle_RefusesASecondRenewalOfTheSameContract()
    {
        Existing(3, 1, new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31));
        _contracts.Contracts.Add(new Contract { Id = 4, OrganisationId = 1, PlanId = 1, ProductIds = [2], StartsOn = new DateOnly(2025, 4, 1), EndsOn = new DateOnly(2026, 3, 31), RenewsContractId = 3, Version = 1 });

        var result = await SaveAsync(Valid() with { RenewsContractId = 3 });

        result.Errors.Should().ContainSingle(e => e.Field == "renewsContractId").Which.Message.Should().Be("C-0003 is already renewed by C-0004.");
    }

    [Fact]
    public async Task Handle_RefusesToChangeACancelledContract()
    {
        Existing(3, 1, new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), ContractStatus.Cancelled);

        var result = await SaveAsync(Valid() with { Id = 3, Version = 1 });

        result.Errors.Single().Message.Should().Be("C-0003 is cancelled; it can no longer be changed.");
    }

    [Fact]
    public async Task Handle_ReportsAConflict_WhenTheVersionIsStale()
    {
        var saved = (await SaveAsync(Valid())).Value!;
        await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Value = "1" });

        var result = await SaveAsync(Valid() with { Id = saved.Id, Version = saved.Version, Value = "2" });

        result.Failure.Should().Be(Failure.Conflict);
        result.Errors.Single().Message.Should().StartWith("Someone else changed C-0001").And.Contain("reload");
        _contracts.Contracts.Single().ValueCents.Should().Be(100);
    }

    [Fact]
    public async Task Handle_ReportsNotFound_WhenEditingAContractThatIsGone()
    {
        (await SaveAsync(Valid() with { Id = 9, Version = 1 })).Failure.Should().Be(Failure.NotFound);
    }
}
