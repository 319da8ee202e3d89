using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Web.Tests.Routing;

public sealed class RoutingSettingsTests
{
    [Fact]
    public void ReadRouting_KeepsTheDefaults_WhenTheSectionIsMissing()
    {
        var settings = RoutingSettingsReader.ReadRouting(Configuration([]));

        settings.Should().BeEquivalentTo(new RoutingSettings());
        RoutingSettingsReader.ReadSla(Configuration([])).Should().Be(new SlaSettings());
    }

    [Fact]
    public void ReadRouting_ReplacesTheDefaultSegments_RatherThanAddingToThem()
    {
        var settings = RoutingSettingsReader.ReadRouting(Configuration(new()
        {
            ["Routing:ProficiencyFirstSegments:0"] = "Key",
            ["Routing:ProficiencyFirstSegments:1"] = "self-service",
            ["Routing:ProficiencyFirstSeverity"] = "Critical",
            ["Routing:NormalProficiency"] = "3",
            ["Routing:ExpectedMinutesPerCase"] = "90",
            ["Sla:AtRiskPercent"] = "80",
            ["Sla:EscalateBreachedCritical"] = "false",
        }));

        settings.ProficiencyFirstSegments.Should().Equal(CustomerSegment.Key, CustomerSegment.SelfService);
        settings.ProficiencyFirstSeverity.Should().Be(Severity.Critical);
        settings.NormalProficiency.Should().Be(3);
        settings.ExpectedMinutesPerCase.Should().Be(90);
        settings.CriticalProficiency.Should().Be(new RoutingSettings().CriticalProficiency);
        var sla = RoutingSettingsReader.ReadSla(Configuration(new() { ["Sla:AtRiskPercent"] = "80", ["Sla:EscalateBreachedCritical"] = "false" }));
        sla.AtRiskPercent.Should().Be(80);
        sla.EscalateBreachedCritical.Should().BeFalse();
    }

    [Fact]
    public void ReadRouting_TakesSegmentsAsOneCommaSeparatedValue_AndAnEmptyValueAsNone()
    {
        RoutingSettingsReader.ReadRouting(Configuration(new() { ["Routing:ProficiencyFirstSegments"] = "Strategic, Key" }))
            .ProficiencyFirstSegments.Should().Equal(CustomerSegment.Strategic, CustomerSegment.Key);
        RoutingSettingsReader.ReadRouting(Configuration(new() { ["Routing:ProficiencyFirstSegments"] = "" }))
            .ProficiencyFirstSegments.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Routing:CriticalProficiency", "6", "Routing:CriticalProficiency")]
    [InlineData("Routing:ProficiencyFirstSegments:0", "Gold", "Routing:ProficiencyFirstSegments")]
    [InlineData("Routing:ProficiencyFirstSeverity", "7", "Routing:ProficiencyFirstSeverity")]
    [InlineData("Routing:ExpectedMinutesPerCase", "two hours", "Routing:ExpectedMinutesPerCase")]
    [InlineData("Sla:AtRiskPercent", "100", "Sla:AtRiskPercent")]
    [InlineData("Sla:EscalateBreachedCritical", "sometimes", "Sla:EscalateBreachedCritical")]
    public void Read_StopsStartUpNamingTheSetting_WhenItCannotBeUsed(string key, string value, string named)
    {
        var configuration = Configuration(new() { [key] = value });

        var read = () =>
        {
            RoutingSettingsReader.ReadRouting(configuration);
            RoutingSettingsReader.ReadSla(configuration);
        };

        read.Should().Throw<StartupConfigurationException>().Which.Message.Should().Contain(named).And.Contain(value);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
