using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class FullMailCountsTests
{
    private static readonly DateTime Window = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_remembered_count_is_full_only_in_its_own_window_and_for_its_own_key()
    {
        var counts = new FullMailCounts();
        var throttle = new SenderThrottle("ann@contoso.example", Window, 20);
        var domain = new AcknowledgementCounter("domain:contoso.example", Window, 50);

        counts.Remember(throttle);
        counts.Remember(domain);

        counts.IsFull(throttle).Should().BeTrue();
        counts.IsFull(throttle with { WindowStartUtc = Window.AddMinutes(10) }).Should().BeFalse();
        counts.IsFull(throttle with { Address = "bob@contoso.example" }).Should().BeFalse();
        counts.FirstFull([new AcknowledgementCounter("address:ann@contoso.example", Window, 5), domain]).Should().Be(domain);
        counts.FirstFull([domain with { WindowStartUtc = Window.AddHours(1) }]).Should().BeNull();
        counts.FirstFull([new AcknowledgementCounter("ann@contoso.example", Window, 5)]).Should().BeNull("a sender's throttle is not an acknowledgement count");
    }

    [Fact]
    public void Past_the_most_it_remembers_it_starts_again()
    {
        var counts = new FullMailCounts();
        for (var i = 0; i < FullMailCounts.MaxRemembered; i++)
        {
            counts.Remember(new AcknowledgementCounter($"address:victim{i}@spam.example", Window, 5));
        }

        counts.FirstFull([new AcknowledgementCounter("address:victim0@spam.example", Window, 5)]).Should().NotBeNull();
        counts.Remember(new AcknowledgementCounter(AcknowledgementBudget.AllKey, Window, 500));

        counts.FirstFull([new AcknowledgementCounter("address:victim0@spam.example", Window, 5)]).Should().BeNull();
        counts.FirstFull([new AcknowledgementCounter(AcknowledgementBudget.AllKey, Window, 500)]).Should().NotBeNull();
    }
}
