using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class ReclassificationTests
{
    private static EntitlementDecision Judged(Verdict verdict, int? contract = 7, bool needsClassification = false) => new()
    {
        Verdict = verdict,
        ContractId = contract,
        ContractNumber = contract is int id ? Core.Contracts.Contract.FormatNumber(id) : null,
        ProductCode = needsClassification ? null : "orders",
        NeedsClassification = needsClassification,
    };

    private static Ticket Holding(int? contract, string? notAnIncident = null) =>
        new() { Subject = "Orders stop importing", IncidentContractId = contract, NotAnIncidentReason = notAnIncident };

    public static TheoryData<string, Ticket, EntitlementDecision, IncidentMove?> Moves => new()
    {
        { "now entitled: take one", Holding(null), Judged(Verdict.Entitled), new IncidentMove(null, 7) },
        { "still entitled under the same contract: nothing", Holding(7), Judged(Verdict.Entitled), null },
        { "out of scope: give it back", Holding(7), Judged(Verdict.OutOfScope), new IncidentMove("reclassified out of scope", null) },
        { "no contract now: give it back", Holding(7), Judged(Verdict.NoContract, contract: null), new IncidentMove("reclassified not covered by a contract", null) },
        { "entitled under another contract: move it", Holding(7), Judged(Verdict.Entitled, contract: 8), new IncidentMove("reclassified under contract C-0008", 8) },
        { "back to no known product: give it back", Holding(7), Judged(Verdict.Entitled, needsClassification: true), new IncidentMove("reclassified without a product the catalogue knows", null) },
        { "still provisional: nothing", Holding(null), Judged(Verdict.Entitled, needsClassification: true), null },
        { "out of scope, none held: nothing", Holding(null), Judged(Verdict.OutOfScope), null },
        { "not an incident: never takes one", Holding(null, "A question."), Judged(Verdict.Entitled), null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void MoveIncident_FollowsTheNewDecision(string name, Ticket ticket, EntitlementDecision decision, IncidentMove? expected)
    {
        Reclassification.MoveIncident(ticket, decision).Should().Be(expected, name);
    }

    [Fact]
    public void ChangesFrom_ListsEachCorrectedFact_OldToNew()
    {
        var before = new TicketFacts(null, null, "linux-x64", "problem", Severity.Normal, "en", ModifiedSource: false);
        var after = before with { Product = "Orders API", Release = "7.0", Severity = Severity.Critical, ModifiedSource = true };

        after.ChangesFrom(before).Should().Equal(
            new AuditChange("product", null, "Orders API"),
            new AuditChange("release", null, "7.0"),
            new AuditChange("severity", "3 normal", "1 critical"),
            new AuditChange("modified source", "no", "yes"));
        before.ChangesFrom(before).Should().BeEmpty();
    }
}
