using HelpDesk.Core.Contracts;
using HelpDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Web.Tests.Hosting;

public sealed class MoneySettingsTests
{
    [Fact]
    public void ReadCurrency_IsUsd_WhenTheSettingIsLeftOut()
    {
        MoneySettingsReader.ReadCurrency(Configuration([])).Should().Be(Currency.Default);
        RoutingSettingsReader.ReadRouting(Configuration([])).Currency.Code.Should().Be("USD");
    }

    [Fact]
    public void ReadCurrency_TakesAnIsoCode_InAnyCase_AndTheRouterCostsInIt()
    {
        var configuration = Configuration(new() { ["Money:Currency"] = " gbp " });

        MoneySettingsReader.ReadCurrency(configuration).Code.Should().Be("GBP");
        RoutingSettingsReader.ReadRouting(configuration).Currency.Code.Should().Be("GBP");
    }

    [Theory]
    [InlineData("dollars")]
    [InlineData("$")]
    [InlineData("ABC")]
    public void ReadCurrency_StopsStartUpNamingTheSetting_WhenItIsNotACurrencyCode(string value)
    {
        var read = () => MoneySettingsReader.ReadCurrency(Configuration(new() { ["Money:Currency"] = value }));

        read.Should().Throw<StartupConfigurationException>().Which.Message.Should().Contain("Money:Currency").And.Contain(value).And.Contain("ISO 4217");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
