using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferLifecycleTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static Offer Offer(OfferStatus status, DateTime? expires = null) => new()
    {
        Id = 12,
        Status = status,
        ExpiresUtc = expires ?? Now.AddDays(10),
        DecidedUtc = status == OfferStatus.Sent ? null : Now.AddDays(-1),
    };

    public static TheoryData<OfferStatus, OfferAction, bool, string> Table() => new()
    {
        { OfferStatus.Sent, OfferAction.Accept, true, "is open until" },
        { OfferStatus.Sent, OfferAction.Decline, true, "is open until" },
        { OfferStatus.Sent, OfferAction.Withdraw, true, "has not been answered" },
        { OfferStatus.Sent, OfferAction.Expire, false, "has not expired" },
        { OfferStatus.Accepted, OfferAction.Accept, false, "O-0012 was already accepted on 29 Nov 2026 12:00 UTC; it can no longer be accepted" },
        { OfferStatus.Accepted, OfferAction.Decline, false, "was already accepted" },
        { OfferStatus.Accepted, OfferAction.Withdraw, false, "was already accepted" },
        { OfferStatus.Accepted, OfferAction.Expire, false, "was already accepted" },
        { OfferStatus.Declined, OfferAction.Accept, false, "was declined on" },
        { OfferStatus.Declined, OfferAction.Withdraw, false, "was declined on" },
        { OfferStatus.Withdrawn, OfferAction.Accept, false, "was withdrawn on 29 Nov 2026 12:00 UTC; it can no longer be accepted" },
        { OfferStatus.Withdrawn, OfferAction.Decline, false, "was withdrawn" },
        { OfferStatus.Expired, OfferAction.Accept, false, "expired on" },
        { OfferStatus.Expired, OfferAction.Expire, false, "expired on" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Check_AllowsOnlyMovesOutOfSent(OfferStatus from, OfferAction action, bool allowed, string why)
    {
        var move = OfferLifecycle.Check(Offer(from), action, Now);

        move.Allowed.Should().Be(allowed);
        move.To.Should().Be(OfferLifecycle.Target(action));
        move.Why.Should().Contain(why);
    }

    [Theory]
    [InlineData(OfferAction.Accept)]
    [InlineData(OfferAction.Decline)]
    [InlineData(OfferAction.Withdraw)]
    public void Check_RefusesAnAnswer_OncePastTheExpiry_EvenBeforeTheJobMarkedIt(OfferAction action)
    {
        var offer = Offer(OfferStatus.Sent, Now.AddMinutes(-1));

        var move = OfferLifecycle.Check(offer, action, Now);

        move.Allowed.Should().BeFalse();
        move.Why.Should().Contain("expired on 30 Nov 2026 11:59 UTC").And.Contain("can no longer be");
    }

    [Fact]
    public void Check_AllowsExpiry_AtTheExpiryInstant()
    {
        OfferLifecycle.Check(Offer(OfferStatus.Sent, Now), OfferAction.Expire, Now).Allowed.Should().BeTrue();
        OfferLifecycle.Check(Offer(OfferStatus.Sent, Now), OfferAction.Accept, Now).Allowed.Should().BeFalse();
    }

    [Fact]
    public void CanMove_OnlyFromSent_ToAFinalStatus()
    {
        foreach (var from in Enum.GetValues<OfferStatus>())
        {
            foreach (var to in Enum.GetValues<OfferStatus>())
            {
                OfferLifecycle.CanMove(from, to).Should().Be(from == OfferStatus.Sent && to != OfferStatus.Sent, $"{from} → {to}");
            }
        }

        OfferLifecycle.IsFinal(OfferStatus.Sent).Should().BeFalse();
        Enum.GetValues<OfferStatus>().Where(OfferLifecycle.IsFinal).Should().HaveCount(4);
    }
}
