using HelpDesk.Core.Mail;
using HelpDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Web.Tests.Mail;

public sealed class MailSettingsTests
{
    [Fact]
    public void ReadMail_KeepsTheDefaults_WhenTheSectionIsMissing()
    {
        MailSettingsReader.ReadMail(Configuration([])).Should().BeEquivalentTo(new MailSettings());
        var smtp = MailSettingsReader.ReadSmtp(Configuration([]), "/srv/helpdesk");
        smtp.WritesFiles.Should().BeTrue();
        smtp.PickupDirectory.Should().Be(Path.GetFullPath("App_Data/mail-out", "/srv/helpdesk"));
        MailSettingsReader.ReadIngress(Configuration([])).IsConfigured.Should().BeFalse();
    }

    [Fact]
    public void ReadMail_TakesEverySetting()
    {
        var configuration = Configuration(new()
        {
            ["Mail:SupportAddress"] = "Help@Example.com",
            ["Mail:SupportName"] = "Example Help",
            ["Mail:ThrottleMessages"] = "5",
            ["Mail:ThrottleMinutes"] = "15",
            ["Mail:UnknownSendersOrganisation"] = "Strangers",
            ["Mail:MaxMessageBytes"] = "1048576",
            ["Mail:MaxAttempts"] = "3",
            ["Mail:FirstRetry"] = "00:00:30",
            ["Mail:MaxRetry"] = "01:00:00",
            ["Mail:Smtp:Host"] = "smtp.example.com",
            ["Mail:Smtp:Port"] = "465",
            ["Mail:Smtp:TlsMode"] = "sslonconnect",
            ["Mail:Smtp:UserName"] = "help",
            ["Mail:Smtp:Password"] = "secret",
            ["Mail:IngressApiKey"] = "k",
            ["Mail:Html:MaxChars"] = "200000",
            ["Mail:Html:MaxDepth"] = "40",
            ["Mail:Html:MaxElements"] = "5000",
            ["Mail:Html:MaxAttributes"] = "20",
            ["Mail:Html:Budget"] = "00:00:00.500",
            ["Mail:TrustedAuthServId"] = " mx.example.com ",
            ["Mail:TrustedRelays:0"] = "gateway.example.com",
            ["Mail:TrustedRelays:1"] = "192.0.2.7",
            ["Mail:Acknowledgements:PerAddress"] = "2",
            ["Mail:Acknowledgements:PerDomain"] = "9",
            ["Mail:Acknowledgements:Total"] = "90",
            ["Mail:Acknowledgements:Window"] = "00:30:00",
        });

        var mail = MailSettingsReader.ReadMail(configuration);
        var smtp = MailSettingsReader.ReadSmtp(configuration, "/srv");

        mail.Should().BeEquivalentTo(new MailSettings
        {
            SupportAddress = "help@example.com",
            SupportName = "Example Help",
            ThrottleMessages = 5,
            ThrottleMinutes = 15,
            UnknownSendersOrganisation = "Strangers",
            MaxMessageBytes = 1048576,
            MaxAttempts = 3,
            FirstRetry = TimeSpan.FromSeconds(30),
            MaxRetry = TimeSpan.FromHours(1),
            Html = new MailHtmlLimits { MaxChars = 200_000, MaxDepth = 40, MaxElements = 5000, MaxAttributes = 20, Budget = TimeSpan.FromMilliseconds(500) },
            TrustedAuthServId = "mx.example.com",
            TrustedRelays = ["gateway.example.com", "192.0.2.7"],
            Acknowledgements = new AcknowledgementLimits { PerAddress = 2, PerDomain = 9, Total = 90, Window = TimeSpan.FromMinutes(30) },
        });
        smtp.Should().Be(new OutboundMailServer("smtp.example.com", 465, MailTlsMode.SslOnConnect, "help", "secret", smtp.PickupDirectory));
        smtp.ToString().Should().NotContain("secret");
        MailSettingsReader.ReadIngress(configuration).ApiKey.Should().Be("k");
    }

    [Theory]
    [InlineData("Mail:SupportAddress", "not an address")]
    [InlineData("Mail:ThrottleMessages", "0")]
    [InlineData("Mail:MaxMessageBytes", "lots")]
    [InlineData("Mail:FirstRetry", "soon")]
    [InlineData("Mail:MaxRetry", "00:00:01")]
    [InlineData("Mail:UnknownSendersOrganisation", " ")]
    [InlineData("Mail:Smtp:TlsMode", "maybe")]
    [InlineData("Mail:Smtp:Port", "70000")]
    [InlineData("Mail:Acknowledgements:PerDomain", "0")]
    [InlineData("Mail:Acknowledgements:Window", "00:00:10")]
    public void Read_StopsStartUpNamingTheSetting_WhenItCannotBeUsed(string key, string value)
    {
        var configuration = Configuration(new() { [key] = value });

        var read = () =>
        {
            MailSettingsReader.ReadMail(configuration);
            MailSettingsReader.ReadSmtp(configuration, "/srv");
        };

        read.Should().Throw<StartupConfigurationException>().Which.Message.Should().Contain(key).And.Contain(value);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
