using HelpDesk.Core.Webhooks;

namespace HelpDesk.Core.Tests.Webhooks;

public sealed class WebhookRetryTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int, int> Schedule => new()
    {
        { 1, 30 },
        { 2, 60 },
        { 3, 120 },
        { 4, 240 },
        { 7, 1920 },
        { 8, 3600 },
        { 20, 3600 },
    };

    [Theory]
    [MemberData(nameof(Schedule))]
    public void Delay_DoublesFromThirtySeconds_AndStopsAtAnHour(int attempts, int seconds)
    {
        WebhookRetry.Delay(attempts).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void NextAttempt_AddsUpToAFifthMoreAtRandom()
    {
        WebhookRetry.NextAttempt(2, Now, 0).Should().Be(Now.AddSeconds(60));
        WebhookRetry.NextAttempt(2, Now, 0.5).Should().Be(Now.AddSeconds(66));
        WebhookRetry.NextAttempt(2, Now, 0.999).Should().BeBefore(Now.AddSeconds(72));
    }

    [Fact]
    public void NextAttempt_GivesUp_AfterTheLastAttempt()
    {
        WebhookRetry.NextAttempt(WebhookRetry.MaxAttempts - 1, Now, 0).Should().NotBeNull();
        WebhookRetry.NextAttempt(WebhookRetry.MaxAttempts, Now, 0).Should().BeNull();
    }

    [Fact]
    public void ShouldPause_OnlyAfterADayOfFailures()
    {
        WebhookRetry.ShouldPause(null, Now).Should().BeFalse();
        WebhookRetry.ShouldPause(Now.AddHours(-23), Now).Should().BeFalse();
        WebhookRetry.ShouldPause(Now.AddHours(-24), Now).Should().BeTrue();
    }
}
