using HelpDesk.Core.Contracts;

namespace HelpDesk.Core.Tests.Contracts;

public sealed class ContractTermsTests
{
    private static readonly Contract Tokyo = new()
    {
        Id = 7,
        StartsOn = new(2026, 1, 1),
        EndsOn = new(2026, 11, 30),
        TimeZone = "Asia/Tokyo",
    };

    public static TheoryData<string, DateTime, bool, ContractState> States => new()
    {
        { "the day before it starts in Tokyo", new DateTime(2025, 12, 31, 14, 59, 0, DateTimeKind.Utc), false, ContractState.Upcoming },
        { "its first minute in Tokyo", new DateTime(2025, 12, 31, 15, 0, 0, DateTimeKind.Utc), false, ContractState.Active },
        { "its last minute in Tokyo", new DateTime(2026, 11, 30, 14, 59, 0, DateTimeKind.Utc), false, ContractState.Active },
        { "after its last day in Tokyo, still the 30th in UTC", new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc), false, ContractState.Expired },
        { "ended and renewed", new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc), true, ContractState.Renewed },
        { "renewed but still in term", new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), true, ContractState.Active },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void StateOn_ReadsTheTermInTheContractsTimeZone(string when, DateTime atUtc, bool renewed, ContractState expected)
    {
        ContractTerms.StateOn(Tokyo, atUtc, renewed).Should().Be(expected, when);
    }

    [Fact]
    public void StateOn_IsCancelled_WhateverTheDates()
    {
        ContractTerms.StateOn(Tokyo with { Status = ContractStatus.Cancelled }, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), false).Should().Be(ContractState.Cancelled);
    }

    [Fact]
    public void IsInTerm_HasStarted_HasEnded_Agree()
    {
        var during = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var after = new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

        ContractTerms.IsInTerm(Tokyo, during).Should().BeTrue();
        ContractTerms.HasStarted(Tokyo, during).Should().BeTrue();
        ContractTerms.HasEnded(Tokyo, after).Should().BeTrue();
        ContractTerms.IsInTerm(Tokyo, after).Should().BeFalse();
    }

    [Theory]
    [InlineData("Europe/London", true)]
    [InlineData("America/Los_Angeles", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidTimeZone_KnowsIanaIds(string? id, bool valid)
    {
        ContractTerms.IsValidTimeZone(id).Should().Be(valid);
    }

    [Fact]
    public void LocalDate_FallsBackToUtc_ForAnUnknownTimeZone()
    {
        var late = new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);

        ContractTerms.LocalDate(late, "Mars/Olympus_Mons").Should().Be(new DateOnly(2026, 11, 30));
        ContractTerms.LocalDate(late, "Asia/Tokyo").Should().Be(new DateOnly(2026, 12, 1));
    }
}
