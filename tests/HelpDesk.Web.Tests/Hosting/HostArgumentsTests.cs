using HelpDesk.Web.Hosting;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>The configuration files are read once, at start, and an operator can ask for them to be read on change.</summary>
public sealed class HostArgumentsTests
{
    [Fact]
    public void HostArguments_TurnReloadingOff_BeforeTheOperatorsOwn_SoALaterArgumentTurnsItBackOn()
    {
        var arguments = HelpDeskStartup.HostArguments(["--urls", "http://127.0.0.1:5080", "--hostBuilder:reloadConfigOnChange=true"]);

        arguments.Should().Equal("--hostBuilder:reloadConfigOnChange=false", "--urls", "http://127.0.0.1:5080", "--hostBuilder:reloadConfigOnChange=true");
        new ConfigurationBuilder().AddCommandLine(arguments).Build().GetValue<bool>(HelpDeskStartup.ReloadConfigOnChange).Should().BeTrue();
    }

    [Fact]
    public void TheRunningApp_ReadsItsConfigurationFilesWithoutWatchingThem()
    {
        using var factory = new HelpDeskAppFactory();

        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        files.Should().Contain(f => f.Source.Path == "appsettings.json");
        files.Should().OnlyContain(f => !f.Source.ReloadOnChange);
    }
}
