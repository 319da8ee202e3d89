using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class AcknowledgementBudgetTests
{
    private static readonly AcknowledgementLimits Limits = new() { PerAddress = 3, PerDomain = 10, Total = 100, Window = TimeSpan.FromHours(1) };

    [Fact]
    public void CountersFor_CountsTheAddressItsDomainAndEveryone_InTheWindowTheMomentFallsIn()
    {
        var counters = AcknowledgementBudget.CountersFor(" Zed@Nowhere.Example ", new DateTime(2026, 11, 23, 9, 41, 7, DateTimeKind.Utc), Limits);

        var start = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        counters.Should().Equal(
            new AcknowledgementCounter("address:zed@nowhere.example", start, 3),
            new AcknowledgementCounter("domain:nowhere.example", start, 10),
            new AcknowledgementCounter("all", start, 100));
    }

    [Fact]
    public void CountersFor_GivesEveryAddressOfADomainTheSameDomainCounter()
    {
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        var first = AcknowledgementBudget.CountersFor("a1@spam.example", now, Limits);
        var second = AcknowledgementBudget.CountersFor("a2@SPAM.example", now.AddMinutes(59), Limits);

        first[0].Key.Should().NotBe(second[0].Key);
        first[1].Should().Be(second[1]);
        first[2].Should().Be(second[2]);
    }

    [Fact]
    public void CountersFor_KeepsKeysShortEnoughForTheColumn()
    {
        var counters = AcknowledgementBudget.CountersFor(new string('a', 600) + "@example.test", DateTime.UtcNow, Limits);

        counters.Should().OnlyContain(c => c.Key.Length <= AcknowledgementBudget.MaxKeyLength);
    }

    [Theory]
    [InlineData("all", "Not acknowledged: 100 acknowledgements to all senders were already sent within 1 h.")]
    [InlineData("domain:spam.example", "Not acknowledged: 100 acknowledgements to senders at spam.example were already sent within 1 h.")]
    [InlineData("address:zed@spam.example", "Not acknowledged: 100 acknowledgements to zed@spam.example were already sent within 1 h.")]
    public void Describe_SaysWhichLimitWasReached(string key, string expected)
    {
        AcknowledgementBudget.Describe(new AcknowledgementCounter(key, DateTime.UnixEpoch, 100), Limits).Should().Be(expected);
    }
}
