using HelpDesk.Core.Scope;
using HelpDesk.Web.Demo;

namespace HelpDesk.Web.Tests.Demo;

public sealed class DemoCatalogueTests
{
    [Fact]
    public void Products_HaveSeveralReleasesOverSeveralYears_SomePastTheirEndOfSupport()
    {
        DemoCatalogue.Products.Should().HaveCount(3);
        DemoCatalogue.Products.Should().OnlyContain(p => p.Releases.Count >= 5 && p.Releases.Count <= 8);
        DemoCatalogue.Products.Should().OnlyContain(p => p.Releases.Max(r => r.ReleasedDaysAgo) > 2 * 365);
        DemoCatalogue.Products.SelectMany(p => p.Releases).Should().Contain(r => r.SupportEndsInDays < 0);
        DemoCatalogue.Environments.Should().HaveCountGreaterThanOrEqualTo(10);
        DemoCatalogue.Environments.Select(e => e.Kind).Distinct().Should().HaveCount(Enum.GetValues<EnvironmentKind>().Length);
    }

    [Fact]
    public void Scopes_NameOnlyCatalogueEnvironments_AndExcludeOnlyKnownCategories()
    {
        var codes = DemoCatalogue.Environments.Select(e => e.Code).ToHashSet();
        var scopes = DemoCatalogue.Products.SelectMany(p => new[] { p.Earlier, p.Current }).ToList();

        scopes.Should().OnlyContain(s => s.Environments.All(codes.Contains));
        scopes.Should().OnlyContain(s => s.OutOfScope.All(c => RequestCategories.OutOfScope.Any(o => o.Code == c.Category)));
        DemoCatalogue.Products.SelectMany(p => p.CustomerEnvironments).Should().OnlyContain(code => codes.Contains(code));
        DemoText.Problems.Should().OnlyContain(p => RequestCategories.Find(p.Category) != null && DemoCatalogue.Products.Any(d => d.Code == p.Product));
    }

    [Fact]
    public void CurrentScope_DiffersFromTheEarlierOne_ForEveryProduct()
    {
        DemoCatalogue.Products.Should().OnlyContain(p =>
            p.Earlier.ReleasesBack != p.Current.ReleasesBack
            || !p.Earlier.Environments.SequenceEqual(p.Current.Environments)
            || p.Earlier.ThirdPartyIntegration != p.Current.ThirdPartyIntegration);
        DemoCatalogue.Products.Should().OnlyContain(p => p.Earlier.ChangeNote != p.Current.ChangeNote);
    }

    [Theory]
    [InlineData(2026, "2026-01-01,2026-04-03,2026-04-06,2026-05-04,2026-05-25,2026-08-31,2026-12-25,2026-12-28")]
    [InlineData(2027, "2027-01-01,2027-03-26,2027-03-29,2027-05-03,2027-05-31,2027-08-30,2027-12-27,2027-12-28")]
    public void EnglandAndWales_BankHolidays_FollowTheRules(int year, string expected)
    {
        DemoHolidays.EnglandAndWales(year).Select(h => h.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(expected.Split(','));
    }

    [Theory]
    [InlineData(2026, "2026-01-01,2026-01-19,2026-02-16,2026-05-25,2026-06-19,2026-07-03,2026-09-07,2026-10-12,2026-11-11,2026-11-26,2026-12-25")]
    [InlineData(2027, "2027-01-01,2027-01-18,2027-02-15,2027-05-31,2027-06-18,2027-07-05,2027-09-06,2027-10-11,2027-11-11,2027-11-25,2027-12-24")]
    public void UnitedStates_FederalHolidays_FollowTheRules(int year, string expected)
    {
        DemoHolidays.UnitedStates(year).Select(h => h.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(expected.Split(','));
    }
}
