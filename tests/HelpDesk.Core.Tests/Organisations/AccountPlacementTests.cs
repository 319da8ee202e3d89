using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Tests.Organisations;

public sealed class AccountPlacementTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Organisation Contoso = new() { Id = 2, Name = "Contoso", EmailDomains = ["contoso.example"] };

    private static Contract Contract(int id, DateOnly starts, DateOnly ends, ContractStatus status = ContractStatus.Active) =>
        new() { Id = id, OrganisationId = 2, PlanId = 1, StartsOn = starts, EndsOn = ends, Status = status };

    private static readonly Dictionary<int, string> Plans = new() { [1] = "Standard" };

    [Fact]
    public void Consequences_SayWhoseTicketsTheySee_AndTheCurrentContracts_AndThatItIsFinal()
    {
        var contracts = new[]
        {
            Contract(3, new(2025, 1, 1), new(2025, 12, 31)),
            Contract(8, new(2026, 1, 1), new(2026, 12, 31)),
            Contract(9, new(2026, 2, 1), new(2026, 12, 31), ContractStatus.Cancelled),
        };

        var lines = AccountPlacement.Consequences("jo@contoso.example", Contoso, contracts, Plans, Now);

        lines.Should().Equal(
            "jo@contoso.example will see every ticket of Contoso, including those filed by other people there, and can file tickets for it.",
            "Their requests are judged under Contoso's contract C-0008 (Standard plan, to 31 Dec 2026).",
            "A placed account stays in its organisation: there is no undoing this from the manage pages.");
    }

    [Fact]
    public void Consequences_WarnWhenTheAddressIsNotAtOneOfTheOrganisationsDomains_AndWhenItHasNoContract()
    {
        var lines = AccountPlacement.Consequences("jo@gmail.example", Contoso, [], Plans, Now);

        lines.Should().Contain("Contoso has no current contract: their requests will be judged as having none.")
            .And.Contain("Check it is the right organisation: gmail.example is not one of Contoso's domains (contoso.example).");
    }
}
