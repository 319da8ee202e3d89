using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tests.Scope;

public sealed class ScopeHistoryTests
{
    public static TheoryData<int?, string, string[]> Windows => new()
    {
        { 0, "2026-03-01", ["4.1"] },
        { 2, "2026-03-01", ["3.1", "4.0", "4.1"] },
        { 3, "2026-03-01", ["3.1", "4.0", "4.1"] },
        { 2, "2026-01-31", ["3.1", "4.0"] },
        { 2, "2027-01-31", ["3.1", "4.0", "4.1"] },
        { 2, "2027-02-01", ["3.1", "4.1"] },
        { null, "2025-03-01", ["3.0", "3.1", "4.0"] },
        { null, "2025-03-02", ["3.1", "4.0"] },
        { 2, "2023-02-28", [] },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void SupportedReleases_KeepsTheWindowAndDropsReleasesPastTheirEndOfSupport(int? back, string day, string[] expected) =>
        ScopeHistory.SupportedReleases(ScopeSamples.Releases, back, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => r.Name).Should().Equal(expected);

    [Fact]
    public void InForce_IsTheNewestVersionEffectiveAndPublishedByThen()
    {
        var v1 = ScopeSamples.Scope();
        var v2 = v1 with { Id = 11, Number = 2, EffectiveOn = new(2026, 6, 1), PublishedUtc = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc) };
        var draft = v1 with { Id = 12, Number = 0, Status = ScopeStatus.Draft, PublishedUtc = null, EffectiveOn = new(2026, 1, 1) };
        ScopeOfSupport[] versions = [v2, v1, draft];

        ScopeHistory.InForce(versions, new DateTime(2025, 12, 31, 23, 59, 0, DateTimeKind.Utc)).Should().BeNull();
        ScopeHistory.InForce(versions, new DateTime(2026, 5, 31, 23, 59, 0, DateTimeKind.Utc))!.Number.Should().Be(1);
        ScopeHistory.InForce(versions, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc))!.Number.Should().Be(2);
        ScopeHistory.Latest(versions)!.Number.Should().Be(2);
    }

    [Fact]
    public void EnvironmentCodes_AreEveryPublishedVersionsEnvironments_NotTheDrafts()
    {
        var v1 = ScopeSamples.Scope() with { EnvironmentCodes = ["linux", "windows"] };
        var v2 = v1 with { Id = 11, Number = 2, EnvironmentCodes = ["LINUX", "macos"] };
        var draft = v1 with { Id = 12, Number = 0, Status = ScopeStatus.Draft, EnvironmentCodes = ["solaris"] };

        ScopeHistory.EnvironmentCodes([v1, v2, draft]).Should().BeEquivalentTo(["linux", "windows", "macos"]);
        ScopeHistory.EnvironmentCodes([draft]).Should().BeEmpty();
    }

    [Fact]
    public void ReadAsOf_IsTodayWhileInForce_TheEffectiveDateBefore_AndTheLastDayOnceReplaced()
    {
        var v1 = ScopeSamples.Scope();
        var v2 = v1 with { Id = 11, Number = 2, EffectiveOn = new(2026, 6, 1) };
        ScopeOfSupport[] versions = [v1, v2];

        ScopeHistory.ReadAsOf(v1, versions, new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc)).Should().Be(new DateOnly(2026, 3, 5));
        ScopeHistory.ReadAsOf(v2, versions, new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc)).Should().Be(new DateOnly(2026, 6, 1));
        ScopeHistory.ReadAsOf(v1, versions, new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc)).Should().Be(new DateOnly(2026, 5, 31));
    }
}
