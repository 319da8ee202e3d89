using HelpDesk.Core.Accounts;

namespace HelpDesk.Core.Tests.SignIn;

public sealed class SignInThrottleTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int, int> PairWaits() => new()
    {
        // failures from one address at one account, seconds to wait after the latest
        { 0, 0 },
        { 5, 0 },
        { 6, 1 },
        { 7, 2 },
        { 10, 16 },
        { 15, 512 },
        { 16, 900 },
        { 1000, 900 },
    };

    [Theory]
    [MemberData(nameof(PairWaits))]
    public void WaitAfter_DoublesFromOneSecond_PastTheFreeFailures_UpToTheCap(int failures, int seconds) =>
        SignInThrottle.WaitAfter(failures, SignInThrottle.AccountAndAddress).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void WaitAfter_NeverHoldsAnAccountForMoreThanAMinute_HoweverManyAddressesGuess() =>
        SignInThrottle.WaitAfter(10_000, SignInThrottle.Account).Should().Be(TimeSpan.FromMinutes(1));

    [Fact]
    public void Remaining_CountsFromTheLatestFailure() =>
        SignInThrottle.Remaining(8, Now.AddSeconds(-1), Now, SignInThrottle.AccountAndAddress).Should().Be(TimeSpan.FromSeconds(3));

    [Fact]
    public void Remaining_IsZero_OnceTheWaitIsOver() =>
        SignInThrottle.Remaining(8, Now.AddSeconds(-5), Now, SignInThrottle.AccountAndAddress).Should().Be(TimeSpan.Zero);

    [Fact]
    public void Failures_AreForgottenAfterAnHourWithoutOne()
    {
        SignInThrottle.IsForgotten(Now.AddMinutes(-59), Now).Should().BeFalse();
        SignInThrottle.IsForgotten(Now.AddHours(-1), Now).Should().BeTrue();
    }
}
