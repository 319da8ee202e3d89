using HelpDesk.Core.Mail;
using HelpDesk.Mail.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Mail.Tests;

public sealed class MailServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHelpDeskMail_WritesToThePickupFolder_WhenNoSmtpHostIsSet()
    {
        using var provider = new ServiceCollection().AddHelpDeskMail(new SmtpSettings(), "/tmp/mail-out").BuildServiceProvider();

        provider.GetRequiredService<IMailTransport>().Should().BeOfType<PickupDirectoryTransport>()
            .Which.Directory.Should().Be("/tmp/mail-out");
        provider.GetRequiredService<IInboundMailParser>().Should().BeOfType<HelpDesk.Mail.Inbound.MimeInboundParser>();
    }

    [Fact]
    public void AddHelpDeskMail_SendsOverSmtp_WhenAHostIsSet()
    {
        using var provider = new ServiceCollection().AddHelpDeskMail(new SmtpSettings { Host = "smtp.example.test" }, "/tmp/mail-out").BuildServiceProvider();

        provider.GetRequiredService<IMailTransport>().Should().BeOfType<SmtpMailTransport>();
    }
}
