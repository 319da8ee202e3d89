using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

public sealed class ScopeRulesTests
{
    private static IReadOnlyList<FieldError> Check(ScopeOfSupport draft) =>
        ScopeRules.CheckDraft(draft, ScopeSamples.Releases, ScopeSamples.Environments);

    [Fact]
    public void CheckDraft_AcceptsACompleteDraft()
    {
        Check(ScopeSamples.Scope()).Should().BeEmpty();
    }

    [Fact]
    public void CheckDraft_RequiresTheEffectiveDateAndTheSummary()
    {
        var errors = Check(ScopeSamples.Scope() with { EffectiveOn = default, Summary = "  " });

        errors.Should().Contain(e => e.Field == "effectiveOn" && e.Message == "Enter the date this version takes effect.");
        errors.Should().Contain(e => e.Field == "summary");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void CheckDraft_RefusesReleasesBackOutsideZeroToTwenty(int back)
    {
        Check(ScopeSamples.Scope(back)).Should().ContainSingle(e => e.Field == "releasesBack" && e.Message.Contains("0 to 20", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(null)]
    public void CheckDraft_AcceptsReleasesBackInRangeOrEmpty(int? back)
    {
        Check(ScopeSamples.Scope(back)).Should().BeEmpty();
    }

    [Fact]
    public void CheckDraft_RefusesAScopeThatSupportsNoRelease()
    {
        var errors = Check(ScopeSamples.Scope() with { EffectiveOn = new(2022, 1, 1) });

        errors.Should().ContainSingle(e => e.Field == "releasesBack").Which.Message
            .Should().StartWith("This scope supports no release: no release is out by 1 January 2022.");
    }

    [Fact]
    public void CheckDraft_RefusesAScopeOfAProductWithoutReleases()
    {
        ScopeRules.CheckDraft(ScopeSamples.Scope(), [], ScopeSamples.Environments)
            .Should().ContainSingle(e => e.Message == "This scope supports no release: the product has no releases yet; add one in the catalogue first.");
    }

    [Fact]
    public void CheckDraft_RefusesEnvironmentsTheCatalogueDoesNotHave()
    {
        Check(ScopeSamples.Scope() with { EnvironmentCodes = ["ubuntu-24.04", "amiga-os"] })
            .Should().ContainSingle(e => e.Field == "environmentCodes" && e.Message.Contains("amiga-os", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckDraft_RequiresAnExplanationForEachExcludedCategory()
    {
        var errors = Check(ScopeSamples.Scope() with { OutOfScope = [new(RequestCategories.Port, " "), new(RequestCategories.Problem, "x")] });

        errors.Should().Contain(e => e.Field == "outOfScope.port" && e.Message.Contains("Port to another platform", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Field == "outOfScope.problem");
    }

    [Theory]
    [InlineData("data-bridge", true)]
    [InlineData("x9", true)]
    [InlineData("a", false)]
    [InlineData("Data-Bridge", false)]
    [InlineData("data bridge", false)]
    [InlineData("-bridge", false)]
    [InlineData("a2345678901234567890123456789012345678901", false)]
    public void CheckProduct_AcceptsOnlyLowerCaseCodesOfTwoToFortyCharacters(string code, bool valid)
    {
        var errors = ScopeRules.CheckProduct(new Product { Code = code, Name = "DataBridge" });

        errors.Any(e => e.Field == "code").Should().Be(!valid);
    }

    [Fact]
    public void CheckProduct_RequiresTheName()
    {
        ScopeRules.CheckProduct(new Product { Code = "data-bridge", Name = "" }).Should().ContainSingle(e => e.Field == "name");
    }

    [Fact]
    public void CheckRelease_RequiresNameAndDate_AndRefusesEndOfSupportBeforeTheRelease()
    {
        ScopeRules.CheckRelease(new ProductRelease { Name = "", ReleasedOn = default })
            .Select(e => e.Field).Should().Equal("name", "releasedOn");
        ScopeRules.CheckRelease(new ProductRelease { Name = "5.0", ReleasedOn = new(2026, 5, 1), EndOfSupportOn = new(2026, 4, 30) })
            .Should().ContainSingle(e => e.Field == "endOfSupportOn" && e.Message.Contains("1 May 2026", StringComparison.Ordinal));
        ScopeRules.CheckRelease(new ProductRelease { Name = "5.0", ReleasedOn = new(2026, 5, 1), EndOfSupportOn = new(2026, 5, 1) })
            .Should().BeEmpty();
    }

    [Fact]
    public void CheckEnvironment_RequiresACodeAndName()
    {
        ScopeRules.CheckEnvironment(new TargetEnvironment { Code = "Ubuntu 24", Name = "" })
            .Select(e => e.Field).Should().Equal("code", "name");
        ScopeRules.CheckEnvironment(new TargetEnvironment { Code = "ubuntu-24.04", Name = "Ubuntu 24.04 LTS" }).Should().BeEmpty();
    }
}
