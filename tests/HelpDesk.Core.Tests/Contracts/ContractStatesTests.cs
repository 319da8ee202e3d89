using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class ContractStatesTests
{
    private static readonly Contract Term = new()
    {
        Id = 1,
        StartsOn = new DateOnly(2026, 4, 1),
        EndsOn = new DateOnly(2027, 3, 31),
        TimeZone = "UTC",
        Status = ContractStatus.Active,
    };

    private static DateTime Utc(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2026, 3, 31, ContractState.Upcoming)]
    [InlineData(2026, 4, 1, ContractState.Active)]
    [InlineData(2027, 3, 31, ContractState.Active)]
    [InlineData(2027, 4, 1, ContractState.Expired)]
    public void On_FollowsTheTerm_WithBothEndsIncluded(int year, int month, int day, ContractState state)
    {
        ContractStates.On(Term, Utc(year, month, day), [Term]).Should().Be(state);
    }

    [Fact]
    public void On_IsCancelled_WhateverTheDates()
    {
        var cancelled = Term with { Status = ContractStatus.Cancelled };

        ContractStates.On(cancelled, Utc(2026, 6, 1), [cancelled]).Should().Be(ContractState.Cancelled);
    }

    [Fact]
    public void On_IsRenewed_AfterItsEnd_WhenALaterContractRenewsIt()
    {
        var renewal = Term with { Id = 2, StartsOn = new DateOnly(2027, 4, 1), EndsOn = new DateOnly(2028, 3, 31), RenewsContractId = 1 };

        ContractStates.On(Term, Utc(2027, 4, 2), [Term, renewal]).Should().Be(ContractState.Renewed);
        ContractStates.On(Term, Utc(2026, 6, 1), [Term, renewal]).Should().Be(ContractState.Active, "a renewed contract still runs to its end");
        ContractStates.On(renewal, Utc(2026, 6, 1), [Term, renewal]).Should().Be(ContractState.Upcoming);
    }

    [Fact]
    public void On_IsExpired_WhenItsOnlyRenewalWasCancelled()
    {
        var renewal = Term with { Id = 2, StartsOn = new DateOnly(2027, 4, 1), EndsOn = new DateOnly(2028, 3, 31), RenewsContractId = 1, Status = ContractStatus.Cancelled };

        ContractStates.On(Term, Utc(2027, 4, 2), [Term, renewal]).Should().Be(ContractState.Expired);
    }

    [Fact]
    public void On_ReadsTheDateInTheContractsTimeZone()
    {
        // 10:00 UTC on 31 Mar 2027 is already 1 Apr in Auckland (UTC+13), and still 31 Mar in Chicago.
        var auckland = Term with { TimeZone = "Pacific/Auckland" };
        var chicago = Term with { TimeZone = "America/Chicago" };
        var now = Utc(2027, 3, 31, 11);

        ContractStates.On(auckland, now, [auckland]).Should().Be(ContractState.Expired);
        ContractStates.On(chicago, now, [chicago]).Should().Be(ContractState.Active);
        ContractStates.On(Term, now, [Term]).Should().Be(ContractState.Active);
    }

    [Fact]
    public void Describe_WritesDatesAsPeopleRead_Them()
    {
        ContractStates.Describe(new DateOnly(2026, 3, 1)).Should().Be("1 Mar 2026");
    }
}
