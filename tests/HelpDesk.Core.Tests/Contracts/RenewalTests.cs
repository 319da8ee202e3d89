using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class RenewalTests
{
    private static Contract Old(DateOnly startsOn, DateOnly endsOn) => new()
    {
        Id = 7,
        OrganisationId = 2,
        PlanId = 3,
        ProductIds = [1, 4],
        StartsOn = startsOn,
        EndsOn = endsOn,
        TimeZone = "America/Chicago",
        ValueCents = 1250050,
        Status = ContractStatus.Active,
        Version = 4,
    };

    [Fact]
    public void Prefill_CopiesTheTerms_AndStartsTheDayAfterTheOldOneEnds()
    {
        var renewal = ContractRenewal.Prefill(Old(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)));

        renewal.Id.Should().Be(0);
        renewal.OrganisationId.Should().Be(2);
        renewal.PlanId.Should().Be(3);
        renewal.ProductIds.Should().Equal(1, 4);
        renewal.TimeZone.Should().Be("America/Chicago");
        renewal.ValueCents.Should().Be(1250050);
        renewal.RenewsContractId.Should().Be(7);
        renewal.Status.Should().Be(ContractStatus.Active);
        renewal.StartsOn.Should().Be(new DateOnly(2026, 4, 1));
        renewal.EndsOn.Should().Be(new DateOnly(2027, 3, 31));
    }

    [Theory]
    [InlineData("2027-03-01", "2028-02-29", "2028-03-01", "2029-02-28")] // a year of whole months across a leap day
    [InlineData("2026-01-15", "2026-02-14", "2026-02-15", "2026-03-14")] // one month
    [InlineData("2026-01-01", "2026-01-10", "2026-01-11", "2026-01-20")] // ten days
    [InlineData("2026-05-05", "2026-05-05", "2026-05-06", "2026-05-06")] // one day
    public void Prefill_GivesATermOfTheSameLength(string oldStart, string oldEnd, string newStart, string newEnd)
    {
        var renewal = ContractRenewal.Prefill(Old(DateOnly.Parse(oldStart, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(oldEnd, System.Globalization.CultureInfo.InvariantCulture)));

        renewal.StartsOn.Should().Be(DateOnly.Parse(newStart, System.Globalization.CultureInfo.InvariantCulture));
        renewal.EndsOn.Should().Be(DateOnly.Parse(newEnd, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Handle_GivesTheFormForTheRenewal_WithTheValueAsTyped()
    {
        var store = new InMemoryContractStore();
        store.Contracts.Add(Old(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)));

        var result = await new RenewContract(store).HandleAsync(7);

        result.Value.Should().BeEquivalentTo(new SaveContractRequest
        {
            OrganisationId = 2,
            PlanId = 3,
            ProductIds = [1, 4],
            StartsOn = new DateOnly(2026, 4, 1),
            EndsOn = new DateOnly(2027, 3, 31),
            Value = "12500.50",
            TimeZone = "America/Chicago",
            RenewsContractId = 7,
        });
        store.Contracts.Should().ContainSingle("nothing is saved until the form is submitted");
    }

    [Fact]
    public async Task Handle_RefusesToRenewACancelledContract()
    {
        var store = new InMemoryContractStore();
        store.Contracts.Add(Old(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)) with { Status = ContractStatus.Cancelled });

        var result = await new RenewContract(store).HandleAsync(7);

        result.Errors.Single().Message.Should().Be("C-0007 is cancelled; create a new contract instead of renewing it.");
    }

    [Fact]
    public async Task Handle_ReportsNotFound_ForAContractThatDoesNotExist()
    {
        (await new RenewContract(new InMemoryContractStore()).HandleAsync(7)).Failure.Should().Be(Failure.NotFound);
    }
}
