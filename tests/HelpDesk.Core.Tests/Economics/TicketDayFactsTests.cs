using HelpDesk.Core.Economics;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Economics;

public sealed class TicketDayFactsTests
{
    private static readonly DateTime Filed = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime AsOf = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day1 = new(2026, 3, 2);
    private static readonly DateOnly Day2 = new(2026, 3, 3);

    private static readonly EngineerCosting Staff = EngineerCosting.InHouse(new CostRate(new DateOnly(2025, 1, 1), 60_00), new CostRate(Day2, 120_00));

    private static TicketHistory Ticket => new() { TicketId = 1, OrganisationId = 2, Region = "EMEA", CreatedUtc = Filed, IntakeVerdict = Verdict.Entitled };

    private static StatusChange Resolve(DateTime at) => new(at, TicketStatus.Open, TicketStatus.Resolved);

    [Fact]
    public void AnOpenedTicket_CountsOnceOnItsFilingDay()
    {
        var facts = TicketDayFacts.For(Ticket, AsOf);

        facts.Keys.Should().Equal(Day1);
        facts[Day1].TicketsOpened.Should().Be(1);
        facts[Day1].OutOfScopeTickets.Should().Be(0);
    }

    [Fact]
    public void AnOutOfScopeTicket_CountsAsOutOfScopeOnItsFilingDay_ByTheVerdictInForce()
    {
        TicketDayFacts.For(Ticket with { IntakeVerdict = Verdict.OutOfScope }, AsOf)[Day1].OutOfScopeTickets.Should().Be(1);
        TicketDayFacts.For(Ticket with { IntakeVerdict = Verdict.OutOfScope, OverrideVerdict = Verdict.Entitled }, AsOf)[Day1].OutOfScopeTickets.Should().Be(0);
    }

    [Fact]
    public void AResolutionWithOneStaffReply_IsAFirstContactResolution_OnItsDay()
    {
        var facts = TicketDayFacts.For(Ticket with { StaffReplies = 1, StatusChanges = [Resolve(Filed.AddDays(1))] }, AsOf);

        facts[Day2].TicketsResolved.Should().Be(1);
        facts[Day2].FirstContactResolutions.Should().Be(1);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void FirstContactResolution_NeedsExactlyOneStaffReply_AndNoReopen(int replies, bool reopened)
    {
        List<StatusChange> changes = [Resolve(Filed.AddHours(1))];
        if (reopened)
        {
            changes.Add(new StatusChange(Filed.AddHours(2), TicketStatus.Resolved, TicketStatus.Open));
            changes.Add(Resolve(Filed.AddHours(3)));
        }

        var facts = TicketDayFacts.For(Ticket with { StaffReplies = replies, StatusChanges = changes }, AsOf);

        facts[Day1].TicketsResolved.Should().Be(changes.Count(c => c.To == TicketStatus.Resolved));
        facts[Day1].FirstContactResolutions.Should().Be(0);
    }

    [Fact]
    public void Labour_IsCostedAtTheRateInForceOnTheWorkDate_EntryByEntry()
    {
        var facts = TicketDayFacts.For(Ticket with
        {
            TimeEntries = [new WorkEntry(5, 30, Day1, Staff), new WorkEntry(5, 7, Day2, Staff)],
        }, AsOf);

        facts[Day1].LabourCostCents.Should().Be(30_00);
        facts[Day2].LabourCostCents.Should().Be(14_00);
        facts[Day2].MinutesWorked.Should().Be(7);
        facts[Day1].GoodwillCostCents.Should().Be(0);
    }

    [Fact]
    public void ASupplier_IsPaidOncePerCase_OnTheDayOfItsFirstEntry()
    {
        var supplier = EngineerCosting.OfSupplier("Acme Support", 250_00);
        var facts = TicketDayFacts.For(Ticket with
        {
            TimeEntries = [new WorkEntry(8, 90, Day2, supplier), new WorkEntry(8, 30, Day1, supplier), new WorkEntry(9, 30, Day2, supplier)],
        }, AsOf);

        facts[Day1].LabourCostCents.Should().Be(250_00);
        facts[Day2].LabourCostCents.Should().Be(0);
        facts.Values.Sum(m => m.MinutesWorked).Should().Be(150);
    }

    [Fact]
    public void LabourOnATicketOverriddenToEntitled_IsGoodwill()
    {
        var facts = TicketDayFacts.For(Ticket with
        {
            IntakeVerdict = Verdict.OutOfScope,
            OverrideVerdict = Verdict.Entitled,
            TimeEntries = [new WorkEntry(5, 60, Day1, Staff)],
        }, AsOf);

        facts[Day1].GoodwillCostCents.Should().Be(60_00);
        facts[Day1].LabourCostCents.Should().Be(60_00);
    }

    [Fact]
    public void AMetTarget_CountsOnTheDayItWasReached_WithItsTimes()
    {
        var facts = TicketDayFacts.For(Ticket with
        {
            FirstResponse = new SlaOutcome(Filed.AddDays(2), Filed.AddDays(1), Met: true, BusinessMinutes: 480),
        }, AsOf);

        facts[Day2].FirstResponseMet.Should().Be(1);
        facts[Day2].FirstResponseCount.Should().Be(1);
        facts[Day2].FirstResponseWallMinutes.Should().Be(24 * 60);
        facts[Day2].FirstResponseBusinessMinutes.Should().Be(480);
    }

    [Fact]
    public void AMissedTarget_CountsOnTheDayItFellDue_EvenWhenReachedLater()
    {
        var facts = TicketDayFacts.For(Ticket with
        {
            Resolution = new SlaOutcome(Filed.AddDays(1), Filed.AddDays(5), Met: false, BusinessMinutes: 1200),
        }, AsOf);

        facts[Day2].ResolveMissed.Should().Be(1);
        facts[Day1.AddDays(5)].ResolveCount.Should().Be(1);
        facts.Values.Sum(m => m.ResolveMet).Should().Be(0);
    }

    [Fact]
    public void AnUnreachedTarget_IsMissedOnceItsDueTimeHasPassed_AndNotBefore()
    {
        var ticket = Ticket with { FirstResponse = new SlaOutcome(Filed.AddDays(1), null, null, null) };

        TicketDayFacts.For(ticket, Filed.AddHours(2)).Values.Sum(m => m.FirstResponseMissed).Should().Be(0);
        TicketDayFacts.For(ticket, AsOf)[Day2].FirstResponseMissed.Should().Be(1);
    }

    [Fact]
    public void RatingsAndOffers_CountOnTheirOwnDays()
    {
        var facts = TicketDayFacts.For(Ticket with
        {
            Ratings = [new Rating(4, Filed.AddDays(1)), new Rating(2, Filed.AddDays(1))],
            Offers = [new OfferEvent(Filed, Filed.AddDays(1)), new OfferEvent(Filed, null)],
        }, AsOf);

        facts[Day1].OffersSent.Should().Be(2);
        facts[Day2].OffersAccepted.Should().Be(1);
        facts[Day2].CsatSum.Should().Be(6);
        facts[Day2].CsatCount.Should().Be(2);
        facts[Day2].Csat4.Should().Be(1);
        facts[Day2].Csat2.Should().Be(1);
    }
}
