using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using static HelpDesk.Core.Tests.Scope.EntitlementExamples;

namespace HelpDesk.Core.Tests.Scope;

/// <summary>Incidents bought in packs add to the plan's allowance; a pending contract entitles nothing until activated.</summary>
public sealed class EntitlementAllowanceTests
{
    private static ContractFacts Bought(int bought, int used) =>
        Contract(plan: Standard, used: used) with { Contract = Contract(plan: Standard).Contract with { IncidentsBought = bought } };

    [Theory]
    [InlineData(0, 10, Verdict.AllowanceUsed)]
    [InlineData(5, 10, Verdict.Entitled)]
    [InlineData(5, 14, Verdict.Entitled)]
    [InlineData(5, 15, Verdict.AllowanceUsed)]
    public void Decide_CountsThePlansAllowancePlusTheIncidentsBought(int bought, int used, Verdict verdict)
    {
        EntitlementEngine.Decide(Request(), Facts(Bought(bought, used))).Verdict.Should().Be(verdict);
    }

    [Fact]
    public void Decide_SaysHowManyOfTheIncidentsWereBought()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Bought(5, 12)));

        decision.Reasons[0].Text.Should().Contain("12 of its 15 incidents (5 of them bought in packs) are used");
        EntitlementEngine.Decide(Request(), Facts(Bought(5, 15))).Reasons[0].Text.Should().Contain("All 15 incidents (5 of them bought in packs) of contract C-0007 for this term are used.");
    }

    [Fact]
    public void Decide_IgnoresAPendingContract()
    {
        var decision = EntitlementEngine.Decide(Request(), Facts(Contract(status: ContractStatus.Pending)));

        decision.Verdict.Should().Be(Verdict.NoContract);
        decision.ContractId.Should().BeNull();
    }

    [Fact]
    public void Allowance_IsUnlimited_WhateverWasBought_WhenThePlansIs()
    {
        ContractStates.Allowance(new Contract { IncidentsBought = 5 }, Premium).Should().BeNull();
        ContractStates.Allowance(new Contract { IncidentsBought = 5 }, Standard).Should().Be(15);
    }

    [Fact]
    public void APendingContract_ReadsAsPending_AndRenewsNothingYet()
    {
        var old = Contract(id: 3, ends: new(2026, 6, 30)).Contract;
        var pending = Contract(id: 8, starts: new(2026, 7, 1), ends: new(2027, 6, 30), status: ContractStatus.Pending).Contract with { RenewsContractId = 3 };

        ContractStates.On(pending, Now, [old, pending]).Should().Be(ContractState.Pending);
        ContractStates.On(old, Now, [old, pending]).Should().Be(ContractState.Expired);
        ContractStates.On(old, Now, [old, pending with { Status = ContractStatus.Active }]).Should().Be(ContractState.Renewed);
    }
}
