using HelpDesk.Core.Offers;
using HelpDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Web.Tests.Offers;

public sealed class OfferSettingsTests
{
    [Fact]
    public void Read_KeepsThirtyDays_WhenTheSettingIsMissing()
    {
        OfferSettingsReader.Read(Configuration([])).ExpiryDays.Should().Be(30);
    }

    [Fact]
    public void Read_TakesTheConfiguredExpiry()
    {
        OfferSettingsReader.Read(Configuration(new() { ["Offers:ExpiryDays"] = "14" })).Should().Be(new OfferSettings { ExpiryDays = 14 });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("a month")]
    public void Read_StopsStartUp_NamingABadSetting(string value)
    {
        var read = () => OfferSettingsReader.Read(Configuration(new() { ["Offers:ExpiryDays"] = value }));

        read.Should().Throw<StartupConfigurationException>().WithMessage($"*Offers:ExpiryDays is '{value}'; it must be a whole number from 1 to 365*");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
