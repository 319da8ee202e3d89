using System.Net;
using System.Text.Json;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Mail;

public sealed class MailHealthTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task AFailingMailbox_MakesHealthDegraded_AndPutsABannerOnTheAdminAndDeskPages_UntilItRecovers()
    {
        var mailboxes = app.Services.GetRequiredService<IMailboxStore>();
        var id = (await mailboxes.CreateAsync(new Mailbox { Name = "sales", Host = "imap.example.com", UserName = "sales" }, DateTime.UtcNow))!.Value;
        await PollAsync(mailboxes, id, "Authentication failed");
        await PollAsync(mailboxes, id, "Authentication failed");
        (await MailCheckAsync()).Status.Should().Be("Healthy", "two failures are not yet a pattern");

        await PollAsync(mailboxes, id, "Authentication failed");

        var (status, description) = await MailCheckAsync();
        status.Should().Be("Degraded");
        description.Should().Contain("sales").And.Contain("3").And.Contain("Authentication failed");
        var admin = await app.SignInAsync("admin@helpdesk.test");
        var engineer = await app.SignInAsync("engineer@helpdesk.test");
        (await admin.GetStringAsync("/admin")).Should().Contain("mail-banner").And.Contain("Mailbox sales has failed 3 polls");
        (await engineer.GetStringAsync("/desk")).Should().Contain("mail-banner");
        var customer = await app.SignInAsync("customer@northwind.example");
        (await customer.GetStringAsync("/portal")).Should().NotContain("mail-banner");

        await PollAsync(mailboxes, id, null);

        (await MailCheckAsync()).Status.Should().Be("Healthy");
        (await engineer.GetStringAsync("/desk")).Should().NotContain("mail-banner");
    }

    private async Task PollAsync(IMailboxStore mailboxes, int id, string? error)
    {
        var poll = await mailboxes.StartPollAsync(id, DateTime.UtcNow);
        await mailboxes.FinishPollAsync(new MailboxPoll { Id = poll, MailboxId = id, Error = error }, DateTime.UtcNow);
        app.Services.GetRequiredService<MailHealth>().Forget();
    }

    private async Task<(string Status, string Description)> MailCheckAsync()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a degraded mail check leaves the app serving");
        var mail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("mail");
        return (mail.GetProperty("status").GetString()!, mail.GetProperty("description").GetString()!);
    }
}
