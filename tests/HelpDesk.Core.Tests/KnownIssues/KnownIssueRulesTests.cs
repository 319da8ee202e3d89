using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.KnownIssues;

public sealed class KnownIssueRulesTests
{
    private static readonly IReadOnlyList<Product> Products = [new() { Id = 1, Code = "keel", Name = "Keel RTOS" }];

    private static readonly KnownIssueDraft Valid = new("Timer drifts after 49 days", 1, "5.1, 5.2", KnownIssueKind.Defect, KnownIssueStatus.Open, null, "Restart the device as a workaround.");

    [Fact]
    public void Check_PassesACompleteDraft()
    {
        KnownIssueRules.Check(Valid, Products).Should().BeEmpty();
        KnownIssueRules.Check(Valid with { Status = KnownIssueStatus.Fixed, StatusRelease = "5.3" }, Products).Should().BeEmpty();
    }

    public static TheoryData<string, KnownIssueDraft, string, string> Broken() => new()
    {
        { "no title", Valid with { Title = "  " }, "title", "Enter a title customers will recognise, such as \"Export to PDF drops the last page\"." },
        { "a long title", Valid with { Title = new string('x', 201) }, "title", "Keep the title under 200 characters." },
        { "no product", Valid with { ProductId = null }, "productId", "Choose the product the issue is in." },
        { "an unknown product", Valid with { ProductId = 9 }, "productId", "That product is not in the catalogue; choose one from the list." },
        { "no kind", Valid with { Kind = null }, "kind", "Choose whether this is a defect, a known limitation or a feature request." },
        { "no status", Valid with { Status = null }, "status", "Choose the status: open, fix planned, fixed or won't fix." },
        { "fixed without a release", Valid with { Status = KnownIssueStatus.Fixed }, "statusRelease", "Name the release the fix shipped in, so customers know what to upgrade to." },
        { "planned without a release", Valid with { Status = KnownIssueStatus.FixPlanned, StatusRelease = " " }, "statusRelease", "Name the release the fix is planned for." },
        { "open with a release", Valid with { StatusRelease = "5.3" }, "statusRelease", "Only a planned or shipped fix names a release; leave it empty." },
        { "a long note", Valid with { PublicNote = new string('x', 4001) }, "publicNote", "Keep the public note under 4000 characters." },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Check_NamesTheField_WhenTheDraftHas(string what, KnownIssueDraft draft, string field, string message)
    {
        KnownIssueRules.Check(draft, Products).Should().ContainSingle(because: what)
            .Which.Should().Be(new Common.FieldError(field, message));
    }

    [Theory]
    [InlineData(KnownIssueStatus.Open, null, "Open")]
    [InlineData(KnownIssueStatus.FixPlanned, "6.0", "Fix planned in 6.0")]
    [InlineData(KnownIssueStatus.Fixed, "5.3", "Fixed in 5.3")]
    [InlineData(KnownIssueStatus.WontFix, null, "Won't fix")]
    public void Status_IsWorded_WithItsRelease(KnownIssueStatus status, string? release, string expected) =>
        KnownIssueWording.Status(status, release).Should().Be(expected);
}
